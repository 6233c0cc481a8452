import { getAccount } from "../accounts/service.js";
import type { Context } from "../platform/context.js";
import { ValidationError } from "../platform/errors.js";
import type { NotificationRecord, NotificationType } from "./types.js";

export type NotificationView = Omit<NotificationRecord, "html" | "data">;

function view({ html: _html, data: _data, ...rest }: NotificationRecord): NotificationView {
  return rest;
}

const PAGE_SCAN = 200;

/**
 * The account's notifications, newest first, optionally of one type, a page at a time. The cursor
 * is the position in the account's (append-at-head) list, so new notifications arriving between
 * pages shift it; pages may then repeat an item but never skip one — the id makes repeats visible.
 */
export async function listNotifications(
  ctx: Context,
  accountId: string,
  query: { type?: NotificationType | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  await getAccount(ctx, accountId);
  let offset = 0;
  if (query.cursor) {
    offset = Number(Buffer.from(query.cursor, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new ValidationError([{ path: "cursor", message: "is not a cursor this service issued" }]);
  }
  const items: NotificationView[] = [];
  for (;;) {
    const ids = await ctx.redis.lrange(ctx.keys.notifications(accountId), offset, offset + PAGE_SCAN - 1);
    if (ids.length === 0) return { items, nextCursor: null };
    const raws = await ctx.redis.mget(...ids.map((id) => ctx.keys.notification(accountId, id)));
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i];
      offset++;
      if (!raw) continue;
      const record = JSON.parse(raw) as NotificationRecord;
      if (query.type && record.type !== query.type) continue;
      items.push(view(record));
      if (items.length === query.limit) return { items, nextCursor: Buffer.from(String(offset)).toString("base64url") };
    }
    if (ids.length < PAGE_SCAN) return { items, nextCursor: null };
  }
}
