import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Context } from "../platform/context.js";
import { NotFoundError, PreconditionFailedError, ProblemError } from "../platform/errors.js";
import type { Principal } from "../platform/principal.js";
import { readHeader, type Header, type RowError } from "./columns.js";
import { csvRecords, CsvSyntaxError } from "./csv.js";
import type { ImportKind, KindRow, RowPlan } from "./kind.js";
import { locationImportKind } from "./location-kind.js";
import { repeatedTargets } from "./merge.js";
import type { RunMode } from "./queue.js";
import { ImportStore, type ReportRow, type RunState } from "./store.js";

/** Rows checked or written between two progress reports (and two yields to the event loop). */
export const CHUNK_ROWS = 250;
/** The most rows a file may have. */
export const MAX_ROWS = 100_000;

export interface RunProgress {
  processed: number;
  total: number;
  percent: number;
}

/**
 * Runs one import in the worker (see runImport). The import's kind was chosen at upload (`kind`):
 * device locations unless it names one of `otherKinds` — kinds that other components define
 * (e.g. the LIS's `network-map`) and the worker edge passes in, so this component imports none
 * of them.
 */
export async function runLocationImport(
  ctx: Context,
  importId: string,
  mode: RunMode,
  report: (progress: RunProgress) => Promise<void>,
  otherKinds: Readonly<Record<string, ImportKind<KindRow, unknown>>> = {},
): Promise<RunState> {
  const found = await new ImportStore(ctx).read(importId);
  const kind = found?.meta.kind === undefined ? undefined : otherKinds[found.meta.kind];
  if (kind) return runImport(ctx, kind, importId, mode, report);
  return runImport(ctx, locationImportKind, importId, mode, report);
}

/**
 * Runs one import: reads the uploaded file part by part and plans every row (what it would
 * change, before → after, against the target's current version); the dry run reports the plans,
 * the real run writes each good row through the kind — only onto the version the dry run saw, so
 * it writes exactly what the dry run showed, and a target changed in between is reported as a
 * conflict, not overwritten. Rows naming the same target twice are flagged and not written.
 * Works in chunks, yielding between them, so an API sharing the process stays responsive;
 * reports progress after each chunk. A retried job starts over: the report is rewritten, and
 * rows saved by the failed attempt come out `unchanged`.
 */
export async function runImport<Row extends KindRow, Write>(
  ctx: Context,
  kind: ImportKind<Row, Write>,
  importId: string,
  mode: RunMode,
  report: (progress: RunProgress) => Promise<void>,
): Promise<RunState> {
  const imports = new ImportStore(ctx);
  const found = await imports.read(importId);
  if (!found) throw new NotFoundError("import");
  const queued = found.runs[mode];
  let state: RunState = {
    ...(queued ?? { mode, queuedAt: ctx.now().toISOString() }),
    mode,
    status: "running",
    total: null,
    processed: 0,
    ok: 0,
    unchanged: 0,
    failed: 0,
    fileErrors: [],
    startedAt: ctx.now().toISOString(),
    finishedAt: null,
    error: null,
  };
  await imports.saveRun(importId, state);
  await imports.clearReport(importId, mode);

  const counted = await scanFile(imports, importId, kind);
  if (counted instanceof CsvSyntaxError) {
    // Checked before any row is read, so a broken file writes nothing.
    return finish(imports, importId, {
      ...state,
      status: "failed",
      fileErrors: [{ path: "", message: counted.message }],
    });
  }
  const { records: total, repeated } = counted;
  const addressMode = found.meta.mode ?? "merge";
  const dryRun = mode === "apply" && found.runs["dry-run"]?.status === "done" ? found.runs["dry-run"] : null;
  state = { ...state, total: Math.max(0, total - 1) };
  if (total - 1 > MAX_ROWS) {
    return finish(imports, importId, {
      ...state,
      status: "failed",
      fileErrors: [{ path: "", message: `has ${total - 1} rows; at most ${MAX_ROWS} per import` }],
    });
  }
  await imports.saveRun(importId, state);

  let header: Header | null = null;
  let pending: Row[] = [];
  let rowNumber = 0;
  const flush = async (): Promise<void> => {
    const rows = pending;
    pending = [];
    const plans = await kind.plan(ctx, rows, addressMode);
    rows.forEach((row, index) => flagRepeated(kind, row, plans[index]!, repeated));
    let results: ReportRow[];
    if (mode === "apply") {
      // The dry run's report has one entry per data row, in file order: this chunk's are here.
      const seen = dryRun ? await imports.report(importId, "dry-run", state.processed, rows.length) : [];
      const seenByRow = new Map(seen.map((r) => [r.row, r]));
      results = await applyChunk(ctx, kind, found.meta.principal, rows, plans, seenByRow, dryRun !== null);
    } else results = rows.map((row, index) => reportOf(row, plans[index]!));
    await imports.appendReport(importId, mode, results);
    for (const result of results) {
      if (result.outcome === "valid" || result.outcome === "saved") state.ok += 1;
      else if (result.outcome === "unchanged") state.unchanged += 1;
      else state.failed += 1;
    }
    state.processed += results.length;
    await imports.saveRun(importId, state);
    await report({
      processed: state.processed,
      total: state.total ?? 0,
      percent: state.total ? Math.floor((100 * state.processed) / state.total) : 100,
    });
    await yieldToEventLoop();
  };

  for await (const cells of csvRecords(fileParts(imports, importId))) {
    rowNumber += 1;
    if (!header) {
      const read = readHeader(cells, kind.columns, kind.requiredColumns);
      if ("errors" in read) return finish(imports, importId, { ...state, status: "failed", fileErrors: read.errors });
      header = read.header;
      continue;
    }
    pending.push(kind.readRow(header, cells, rowNumber));
    if (pending.length >= CHUNK_ROWS) await flush();
  }
  if (!header)
    return finish(imports, importId, {
      ...state,
      status: "failed",
      fileErrors: [{ path: "", message: "is empty: the first line must name the columns" }],
    });
  if (pending.length > 0) await flush();
  return finish(imports, importId, { ...state, status: "done" });
}

async function finish(imports: ImportStore, importId: string, state: RunState): Promise<RunState> {
  const done = { ...state, finishedAt: new Date().toISOString() };
  await imports.saveRun(importId, done);
  return done;
}

/** The uploaded file's text, part by part, in upload order. */
async function* fileParts(imports: ImportStore, importId: string): AsyncGenerator<string> {
  const parts = await imports.partCount(importId);
  for (let index = 0; index < parts; index++) yield (await imports.part(importId, index)) ?? "";
}

/**
 * Reads the whole file once before any row is planned: counts its records (header included),
 * finds the targets named by more than one row, or says why its structure cannot be read.
 */
async function scanFile<Row extends KindRow>(
  imports: ImportStore,
  importId: string,
  kind: ImportKind<Row, unknown>,
): Promise<{ records: number; repeated: Map<string, number[]> } | CsvSyntaxError> {
  let records = 0;
  let header: Header | null = null;
  const targets: { row: number; target: string | null }[] = [];
  try {
    for await (const cells of csvRecords(fileParts(imports, importId))) {
      records += 1;
      if (records === 1) {
        const read = readHeader(cells, kind.columns, kind.requiredColumns);
        if ("header" in read) header = read.header;
      } else if (header) targets.push({ row: records, target: kind.targetOf(kind.readRow(header, cells, records)) });
      // Parsing is synchronous between part reads; let an API sharing the process answer meanwhile.
      if (records % 5_000 === 0) await yieldToEventLoop();
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  return { records, repeated: repeatedTargets(targets) };
}

/** A row naming a target that another row of the file names too gets an error (and is not written). */
function flagRepeated<Row extends KindRow>(
  kind: ImportKind<Row, unknown>,
  row: Row,
  plan: RowPlan<unknown>,
  repeated: Map<string, number[]>,
): void {
  const target = kind.targetOf(row);
  const rows = target === null ? undefined : repeated.get(target);
  if (!rows) return;
  plan.errors.push({
    path: "deviceId",
    message: `is listed more than once in this file (rows ${rows.join(", ")}): no row of it is written; keep one`,
  });
  plan.write = null;
}

function reportOf(row: KindRow, plan: RowPlan<unknown>): ReportRow {
  return {
    row: row.row,
    accountId: row.accountId,
    deviceId: row.deviceId,
    outcome: plan.errors.length > 0 ? "invalid" : "valid",
    errors: plan.errors,
    locationVersion: plan.shownVersion,
    diff: plan.diff,
    checkedVersion: plan.targetVersion,
  };
}

/** Rows of different targets written at once: enough to keep Redis busy, few enough that API requests sharing the connection are not queued behind a burst. */
const WRITE_CONCURRENCY = 8;

/**
 * Writes the good rows of a chunk (no two name the same target: repeated targets are flagged),
 * each only onto the target version the dry run saw (`seen`; without a dry run, the version
 * just planned against).
 */
async function applyChunk<Row extends KindRow, Write>(
  ctx: Context,
  kind: ImportKind<Row, Write>,
  by: Principal,
  rows: Row[],
  plans: RowPlan<Write>[],
  seen: Map<number, ReportRow>,
  hadDryRun: boolean,
): Promise<ReportRow[]> {
  const results: ReportRow[] = rows.map((row, index) => reportOf(row, plans[index]!));
  const writable = rows.flatMap((row, index) => {
    const plan = plans[index]!;
    if (!plan.write || plan.targetVersion === null) return [];
    // Already as the row asks (a retried run's earlier write, or someone else's same edit).
    if (plan.diff.length === 0) {
      results[index] = { ...results[index]!, outcome: "unchanged" };
      return [];
    }
    const dry = seen.get(row.row);
    if (hadDryRun && (!dry || dry.outcome !== "valid" || dry.checkedVersion !== plan.targetVersion)) {
      results[index] = conflict(results[index]!, dry?.checkedVersion ?? null, plan.targetVersion);
      return [];
    }
    return [{ index, row, write: plan.write, expected: plan.targetVersion, shown: plan.shownVersion }];
  });
  await eachLimited(writable, WRITE_CONCURRENCY, async ({ index, row, write, expected, shown }) => {
    const base = results[index]!;
    try {
      const saved = await kind.write(ctx, by, row, write, expected);
      results[index] = {
        ...base,
        outcome: saved.shownVersion === shown ? "unchanged" : "saved",
        locationVersion: saved.shownVersion,
      };
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        results[index] = conflict(base, expected, null);
        return;
      }
      if (!(error instanceof ProblemError)) throw error;
      const errors: RowError[] = error.errors?.map((e) => ({
        path: e.path.replace(/^address\./, ""),
        message: e.message,
      })) ?? [{ path: "", message: error.message }];
      results[index] = { ...base, outcome: "failed", errors, locationVersion: null };
    }
  });
  return results;
}

function conflict(base: ReportRow, seenVersion: number | null, nowVersion: number | null): ReportRow {
  const now = nowVersion === null ? "" : ` (now version ${nowVersion})`;
  return {
    ...base,
    outcome: "conflict",
    errors: [
      {
        path: "",
        message:
          seenVersion === null
            ? `was not valid in the dry run${now}: not written; run a new dry run`
            : `the device changed after the dry run (version ${seenVersion}${now}): not written; run a new dry run`,
      },
    ],
  };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Records that a run gave up (its job's last attempt failed), so the console stops waiting. */
export async function markRunFailed(ctx: Context, importId: string, mode: RunMode, message: string): Promise<void> {
  const imports = new ImportStore(ctx);
  const found = await imports.read(importId);
  const run = found?.runs[mode];
  if (!run) return;
  await imports.saveRun(importId, { ...run, status: "failed", error: message, finishedAt: ctx.now().toISOString() });
}
