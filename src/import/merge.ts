/**
 * How an imported row's address meets the one a device has (issue 20: an imported row used to
 * replace the whole address, so a unit, a company name or a ZIP+4 not in the file was lost).
 * Pure: no I/O, so the dry run and the real run compute the same thing.
 */
import { CIVIC_FIELDS } from "../addresses/civic-fields.js";

/**
 * `merge` (the default): the row's non-empty cells change those fields, every other field keeps
 * what the device has — an empty cell, or a column the file does not have, never clears a value.
 * `replace`: the row is the whole new address; fields it does not give are cleared.
 */
export const ADDRESS_MODES = ["merge", "replace"] as const;
export type AddressMode = (typeof ADDRESS_MODES)[number];

/** One field's change, as the dry run shows it (`null`: no value). */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

type AddressFields = Readonly<Record<string, string | undefined>>;

/** The address a row asks for, before the address rules check (and normalise) it. */
export function mergedAddress(
  current: AddressFields | null,
  cells: Readonly<Record<string, string>>,
  mode: AddressMode,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (mode === "merge" && current) {
    for (const [field, value] of Object.entries(current))
      if (value !== undefined && value !== "") result[field] = value;
  }
  for (const [field, value] of Object.entries(cells)) if (value !== "") result[field] = value;
  return result;
}

/** The fields that differ between two addresses, in the civic-address field order. */
export function addressDiff(before: AddressFields | null, after: AddressFields | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { name } of CIVIC_FIELDS) {
    const was = before?.[name] || null;
    const will = after?.[name] || null;
    if (was !== will) changes.push({ field: name, before: was, after: will });
  }
  return changes;
}

/**
 * Rows naming the same target more than once in one file: which of two rows should win cannot
 * be known (a copy-paste slip, or two people's edits pasted together), so each of them is
 * flagged and neither is written. Returns target → the rows (spreadsheet numbers) naming it,
 * for targets named twice or more.
 */
export function repeatedTargets(targets: Iterable<{ row: number; target: string | null }>): Map<string, number[]> {
  const rowsByTarget = new Map<string, number[]>();
  for (const { row, target } of targets) {
    if (target === null) continue;
    const rows = rowsByTarget.get(target);
    if (rows) rows.push(row);
    else rowsByTarget.set(target, [row]);
  }
  for (const [target, rows] of rowsByTarget) if (rows.length < 2) rowsByTarget.delete(target);
  return rowsByTarget;
}
