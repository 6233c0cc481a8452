import type { DeviceRecord } from "../devices/device.js";
import { updateDevice } from "../devices/service.js";
import { announceDeviceWritten } from "../devices/write-listeners.js";
import type { Context } from "../platform/context.js";
import type { DispatchableHistoryEntry } from "./observations.js";
import type { LocationLike } from "./resolution.js";
import { lisKeys } from "./store.js";

/**
 * After an emergency location's address changed: every device whose dispatchable location is
 * that emergency location carries the new version at once (an answering point must not be sent
 * to the old address until the phone is next observed). Each device is one compare-and-set with
 * its history entry; a device that meanwhile moved elsewhere is left alone.
 */
export async function refreshDevicesAt(
  ctx: Context,
  actor: string,
  accountId: string,
  locationId: string,
  location: LocationLike,
): Promise<number> {
  const k = lisKeys(ctx);
  const deviceIds = await ctx.redis.smembers(k.devicesAt(accountId, locationId));
  let changed = 0;
  for (const deviceId of deviceIds) {
    const now = ctx.now().toISOString();
    const { before, after } = await updateDevice(ctx, accountId, deviceId, undefined, (current) => {
      const network = current?.doc.network;
      if (!current || !network || network.emergencyLocationId !== locationId || network.source !== "network-map")
        return null;
      if (network.location && network.location.version >= location.version) return null;
      const entry: DispatchableHistoryEntry = {
        at: now,
        by: actor,
        status: network.status,
        source: network.source,
        method: network.method,
        emergencyLocationId: locationId,
        locationVersion: location.version,
        displayLine: location.displayLine,
      };
      const record: DeviceRecord = { ...current.doc, network: { ...network, location, changedAt: now } };
      return {
        record,
        effects: [{ command: "LPUSH", key: k.dispatchableHistory(accountId, deviceId), args: [JSON.stringify(entry)] }],
      };
    }).catch(() => ({ before: null, after: null }));
    if (after && before && after.version !== before.version) {
      changed++;
      await announceDeviceWritten(ctx, after.doc, after.version);
    }
  }
  return changed;
}
