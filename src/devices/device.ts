import type { CivicAddress } from "../locations/civic-fields.js";
import type { DEVICE_STATUSES, DEVICE_TYPES, E911_STATUSES } from "./schemas.js";

/** A device's registered physical location, as the contract's `Location`. */
export interface LocationRecord {
  address: CivicAddress;
  /** ≤ 60 characters: what an answering point shows. */
  displayLine: string;
  timeZone: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface E911State {
  status: (typeof E911_STATUSES)[number];
  enabledAt: string | null;
  notificationId: string | null;
  /** Why enabling has not happened yet (e.g. the activation e-mail could not be delivered). */
  detail: string | null;
  /** The activation notice written to the outbox; becomes `notificationId` once it is delivered. */
  pendingNotificationId: string | null;
}

export interface DeviceRecord {
  accountId: string;
  deviceId: string;
  type: (typeof DEVICE_TYPES)[number];
  callbackNumber: string;
  serviceCountry: string;
  label: string | null;
  status: (typeof DEVICE_STATUSES)[number];
  location: LocationRecord | null;
  e911: E911State;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export type DeviceView = DeviceRecord & { version: number };

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
