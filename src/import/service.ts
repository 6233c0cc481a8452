import { randomBytes } from "node:crypto";
import { actorOf, type Principal } from "../platform/principal.js";
import type { Context } from "../platform/context.js";
import { ConflictError, NotFoundError, ProblemError } from "../platform/errors.js";
import type { AddressMode } from "./merge.js";
import { importJobId, locationImportQueue, type RunMode } from "./queue.js";
import { ImportStore, type ImportMeta, type ReportRow, type RunState, type UploadState } from "./store.js";

/** A part of the file, in characters: well under the API's 256 KB body limit in UTF-8. */
export const MAX_PART_CHARACTERS = 60_000;
/** A whole file: enough for 100k rows of a typical address. */
export const MAX_FILE_CHARACTERS = 20_000_000;
export const MAX_PARTS = 2_000;

/** What `GET /v1/location-imports/{id}` answers. */
export interface ImportView {
  id: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
  mode: AddressMode;
  upload: UploadState;
  runs: Partial<Record<RunMode, RunState & { percent: number }>>;
}

function store(ctx: Context): ImportStore {
  return new ImportStore(ctx);
}

/**
 * Starts an upload with its first part (a file that fits one request is complete at once).
 * Bigger files follow with `appendImportPart`; the file is only read by the worker.
 */
export async function createImport(
  ctx: Context,
  by: Principal,
  input: { name?: string | undefined; csv: string; complete: boolean; mode?: AddressMode | undefined },
): Promise<ImportView> {
  const meta: ImportMeta = {
    id: `imp_${randomBytes(12).toString("base64url")}`,
    name: input.name ?? null,
    mode: input.mode ?? "merge",
    createdAt: ctx.now().toISOString(),
    createdBy: actorOf(by),
    principal: by,
  };
  const imports = store(ctx);
  await imports.create(meta);
  await appendImportPart(ctx, by, meta.id, 0, input.csv, input.complete);
  return getImport(ctx, by, meta.id);
}

/** Adds part `index` (0-based, in order); resending a part already received changes nothing. */
export async function appendImportPart(
  ctx: Context,
  by: Principal,
  id: string,
  index: number,
  csv: string,
  complete: boolean,
): Promise<ImportView> {
  await readOwn(ctx, by, id);
  const { code, upload } = await store(ctx).appendPart(id, index, csv, complete, {
    parts: MAX_PARTS,
    characters: MAX_FILE_CHARACTERS,
  });
  if (code === -1)
    throw new ConflictError(
      "import-upload-complete",
      "Upload complete",
      "The file was marked complete; start a new import to send another file.",
    );
  if (code === -2)
    throw new ConflictError(
      "import-part-out-of-order",
      "Part out of order",
      `Part ${upload.parts} is the next one expected.`,
    );
  if (code === -3)
    throw new ProblemError(
      413,
      "import-too-large",
      "Import too large",
      `A file may have at most ${MAX_FILE_CHARACTERS} characters in ${MAX_PARTS} parts.`,
    );
  return getImport(ctx, by, id);
}

/**
 * Queues a dry run (every row checked, nothing written) or the real run. Each runs once per
 * import: asking again answers with the run as it stands.
 */
export async function startImportRun(ctx: Context, by: Principal, id: string, mode: RunMode): Promise<ImportView> {
  const found = await readOwn(ctx, by, id);
  if (!found.upload.complete)
    throw new ConflictError(
      "import-upload-incomplete",
      "Upload incomplete",
      "Send the remaining parts (the last with complete: true) first.",
    );
  const state: RunState = {
    mode,
    status: "queued",
    total: null,
    processed: 0,
    ok: 0,
    unchanged: 0,
    failed: 0,
    fileErrors: [],
    queuedAt: ctx.now().toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  if (await store(ctx).claimRun(id, state)) {
    const job = { importId: id, mode };
    await locationImportQueue(ctx).add(mode, job, { jobId: importJobId(job) });
  }
  return getImport(ctx, by, id);
}

export async function getImport(ctx: Context, by: Principal, id: string): Promise<ImportView> {
  const found = await readOwn(ctx, by, id);
  const runs: ImportView["runs"] = {};
  for (const [mode, run] of Object.entries(found.runs) as [RunMode, RunState][]) {
    runs[mode] = { ...run, percent: await percentOf(ctx, id, run) };
  }
  return {
    id,
    name: found.meta.name,
    createdAt: found.meta.createdAt,
    createdBy: found.meta.createdBy,
    mode: found.meta.mode ?? "merge",
    upload: found.upload,
    runs,
  };
}

/** While a run is going, the bar follows the job's own progress (what the worker reports to BullMQ). */
async function percentOf(ctx: Context, id: string, run: RunState): Promise<number> {
  if (run.status === "done") return 100;
  if (run.status === "running") {
    const job = await locationImportQueue(ctx).getJob(importJobId({ importId: id, mode: run.mode }));
    const progress = job?.progress as { percent?: number } | number | undefined;
    if (typeof progress === "number") return progress;
    if (progress && typeof progress.percent === "number") return progress.percent;
  }
  return run.total ? Math.floor((100 * run.processed) / run.total) : 0;
}

/** A page of a run's report, in file order; `onlyProblems` keeps the rows that were not (or would not be) saved. */
export async function importReport(
  ctx: Context,
  by: Principal,
  id: string,
  mode: RunMode,
  options: { onlyProblems: boolean; offset: number; limit: number },
): Promise<{ items: ReportRow[]; total: number }> {
  const found = await readOwn(ctx, by, id);
  if (!found.runs[mode]) throw new NotFoundError("run");
  const imports = store(ctx);
  const total = await imports.reportLength(id, mode);
  if (!options.onlyProblems) return { items: await imports.report(id, mode, options.offset, options.limit), total };
  // Problems only: walk the report in pages (it is in file order; 100k rows at most).
  const items: ReportRow[] = [];
  let skipped = 0;
  for (let start = 0; start < total && items.length < options.limit; start += 1_000) {
    for (const row of await imports.report(id, mode, start, 1_000)) {
      if (row.outcome !== "invalid" && row.outcome !== "failed" && row.outcome !== "conflict") continue;
      if (skipped++ < options.offset) continue;
      items.push(row);
      if (items.length === options.limit) break;
    }
  }
  return { items, total };
}

/** Imports are staff work; a key sees the imports of its own role's reach (customers: none). */
async function readOwn(ctx: Context, by: Principal, id: string) {
  const found = await store(ctx).read(id);
  if (!found) throw new NotFoundError("import");
  if (by.role === "customer" && found.meta.principal.accountId !== by.accountId) throw new NotFoundError("import");
  return found;
}
