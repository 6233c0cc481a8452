import type { CivicAddress } from "../addresses/civic-fields.js";
import type { z } from "zod";
import type { deviceRecord, location } from "./schemas.js";
import type { DeviceWarning } from "./warnings.js";

/** A device's registered physical location (schema: `location` in schemas.ts). */
export type LocationRecord = z.infer<typeof location>;

/** A device's e911 state; `detail` says why enabling has not happened yet. */
export type E911State = DeviceRecord["e911"];

/** A device as stored (schema: `deviceRecord` in schemas.ts). */
export type DeviceRecord = z.infer<typeof deviceRecord>;

export type DeviceView = DeviceRecord & { version: number };

/** A device as the API shows it: the record, its version and its warnings. */
export type DeviceAnswer = DeviceView & { warnings: DeviceWarning[] };

/** One entry of a device's location history (never rewritten). */
export interface LocationHistoryEntry {
  version: number;
  address: CivicAddress | null;
  changedAt: string;
  changedBy: string;
  reason: string | null;
}

export const E911_NOT_ENABLED: E911State = {
  status: "not_enabled",
  enabledAt: null,
  notificationId: null,
  detail: null,
  pendingNotificationId: null,
};
