import type { Context } from "../platform/context.js";
import { SharedLastKnown, type Known } from "../platform/last-known.js";
import type { DeviceRecord } from "./device.js";

const perContext = new WeakMap<Context, SharedLastKnown<DeviceRecord>>();

/**
 * This process's memory of the devices it last served or wrote, keyed by account **and** device:
 * an entry is only ever found under the account it belongs to, so a caller scoped to one account
 * (the route table answers 404 to another account's customer key before any handler runs) can
 * never be given another account's device from it. Kept in step across the deployment over the
 * broadcast (`SharedLastKnown`). Used by emergency answers when Redis cannot be asked.
 */
function devicesOf(ctx: Context): SharedLastKnown<DeviceRecord> {
  let shared = perContext.get(ctx);
  if (!shared) {
    shared = new SharedLastKnown<DeviceRecord>(
      ctx.broadcast,
      ctx.keys.deviceChanges(),
      ctx.config.EMERGENCY_CACHE_DEVICES,
      ctx.logger,
    );
    perContext.set(ctx, shared);
  }
  return shared;
}

// Ids are `[A-Za-z0-9._-]`: a space cannot occur in either, so the pair is unambiguous.
const keyOf = (accountId: string, deviceId: string): string => `${accountId} ${deviceId}`;

/** The device as this process last served or wrote it, with its version; undefined if it does not know it. */
export function lastKnownDevice(ctx: Context, accountId: string, deviceId: string): Known<DeviceRecord> | undefined {
  return devicesOf(ctx).local.get(keyOf(accountId, deviceId));
}

/** Remembers a device as read from the store (for an answer that was served from it). */
export function rememberDevice(ctx: Context, device: DeviceRecord, version: number): void {
  devicesOf(ctx).local.remember(keyOf(device.accountId, device.deviceId), version, device);
}

/** Remembers a device this process has just written and tells the other processes to drop older copies. */
export function deviceWritten(ctx: Context, device: DeviceRecord, version: number): void {
  devicesOf(ctx).written(keyOf(device.accountId, device.deviceId), version, device);
}
