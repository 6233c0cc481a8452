import type { AccountRecord } from "../accounts/service.js";
import { rememberDialing } from "../accounts/last-known.js";
import type { DeviceRecord } from "../devices/device.js";
import { lastKnownDevice, rememberDevice } from "../devices/last-known.js";
import type { Context } from "../platform/context.js";
import type { EmergencyPath, StoreOutcome } from "../platform/emergency-path.js";
import type { CallReport } from "./evidence.js";

/** Who placed a reported call, as far as the store (or, without it, this process) knows. */
export interface Caller {
  account: AccountRecord | null;
  device: DeviceRecord | null;
  /** The device's version as read: the location's version is inside the location itself. */
  deviceVersion: number | null;
}

/**
 * Finds the account and device of a reported call: by `accountId` + `deviceId` today. A report by
 * SIP or tel identity (`identity`) is matched by the Location Information Server's resolution
 * (the same as HELD) once that component is part of the service; until then it is unresolved.
 * Reads go through the emergency path: when the store cannot answer in time the outcome is
 * `{ ok: false }` and the caller falls back to {@link lastKnownCaller}.
 */
export async function identifyCaller(
  ctx: Context,
  report: CallReport,
  path: EmergencyPath,
): Promise<StoreOutcome<Caller>> {
  if (!report.accountId) return { ok: true, value: { account: null, device: null, deviceVersion: null } };
  const accountId = report.accountId;
  const keys = [ctx.keys.account(accountId)];
  if (report.deviceId) keys.push(ctx.keys.device(accountId, report.deviceId));
  const read = await path.attempt(() => ctx.store.readMany<unknown>(keys));
  if (!read.ok) return read;
  const [accountDoc, deviceDoc] = read.value;
  const account = (accountDoc?.doc as AccountRecord | undefined) ?? null;
  const device = account ? ((deviceDoc?.doc as DeviceRecord | undefined) ?? null) : null;
  if (account && accountDoc) rememberDialing(ctx, accountId, account.dialing, accountDoc.version);
  if (device && deviceDoc) rememberDevice(ctx, device, deviceDoc.version);
  return { ok: true, value: { account, device, deviceVersion: deviceDoc?.version ?? null } };
}

/** The device as this process last served or wrote it, for an answer given without the store. */
export function lastKnownCaller(ctx: Context, report: CallReport): DeviceRecord | null {
  if (!report.accountId || !report.deviceId) return null;
  return lastKnownDevice(ctx, report.accountId, report.deviceId)?.value ?? null;
}
