import { getAccount } from "../accounts/service.js";
import type { Context } from "../platform/context.js";
import type { NotificationRecord, NotificationType } from "./types.js";

export type NotificationView = Omit<NotificationRecord, "html" | "data">;

function view({ html: _html, data: _data, ...rest }: NotificationRecord): NotificationView {
  return rest;
}

/** The account's notifications, newest first, optionally of one type. */
export async function listNotifications(ctx: Context, accountId: string, query: { type?: NotificationType | undefined; limit: number }): Promise<NotificationView[]> {
  await getAccount(ctx, accountId);
  const ids = await ctx.redis.lrange(ctx.keys.notifications(accountId), 0, query.type ? 4_999 : query.limit - 1);
  if (ids.length === 0) return [];
  const raws = await ctx.redis.mget(...ids.map((id) => ctx.keys.notification(accountId, id)));
  const items: NotificationView[] = [];
  for (const raw of raws) {
    if (!raw) continue;
    const record = JSON.parse(raw) as NotificationRecord;
    if (query.type && record.type !== query.type) continue;
    items.push(view(record));
    if (items.length === query.limit) break;
  }
  return items;
}
