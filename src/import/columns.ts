/**
 * The columns of a location-import CSV file (documented in the OpenAPI description and the
 * console): the device, the civic address in the contract's field names, and why it changed.
 */
import { CIVIC_FIELDS, type CivicFieldName } from "../addresses/civic-fields.js";
import { resourceId } from "../platform/ids.js";

export const ID_COLUMNS = ["accountId", "deviceId"] as const;
export const ADDRESS_COLUMNS: readonly CivicFieldName[] = CIVIC_FIELDS.map((f) => f.name);
export const REASON_COLUMN = "reason";
/** Every column a file may have, in the order a template lists them. */
export const IMPORT_COLUMNS: readonly string[] = [...ID_COLUMNS, ...ADDRESS_COLUMNS, REASON_COLUMN];
/** Columns the header must name (country and city are required in every country's address). */
export const REQUIRED_COLUMNS: readonly string[] = ["accountId", "deviceId", "country", "city", "reason"];

/** One problem with one row or the file; `path` names the column (`""` for the row itself). */
export interface RowError {
  path: string;
  message: string;
}

/** A data row read against the header. */
export interface ImportRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  accountId: string;
  deviceId: string;
  /** The non-empty address cells, keyed by field name; validated by the address rules later. */
  address: Record<string, string>;
  reason: string;
  errors: RowError[];
}

export interface Header {
  /** Column index → column name. */
  columns: string[];
}

/** Checks the header line; column names match case-insensitively and ignore spaces and underscores. */
export function readHeader(
  cells: readonly string[],
  allColumns: readonly string[] = IMPORT_COLUMNS,
  requiredColumns: readonly string[] = REQUIRED_COLUMNS,
): { header: Header } | { errors: RowError[] } {
  const byLooseName = new Map(allColumns.map((c) => [loose(c), c]));
  const errors: RowError[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const name = byLooseName.get(loose(cell));
    if (!name) {
      errors.push({
        path: cell.trim() || `column ${index + 1}`,
        message: `is not an import column (columns: ${allColumns.join(", ")})`,
      });
      columns.push("");
      return;
    }
    if (seen.has(name)) errors.push({ path: name, message: "appears twice in the header" });
    seen.add(name);
    columns.push(name);
  });
  for (const required of requiredColumns)
    if (!seen.has(required)) errors.push({ path: required, message: "is a required column" });
  return errors.length > 0 ? { errors } : { header: { columns } };
}

function loose(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
}

/** Reads one data row against the header; checks ids and reason (the address is checked later). */
export function readRow(header: Header, cells: readonly string[], row: number): ImportRow {
  const errors: RowError[] = [];
  if (cells.length !== header.columns.length) {
    errors.push({ path: "", message: `has ${cells.length} fields where the header has ${header.columns.length}` });
  }
  const values = new Map<string, string>();
  header.columns.forEach((column, index) => {
    const value = (cells[index] ?? "").trim();
    if (column && value !== "") values.set(column, value);
  });
  const accountId = values.get("accountId") ?? "";
  const deviceId = values.get("deviceId") ?? "";
  for (const [column, value] of [
    ["accountId", accountId],
    ["deviceId", deviceId],
  ] as const) {
    if (!value) errors.push({ path: column, message: "is required" });
    else if (!resourceId.safeParse(value).success)
      errors.push({ path: column, message: "must be 1-64 letters, digits, '.', '_' or '-'" });
  }
  const reason = values.get(REASON_COLUMN) ?? "";
  if (!reason) errors.push({ path: REASON_COLUMN, message: "is required: say why the location changes" });
  else if (reason.length > 500) errors.push({ path: REASON_COLUMN, message: "must be at most 500 characters" });
  const address: Record<string, string> = {};
  for (const field of ADDRESS_COLUMNS) {
    const value = values.get(field);
    if (value !== undefined) address[field] = value;
  }
  return { row, accountId, deviceId, address, reason, errors };
}
