import type { DeviceRecord } from "../devices/device.js";
import { deviceIdPages } from "../devices/id-pages.js";
import type { Context } from "../platform/context.js";
import { indexDevice, indexedRecords } from "./index-store.js";

/**
 * Puts back in the search index every device whose entries are missing or out of date: written
 * before the index existed, or by a process that died between the device's write and its index
 * update (the device is in the registry, but search would not find it until its next write).
 * Walks every account's devices a page at a time — one read of the devices and one of their index
 * records per page — and re-indexes only those whose number or country differ. Idempotent, and
 * safe beside live writes: re-indexing is version-guarded (index-store.ts).
 * @returns how many devices were checked and how many re-indexed.
 */
export async function repairSearchIndex(ctx: Context): Promise<{ checked: number; repaired: number }> {
  let checked = 0;
  let repaired = 0;
  let cursor = "0";
  do {
    const [next, accounts] = await ctx.redis.sscan(ctx.keys.accountIndex(), cursor, "COUNT", 100);
    cursor = next;
    for (const accountId of accounts) {
      for await (const ids of deviceIdPages(ctx, accountId)) {
        const [devices, records] = await Promise.all([
          ctx.store.readMany<DeviceRecord>(ids.map((id) => ctx.keys.device(accountId, id))),
          indexedRecords(ctx, accountId, ids),
        ]);
        for (const [i, device] of devices.entries()) {
          if (!device) continue;
          checked++;
          const indexed = records[i];
          if (
            indexed &&
            indexed.callbackNumber === device.doc.callbackNumber &&
            indexed.serviceCountry === device.doc.serviceCountry
          )
            continue;
          if (await indexDevice(ctx, device.doc, device.version)) repaired++;
        }
      }
    }
  } while (cursor !== "0");
  return { checked, repaired };
}
