import type { DeviceRecord } from "../devices/device.js";
import { dispatchableFields } from "../devices/dispatchable.js";
import type { Context } from "../platform/context.js";
import { lisKeys } from "./store.js";

/** One device staff should look at: suspected to have moved, or its location unconfirmed. */
export interface AttentionItem {
  accountId: string;
  deviceId: string;
  label: string | null;
  reason: "suspected-move" | "unconfirmed";
  mobility: "fixed" | "nomadic";
  since: string;
  displayLine: string | null;
  observedAt: string | null;
}

/**
 * The devices across accounts (or of one account) whose dispatchable location needs a person:
 * fixed devices seen on a network mapped elsewhere, nomadic devices on unmapped networks whose
 * registered location is unconfirmed. Newest first; every entry is checked against its device.
 */
export async function listAttention(
  ctx: Context,
  query: { accountId?: string | undefined; limit: number },
): Promise<AttentionItem[]> {
  const k = lisKeys(ctx);
  const members = query.accountId
    ? (await ctx.redis.zrevrange(k.attention(query.accountId), 0, query.limit * 2 - 1)).map(
        (deviceId) => `${query.accountId} ${deviceId}`,
      )
    : await ctx.redis.zrevrange(k.attentionAll(), 0, query.limit * 2 - 1);
  const pairs = members.map((m) => m.split(" ") as [string, string]);
  const docs = await ctx.store.readMany<DeviceRecord>(pairs.map(([a, d]) => ctx.keys.device(a, d)));
  const items: AttentionItem[] = [];
  for (const doc of docs) {
    if (!doc || doc.doc.status === "deactivated" || !doc.doc.network) continue;
    const { mobility, dispatchableLocation } = dispatchableFields(doc.doc);
    const suspected = doc.doc.network.status === "suspected-move";
    if (!suspected && dispatchableLocation?.confirmed !== false && dispatchableLocation !== null) continue;
    items.push({
      accountId: doc.doc.accountId,
      deviceId: doc.doc.deviceId,
      label: doc.doc.label,
      reason: suspected ? "suspected-move" : "unconfirmed",
      mobility,
      since: doc.doc.network.changedAt,
      displayLine: dispatchableLocation?.location.displayLine ?? null,
      observedAt: doc.doc.network.observation.observedAt,
    });
    if (items.length === query.limit) break;
  }
  return items;
}
