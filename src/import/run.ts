import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { DeviceRecord } from "../devices/device.js";
import { getDevice } from "../devices/service.js";
import { parseCivicAddress } from "../addresses/civic-address.js";
import { putLocation } from "../locations/service.js";
import type { Context } from "../platform/context.js";
import { NotFoundError, ProblemError } from "../platform/errors.js";
import { readHeader, readRow, type Header, type ImportRow, type RowError } from "./columns.js";
import { csvRecords, CsvSyntaxError } from "./csv.js";
import type { RunMode } from "./queue.js";
import { ImportStore, type ImportMeta, type ReportRow, type RunState } from "./store.js";
import { applyMapRows, checkMapRows, readMapHeader, readMapRow, type MapImportRow } from "../lis/map-import.js";

/** How one kind of import reads and handles its rows; the run around them is the same for every kind. */
interface RowKind<R> {
  readHeader(cells: readonly string[]): { header: Header } | { errors: RowError[] };
  readRow(header: Header, cells: readonly string[], row: number): R;
  check(ctx: Context, rows: R[]): Promise<ReportRow[]>;
  apply(ctx: Context, by: ImportMeta["principal"], rows: R[]): Promise<ReportRow[]>;
}

const LOCATION_ROWS: RowKind<ImportRow> = { readHeader, readRow, check: checkChunk, apply: applyChunk };
const MAP_ROWS: RowKind<MapImportRow> = {
  readHeader: readMapHeader,
  readRow: readMapRow,
  check: checkMapRows,
  apply: applyMapRows,
};

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
 * Runs one import in the worker: reads the uploaded file part by part, checks every row against
 * the address rules and the device it names, and — for the real run — saves each good row's
 * location through the same use case as `PUT …/location` (history, notices, billing). Works in
 * chunks, yielding between them, so an API sharing the process stays responsive; reports
 * progress after each chunk. A retried job starts over: the report is rewritten, and rows saved
 * by the failed attempt come out `unchanged`.
 */
export async function runLocationImport(
  ctx: Context,
  importId: string,
  mode: RunMode,
  report: (progress: RunProgress) => Promise<void>,
): Promise<RunState> {
  const imports = new ImportStore(ctx);
  const found = await imports.read(importId);
  if (!found) throw new NotFoundError("import");
  return found.meta.kind === "network-map"
    ? runImport(ctx, imports, found, importId, mode, report, MAP_ROWS)
    : runImport(ctx, imports, found, importId, mode, report, LOCATION_ROWS);
}

async function runImport<R>(
  ctx: Context,
  imports: ImportStore,
  found: NonNullable<Awaited<ReturnType<ImportStore["read"]>>>,
  importId: string,
  mode: RunMode,
  report: (progress: RunProgress) => Promise<void>,
  kind: RowKind<R>,
): Promise<RunState> {
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

  const counted = await countRows(imports, importId);
  if (counted instanceof CsvSyntaxError) {
    // Checked before any row is read, so a broken file writes nothing.
    return finish(imports, importId, {
      ...state,
      status: "failed",
      fileErrors: [{ path: "", message: counted.message }],
    });
  }
  const total = counted;
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
  let pending: R[] = [];
  let rowNumber = 0;
  const flush = async (): Promise<void> => {
    const rows = pending;
    pending = [];
    const results = mode === "apply" ? await kind.apply(ctx, found.meta.principal, rows) : await kind.check(ctx, rows);
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
      const read = kind.readHeader(cells);
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

/** Records in the file (header included), or why its structure cannot be read. */
async function countRows(imports: ImportStore, importId: string): Promise<number | CsvSyntaxError> {
  let count = 0;
  try {
    for await (const _record of csvRecords(fileParts(imports, importId))) {
      count += 1;
      // Parsing is synchronous between part reads; let an API sharing the process answer meanwhile.
      if (count % 5_000 === 0) await yieldToEventLoop();
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  return count;
}

interface CheckedRow {
  row: ImportRow;
  errors: RowError[];
  device: DeviceRecord | null;
}

/** Checks rows without writing: the row's own fields, the address rules, the device it names. */
async function checkRows(ctx: Context, rows: ImportRow[]): Promise<CheckedRow[]> {
  return Promise.all(
    rows.map(async (row): Promise<CheckedRow> => {
      const errors = [...row.errors];
      const parsed = parseCivicAddress(row.address);
      if (!parsed.ok) for (const error of parsed.errors) errors.push({ path: error.path, message: error.message });
      let device: DeviceRecord | null = null;
      if (row.accountId && row.deviceId && !row.errors.some((e) => e.path === "accountId" || e.path === "deviceId")) {
        device = await getDevice(ctx, row.accountId, row.deviceId).then(
          (found) => found.doc,
          () => null,
        );
        if (!device || device.status === "deactivated")
          errors.push({ path: "deviceId", message: `is not a device of account ${row.accountId}` });
        else if (parsed.ok && parsed.address.country !== device.serviceCountry) {
          errors.push({ path: "country", message: `must be the device's service country (${device.serviceCountry})` });
        }
      }
      return { row, errors, device };
    }),
  );
}

async function checkChunk(ctx: Context, rows: ImportRow[]): Promise<ReportRow[]> {
  return (await checkRows(ctx, rows)).map(({ row, errors, device }) => ({
    row: row.row,
    accountId: row.accountId,
    deviceId: row.deviceId,
    outcome: errors.length > 0 ? "invalid" : "valid",
    errors,
    locationVersion: device?.location?.version ?? null,
  }));
}

/** Rows of different devices saved at once: enough to keep Redis busy, few enough that API requests sharing the connection are not queued behind a burst. */
const WRITE_CONCURRENCY = 8;

/**
 * Saves the good rows. Rows of one device are saved in file order (the last one wins, as in
 * the file); different devices are saved a few at a time.
 */
async function applyChunk(ctx: Context, by: ImportMeta["principal"], rows: ImportRow[]): Promise<ReportRow[]> {
  const checked = await checkRows(ctx, rows);
  const results = new Map<ImportRow, ReportRow>();
  const byDevice = new Map<string, CheckedRow[]>();
  for (const item of checked) {
    const base = { row: item.row.row, accountId: item.row.accountId, deviceId: item.row.deviceId };
    if (item.errors.length > 0) {
      results.set(item.row, {
        ...base,
        outcome: "invalid",
        errors: item.errors,
        locationVersion: item.device?.location?.version ?? null,
      });
      continue;
    }
    const id = `${item.row.accountId}/${item.row.deviceId}`;
    byDevice.set(id, [...(byDevice.get(id) ?? []), item]);
  }
  await eachLimited([...byDevice.values()], WRITE_CONCURRENCY, async (items) => {
    let previous = items[0]!.device?.location?.version ?? 0;
    for (const { row } of items) {
      const base = { row: row.row, accountId: row.accountId, deviceId: row.deviceId };
      try {
        const saved = await putLocation(ctx, by, row.accountId, row.deviceId, {
          address: row.address,
          reason: row.reason,
        });
        results.set(row, {
          ...base,
          outcome: saved.version === previous ? "unchanged" : "saved",
          errors: [],
          locationVersion: saved.version,
        });
        previous = saved.version;
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        const errors = error.errors?.map((e) => ({ path: e.path.replace(/^address\./, ""), message: e.message })) ?? [
          { path: "", message: error.message },
        ];
        results.set(row, { ...base, outcome: "failed", errors, locationVersion: null });
      }
    }
  });
  return rows.map((row) => results.get(row)!);
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
