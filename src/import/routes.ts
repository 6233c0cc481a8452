import { z } from "zod";
import { idempotent } from "../platform/http/idempotency.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from "./columns.js";
import { csvCell } from "./csv.js";
import { localizedText, problemLanguage } from "../platform/problem-language.js";
import { ADDRESS_MODES } from "./merge.js";
import type { ReportRow } from "./store.js";
import { RUN_MODES } from "./queue.js";
import {
  appendImportPart,
  createImport,
  getImport,
  importReport,
  MAX_FILE_CHARACTERS,
  MAX_PART_CHARACTERS,
  startImportRun,
} from "./service.js";

const importParams = z.object({
  importId: z
    .string()
    .regex(/^imp_[A-Za-z0-9_-]{8,40}$/, "is not an import id")
    .describe("The import's id (`imp_…`)"),
});
const rowError = z.object({
  path: z.string().describe("The column (empty: the row or file itself)"),
  message: z.string(),
});
const runState = z.object({
  mode: z.enum(RUN_MODES),
  status: z.enum(["queued", "running", "done", "failed"]),
  total: z.number().int().nullable(),
  processed: z.number().int(),
  ok: z.number().int().describe("dry run: rows that would be saved; apply: rows saved"),
  unchanged: z.number().int(),
  failed: z.number().int(),
  percent: z.number().int(),
  fileErrors: z.array(rowError),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
const importView = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    mode: z.enum(ADDRESS_MODES).describe("How rows meet the addresses devices have (see createLocationImport)"),
    upload: z.object({ parts: z.number().int(), characters: z.number().int(), complete: z.boolean() }),
    runs: z.object({ "dry-run": runState.optional(), apply: runState.optional() }),
  })
  .meta({ id: "LocationImport" });
const reportRow = z.object({
  row: z.number().int().describe("Spreadsheet row number (the header is row 1)"),
  accountId: z.string(),
  deviceId: z.string(),
  outcome: z
    .enum(["valid", "invalid", "saved", "unchanged", "failed", "conflict"])
    .describe("`conflict`: the device changed after the dry run, so the row was not written"),
  errors: z.array(rowError),
  locationVersion: z.number().int().nullable(),
  diff: z
    .array(
      z.object({
        field: z.string().describe("A CivicAddress field"),
        before: z.string().nullable(),
        after: z.string().nullable(),
      }),
    )
    .describe("What the row changes (dry run) or changed (real run), field by field; empty: nothing"),
  checkedVersion: z
    .number()
    .int()
    .nullable()
    .describe(
      "The device's location version the row was checked against (0: no location yet); the real run writes only onto the version its dry run saw",
    ),
});

const csvText = z
  .string()
  .max(MAX_PART_CHARACTERS, `must be at most ${MAX_PART_CHARACTERS} characters per part; send the rest with …/parts`);
const COLUMNS_DOC =
  `CSV (RFC 4180, UTF-8, comma or semicolon), first line the column names: ${IMPORT_COLUMNS.join(", ")}. ` +
  `Required columns: ${REQUIRED_COLUMNS.join(", ")}; the address columns are the contract's CivicAddress fields and follow the country's rules as PUT …/location does. ` +
  `Files over ${MAX_PART_CHARACTERS} characters are sent in parts (at most ${MAX_FILE_CHARACTERS} characters in all).`;

/** Bulk location imports: upload a CSV, dry-run it, run it; the worker does the reading and writing. */
export function importRoutes(api: Api): void {
  const roles = ["admin", "fulfillment"] as const;
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/location-imports",
      operationId: "createLocationImport",
      scope: "none",
      tag: "Location imports",
      summary: "Upload a CSV of device locations (first part)",
      description: `${COLUMNS_DOC} Nothing is read or written until a run is started. Accepts Idempotency-Key.`,
      roles,
      body: z
        .object({
          name: z.string().trim().max(200).optional(),
          csv: csvText,
          complete: z.boolean().default(true).describe("false when more parts follow"),
          mode: z
            .enum(ADDRESS_MODES)
            .default("merge")
            .describe(
              "`merge` (default): a row's non-empty cells change those address fields and every other field keeps its value (an empty cell or a missing column never clears one). `replace`: each row is the whole new address; fields it does not give are cleared.",
            ),
        })
        .strict(),
      responses: { 201: { description: "The import", schema: importView } },
    },
    async ({ body, principal, req, res }) => {
      const reply = await idempotent(api.ctx, req, "location-imports", async () => ({
        status: 201,
        body: await createImport(api.ctx, principal, body),
      }));
      res
        .status(reply.status)
        .set(reply.headers ?? {})
        .json(reply.body);
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/location-imports/{importId}/parts",
      operationId: "addLocationImportPart",
      scope: "none",
      tag: "Location imports",
      summary: "Upload the next part of the file",
      description:
        "Parts are numbered from 0 (the first came with the import) and sent in order; resending a part already received changes nothing.",
      roles,
      params: importParams,
      body: z.object({ index: z.number().int().min(1), csv: csvText, complete: z.boolean() }).strict(),
      responses: {
        200: { description: "The import", schema: importView },
        409: { description: "Out of order, or the upload is complete" },
        413: { description: "The file is too large" },
      },
    },
    async ({ params, body, principal, res }) => {
      res.json(await appendImportPart(api.ctx, principal, params.importId, body.index, body.csv, body.complete));
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/location-imports/{importId}/runs",
      operationId: "runLocationImport",
      scope: "none",
      tag: "Location imports",
      summary: "Start the dry run or the real run",
      description:
        "`dry-run` checks every row (address rules, the device exists and its service country), shows each row's before → after change (`diff` in the report) and flags a device listed more than once in the file; it writes nothing. " +
        "`apply` saves every good row's location (with history, and notices for active devices) and reports the others; after a dry run it writes only onto the device version the dry run saw (a device changed in between comes out `conflict`, not overwritten), and a device listed twice is never written. Runs as a background job; poll the import for progress. Each mode runs once per import.",
      roles,
      params: importParams,
      body: z.object({ mode: z.enum(RUN_MODES) }).strict(),
      responses: {
        202: { description: "The import with the run queued (or as it stands)", schema: importView },
        409: { description: "The upload is not complete" },
      },
    },
    async ({ params, body, principal, res }) => {
      res.status(202).json(await startImportRun(api.ctx, principal, params.importId, body.mode));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/location-imports/{importId}",
      operationId: "getLocationImport",
      scope: "none",
      tag: "Location imports",
      summary: "An import and its runs' progress",
      roles,
      params: importParams,
      responses: { 200: { description: "The import", schema: importView } },
    },
    async ({ params, principal, res }) => {
      res.set("Cache-Control", "no-store").json(await getImport(api.ctx, principal, params.importId));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/location-imports/{importId}/report",
      operationId: "getLocationImportReport",
      scope: "none",
      tag: "Location imports",
      summary: "A run's report: every row's outcome and errors",
      description:
        "JSON pages, or with `format=csv` the whole report as a CSV file (row, accountId, deviceId, outcome, column, message; one line per error).",
      roles,
      params: importParams,
      query: z
        .object({
          mode: z.enum(RUN_MODES).describe("Which run's report: the dry run or the real one"),
          problems: z
            .enum(["true", "false"])
            .default("false")
            .describe("only rows that were not (or would not be) saved"),
          format: z.enum(["json", "csv"]).default("json").describe("`csv`: the whole report as one file"),
          offset: z.coerce.number().int().min(0).default(0).describe("How many rows to skip (JSON pages)"),
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
        })
        .strict(),
      responses: {
        200: {
          description: "Report rows in file order",
          schema: z.object({ items: z.array(reportRow), total: z.number().int() }),
        },
      },
    },
    async ({ params, query, principal, req, res }) => {
      const onlyProblems = query.problems === "true";
      // Row messages were written by the worker in English; they are read in the request's language.
      const lng = problemLanguage(req.headers["accept-language"]);
      const inLanguage = (items: ReportRow[]) =>
        items.map((row) => ({
          ...row,
          errors: row.errors.map((e) => ({ path: e.path, message: localizedText("fields", e.message, lng) })),
        }));
      if (query.format === "json") {
        const page = await importReport(api.ctx, principal, params.importId, query.mode, {
          onlyProblems,
          offset: query.offset,
          limit: query.limit,
        });
        res.set({ "Content-Language": lng, Vary: "Accept-Language" }).json({ ...page, items: inLanguage(page.items) });
        return;
      }
      const lines = ["row,accountId,deviceId,outcome,locationVersion,column,message"];
      const page = 1_000;
      for (let offset = 0; ; offset += page) {
        const { items } = await importReport(api.ctx, principal, params.importId, query.mode, {
          onlyProblems,
          offset,
          limit: page,
        });
        for (const row of inLanguage(items)) {
          const base = [row.row, row.accountId, row.deviceId, row.outcome, row.locationVersion].map(csvCell).join(",");
          if (row.errors.length === 0) lines.push(`${base},,`);
          for (const error of row.errors) lines.push(`${base},${csvCell(error.path)},${csvCell(error.message)}`);
        }
        if (items.length < page) break;
      }
      res
        .status(200)
        .type("text/csv; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${params.importId}-${query.mode}-report.csv"`)
        .send(`\uFEFF${lines.join("\r\n")}\r\n`);
    },
  );
}
