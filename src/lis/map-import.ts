import { resourceId } from "../platform/ids.js";
import type { Context } from "../platform/context.js";
import { ProblemError } from "../platform/errors.js";
import type { Principal } from "../platform/principal.js";
import { matchKey, type MapMatch } from "./network-index.js";
import type { Header } from "../import/columns.js";
import type { ImportKind, RowPlan } from "../import/kind.js";
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

/** A row as the import machinery carries it: `deviceId` holds the entry id (the report's target column). */
type MapKindRow = MapImportRow & { deviceId: string };
interface MapWrite {
  locationId: string;
  fields: MapImportRow["fields"];
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

function describe(entry: { locationId: string; match: MapMatch } | null, column: string): string | null {
  if (!entry) return null;
  if (column === "locationId") return entry.locationId;
  const m = entry.match;
  if (column === "subnet") return m.kind === "subnet" ? m.subnet : null;
  if (column === "bssid") return m.kind === "bssid" ? m.bssid : null;
  if (column === "chassisId") return m.kind === "chassis" || m.kind === "port" ? m.chassisId : null;
  return m.kind === "port" ? m.portId : null;
}

/**
 * The network map as an import kind (src/import/kind.ts): one row per map entry, planned and
 * written through the same use case as `PUT …/network-map/{entryId}`; the real run writes only
 * onto the entry version the dry run saw.
 */
export const networkMapImportKind: ImportKind<MapKindRow, MapWrite> = {
  name: "network-map",
  columns: MAP_IMPORT_COLUMNS,
  requiredColumns: REQUIRED,
  readRow(header: Header, cells: readonly string[], row: number): MapKindRow {
    const read = readMapRow(header, cells, row);
    return { ...read, deviceId: read.entryId };
  },
  targetOf(row) {
    return row.accountId && row.entryId ? `${row.accountId}/${row.entryId}` : null;
  },
  async plan(ctx: Context, rows: MapKindRow[]): Promise<RowPlan<MapWrite>[]> {
    // Two rows of one chunk matching the same thing under different entry ids: the second would be 409.
    const seenKeys = new Map<string, string>();
    return Promise.all(
      rows.map(async (row): Promise<RowPlan<MapWrite>> => {
        const errors = [...row.errors, ...matchErrors(row)];
        if (errors.length === 0) {
          const key = `${row.accountId} ${matchKey(parseMapMatch(row.fields))}`;
          const owner = seenKeys.get(key);
          if (owner !== undefined && owner !== row.entryId)
            errors.push({ path: "", message: `matches what entry ${owner} matches` });
          seenKeys.set(key, row.entryId);
        }
        if (errors.length === 0) {
          const location = await ctx.redis.exists(lisKeys(ctx).location(row.accountId, row.locationId));
          if (!location)
            errors.push({ path: "locationId", message: `is not an emergency location of account ${row.accountId}` });
        }
        const existing = errors.length === 0 ? await readMapEntry(ctx, row.accountId, row.entryId) : null;
        if (errors.length > 0) return { errors, diff: [], targetVersion: null, shownVersion: null, write: null };
        const next = { locationId: row.locationId, match: parseMapMatch(row.fields) };
        const diff = ["locationId", "subnet", "bssid", "chassisId", "portId"].flatMap((column) => {
          const before = describe(existing, column);
          const after = describe(next, column);
          return before === after ? [] : [{ field: column, before, after }];
        });
        if (existing && matchKey(existing.match) !== matchKey(next.match)) {
          // Same entry id, another match: allowed (the entry moves); shown in the diff above.
        }
        return {
          errors,
          diff,
          targetVersion: existing?.version ?? 0,
          shownVersion: existing?.version ?? null,
          write: { locationId: row.locationId, fields: row.fields },
        };
      }),
    );
  },
  async write(ctx: Context, by: Principal, row: MapKindRow, write: MapWrite, expectedVersion: number) {
    const { entry } = await putMapEntry(
      ctx,
      by,
      row.accountId,
      row.entryId,
      { locationId: write.locationId, ...write.fields },
      expectedVersion,
    );
    return { shownVersion: entry.version };
  },
};
