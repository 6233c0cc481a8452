/**
 * The location import: each row sets one device's civic address (the columns in columns.ts),
 * merged into the address the device has unless the import asked to replace it (merge.ts).
 * Written through the same use case as `PUT …/location` (history, notices, billing), pinned to
 * the device version the plan was made against.
 */
import type { CivicAddress } from "../addresses/civic-fields.js";
import { parseCivicAddress } from "../addresses/civic-address.js";
import type { DeviceRecord } from "../devices/device.js";
import { getDevice } from "../devices/service.js";
import { putLocation } from "../locations/service.js";
import type { Versioned } from "../platform/versioned-store.js";
import { IMPORT_COLUMNS, readRow, REQUIRED_COLUMNS, type ImportRow, type RowError } from "./columns.js";
import type { ImportKind, RowPlan } from "./kind.js";
import { addressDiff, mergedAddress } from "./merge.js";

export interface LocationWrite {
  address: CivicAddress;
  reason: string;
}

export const locationImportKind: ImportKind<ImportRow, LocationWrite> = {
  name: "location",
  columns: IMPORT_COLUMNS,
  requiredColumns: REQUIRED_COLUMNS,
  readRow,
  targetOf: (row) => (row.accountId && row.deviceId ? `${row.accountId}/${row.deviceId}` : null),

  async plan(ctx, rows, mode) {
    return Promise.all(
      rows.map(async (row): Promise<RowPlan<LocationWrite>> => {
        const errors: RowError[] = [...row.errors];
        let found: Versioned<DeviceRecord> | null = null;
        if (row.accountId && row.deviceId && !row.errors.some((e) => e.path === "accountId" || e.path === "deviceId")) {
          found = await getDevice(ctx, row.accountId, row.deviceId).catch(() => null);
          if (!found || found.doc.status === "deactivated") {
            errors.push({ path: "deviceId", message: `is not a device of account ${row.accountId}` });
            found = null;
          }
        }
        const before = found?.doc.location?.address ?? null;
        const parsed = parseCivicAddress(mergedAddress(before, row.address, mode));
        if (!parsed.ok) for (const error of parsed.errors) errors.push({ path: error.path, message: error.message });
        else if (found && parsed.address.country !== found.doc.serviceCountry)
          errors.push({
            path: "country",
            message: `must be the device's service country (${found.doc.serviceCountry})`,
          });
        const after = parsed.ok ? parsed.address : null;
        return {
          errors,
          diff: after ? addressDiff(before, after) : [],
          // The location's version, which `PUT …/location` pins with If-Match: a change to the
          // address after the dry run fails the write instead of being overwritten.
          targetVersion: found ? (found.doc.location?.version ?? 0) : null,
          shownVersion: found?.doc.location?.version ?? null,
          write: errors.length === 0 && after ? { address: after, reason: row.reason } : null,
        };
      }),
    );
  },

  async write(ctx, by, row, write, expectedVersion) {
    const saved = await putLocation(ctx, by, row.accountId, row.deviceId, write, expectedVersion);
    return { shownVersion: saved.version };
  },
};
