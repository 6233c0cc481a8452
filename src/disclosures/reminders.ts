import { getAccount } from "../accounts/service.js";
import { dispatch, planNotifications } from "../notifications/outbox.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { Context } from "../platform/context.js";
import { VersionConflictError } from "../platform/versioned-store.js";
import { disclosureFor } from "./service.js";

/**
 * Countries whose regulator requires existing customers to be reminded of the emergency-calling
 * limitations periodically: Canada, at least once every 12 months (Telecom Decision CRTC 2005-61,
 * following CRTC 2005-21's customer-notification requirements).
 */
export const YEARLY_REMINDER_COUNTRIES: readonly string[] = ["CA"];

/**
 * Sends each account of a reminder country its yearly reminder of the current disclosure text,
 * in the account's language, once per calendar year (UTC). Idempotent per account and year: the
 * year's reminder record is created in the same atomic write as the notifications, and a second
 * run (another worker, a retry) finds it there and sends nothing. Run daily by the maintenance
 * queue, so a reminder goes out on the first run of each year: never more than 12 months apart.
 */
export async function sendYearlyDisclosureReminders(ctx: Context): Promise<{ sent: number }> {
  const now = ctx.now();
  const year = now.getUTCFullYear();
  const accountIds = await ctx.redis.smembers(ctx.keys.accountIndex());
  let sent = 0;
  for (const accountId of accountIds.sort()) {
    const account = await getAccount(ctx, accountId).catch(() => null);
    if (!account || !YEARLY_REMINDER_COUNTRIES.includes(account.record.country)) continue;
    const key = ctx.keys.disclosureReminder(accountId, year);
    if ((await ctx.redis.exists(key)) === 1) continue;
    const disclosure = disclosureFor(account.record.country, account.record.locale);
    const planned = planNotifications(
      ctx,
      account.record,
      "disclosure.reminder",
      { policyTitle: disclosure.title, disclosureText: disclosure.text, year: String(year) },
      {},
      { data: { policy: disclosure.policy, country: disclosure.country, version: disclosure.version, year } },
    );
    const record = {
      accountId,
      year,
      policy: disclosure.policy,
      version: disclosure.version,
      notificationIds: planned.records.map((r: NotificationRecord) => r.id),
      at: now.toISOString(),
    };
    try {
      await ctx.store.write(key, 0, record, planned.effects);
    } catch (error) {
      if (error instanceof VersionConflictError) continue; // another run wrote this year's reminder first
      throw error;
    }
    await dispatch(ctx, planned.records);
    sent++;
  }
  return { sent };
}
