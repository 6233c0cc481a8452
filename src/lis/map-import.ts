import { resourceId } from "../platform/ids.js";
import type { Context } from "../platform/context.js";
import { ProblemError } from "../platform/errors.js";
import type { Principal } from "../platform/principal.js";
import { matchKey } from "./network-index.js";
import { parseMapMatch, putMapEntry } from "./service.js";
import { lisKeys, readMapEntry } from "./store.js";

/**
 * The network map as a CSV import (the location-import job's second kind: same upload, dry run,
 * progress and report). One row per map entry: `accountId, entryId, locationId` and exactly one
 * of `subnet`, `bssid`, `chassisId` (with optional `portId`), validated as `PUT …/network-map/{entryId}`.
 */
export const MAP_IMPORT_COLUMNS = [
  "accountId",
  "entryId",
  "locationId",
  "subnet",
  "bssid",
  "chassisId",
  "portId",
] as const;
const REQUIRED = ["accountId", "entryId", "locationId"] as const;

export interface MapRowError {
  path: string;
  message: string;
}

export interface MapImportRow {
  row: number;
  accountId: string;
  entryId: string;
  locationId: string;
  fields: Partial<Record<"subnet" | "bssid" | "chassisId" | "portId", string>>;
  errors: MapRowError[];
}

export interface MapReportRow {
  row: number;
  accountId: string;
  deviceId: string;
  entryId: string;
  outcome: "valid" | "invalid" | "saved" | "unchanged" | "failed";
  errors: MapRowError[];
  locationVersion: number | null;
}

const loose = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");

/** The header line: columns by loose name (case, spaces and underscores ignored). */
export function readMapHeader(cells: readonly string[]): { header: { columns: string[] } } | { errors: MapRowError[] } {
  const byLoose = new Map<string, string>(MAP_IMPORT_COLUMNS.map((c) => [loose(c), c]));
  const errors: MapRowError[] = [];
  const seen = new Set<string>();
  const columns = cells.map((cell, index) => {
    const name = byLoose.get(loose(cell));
    if (!name) {
      errors.push({
        path: cell.trim() || `column ${index + 1}`,
        message: `is not a network-map column (columns: ${MAP_IMPORT_COLUMNS.join(", ")})`,
      });
      return "";
    }
    if (seen.has(name)) errors.push({ path: name, message: "appears twice in the header" });
    seen.add(name);
    return name;
  });
  for (const required of REQUIRED)
    if (!seen.has(required)) errors.push({ path: required, message: "is a required column" });
  return errors.length > 0 ? { errors } : { header: { columns } };
}

export function readMapRow(header: { columns: string[] }, cells: readonly string[], row: number): MapImportRow {
  const errors: MapRowError[] = [];
  if (cells.length !== header.columns.length)
    errors.push({ path: "", message: `has ${cells.length} fields where the header has ${header.columns.length}` });
  const values = new Map<string, string>();
  header.columns.forEach((column, index) => {
    const value = (cells[index] ?? "").trim();
    if (column && value !== "") values.set(column, value);
  });
  const ids = {
    accountId: values.get("accountId") ?? "",
    entryId: values.get("entryId") ?? "",
    locationId: values.get("locationId") ?? "",
  };
  for (const [column, value] of Object.entries(ids)) {
    if (!value) errors.push({ path: column, message: "is required" });
    else if (!resourceId.safeParse(value).success)
      errors.push({ path: column, message: "must be 1-64 letters, digits, '.', '_' or '-'" });
  }
  const fields: MapImportRow["fields"] = {};
  for (const f of ["subnet", "bssid", "chassisId", "portId"] as const) {
    const value = values.get(f);
    if (value !== undefined) fields[f] = value;
  }
  return { row, ...ids, fields, errors };
}

function matchErrors(row: MapImportRow): MapRowError[] {
  try {
    parseMapMatch(row.fields);
    return [];
  } catch (error) {
    if (error instanceof ProblemError) return error.errors ?? [{ path: "", message: error.message }];
    throw error;
  }
}

/** Dry run: each row's own fields, its match, its location (of that account), duplicates within the file. */
export async function checkMapRows(ctx: Context, rows: MapImportRow[]): Promise<MapReportRow[]> {
  const seenKeys = new Map<string, string>();
  return Promise.all(
    rows.map(async (row) => {
      const errors = [...row.errors, ...matchErrors(row)];
      if (errors.length === 0) {
        const key = `${row.accountId} ${matchKey(parseMapMatch(row.fields))}`;
        const owner = seenKeys.get(key);
        if (owner && owner !== row.entryId) errors.push({ path: "", message: `matches what entry ${owner} matches` });
        seenKeys.set(key, row.entryId);
        const location = await ctx.redis.exists(lisKeys(ctx).location(row.accountId, row.locationId));
        if (!location)
          errors.push({ path: "locationId", message: `is not an emergency location of account ${row.accountId}` });
      }
      const existing = errors.length === 0 ? await readMapEntry(ctx, row.accountId, row.entryId) : null;
      return {
        row: row.row,
        accountId: row.accountId,
        deviceId: "",
        entryId: row.entryId,
        outcome: errors.length > 0 ? ("invalid" as const) : ("valid" as const),
        errors,
        locationVersion: existing?.version ?? null,
      };
    }),
  );
}

/** The real run: each good row through the same use case as `PUT …/network-map/{entryId}`, in file order. */
export async function applyMapRows(ctx: Context, by: Principal, rows: MapImportRow[]): Promise<MapReportRow[]> {
  const results: MapReportRow[] = [];
  for (const row of rows) {
    const base = { row: row.row, accountId: row.accountId, deviceId: "", entryId: row.entryId };
    const errors = [...row.errors, ...matchErrors(row)];
    if (errors.length > 0) {
      results.push({ ...base, outcome: "invalid", errors, locationVersion: null });
      continue;
    }
    try {
      const before = await readMapEntry(ctx, row.accountId, row.entryId);
      const { entry } = await putMapEntry(ctx, by, row.accountId, row.entryId, {
        locationId: row.locationId,
        ...row.fields,
      });
      results.push({
        ...base,
        outcome: before?.version === entry.version ? "unchanged" : "saved",
        errors: [],
        locationVersion: entry.version,
      });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      results.push({
        ...base,
        outcome: "failed",
        errors: error.errors ?? [{ path: "", message: error.message }],
        locationVersion: null,
      });
    }
  }
  return results;
}
