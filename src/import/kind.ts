/**
 * What an import kind supplies to the import machinery (upload in parts, dry run, real run,
 * reports, progress): its columns, how a row is read, which target a row writes, what a row
 * would change, and how it is written. Locations are one kind (location-kind.ts); another kind
 * (a network map, say) implements this and reuses runs, reports and the console's import page.
 */
import type { Context } from "../platform/context.js";
import type { Principal } from "../platform/principal.js";
import type { Header, RowError } from "./columns.js";
import type { AddressMode, FieldChange } from "./merge.js";

/** A data row as every kind reads it: its number and its own errors, plus the kind's fields. */
export interface KindRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  accountId: string;
  deviceId: string;
  errors: RowError[];
}

/** What a row would do, computed the same way by the dry run and the real run. */
export interface RowPlan<Write> {
  errors: RowError[];
  /** Field by field, before → after (empty: the row changes nothing). */
  diff: FieldChange[];
  /** The target's version when checked: the real run writes only if it is still this one. */
  targetVersion: number | null;
  /** The target's own sub-version to show (a location's version), if any. */
  shownVersion: number | null;
  /** What the real run writes; null when the row has errors. */
  write: Write | null;
}

export interface WriteResult {
  /** The target's shown version after the write (the same as before: nothing changed). */
  shownVersion: number;
}

export interface ImportKind<Row extends KindRow, Write> {
  readonly name: string;
  readonly columns: readonly string[];
  readonly requiredColumns: readonly string[];
  readRow(header: Header, cells: readonly string[], row: number): Row;
  /** The one thing a row writes (duplicates within a file are found by it); null if unreadable. */
  targetOf(row: Row): string | null;
  plan(ctx: Context, rows: Row[], mode: AddressMode): Promise<RowPlan<Write>[]>;
  /**
   * Writes one planned row, only if the target is still at `expectedVersion`.
   * @throws PreconditionFailedError when it is not (the run reports the row, writes nothing)
   */
  write(ctx: Context, by: Principal, row: Row, write: Write, expectedVersion: number): Promise<WriteResult>;
}
