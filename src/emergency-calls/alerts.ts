import { randomUUID } from "node:crypto";
import type { AccountRecord } from "../accounts/service.js";
import type { DeliveryHooks, DeliveryHooksByType } from "../notifications/deliver.js";
import { enqueueDeliveries, outboxWrites } from "../notifications/outbox.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { Context } from "../platform/context.js";
import type { SideEffect } from "../platform/versioned-store.js";
import { alertVariables, renderAlert, type AlertNotificationType } from "./alert-text.js";
import type { AlertRecipients, EmergencyCallRecord } from "./evidence.js";
import { timelineEntry } from "./store.js";

/** The alert's notices and the writes that put them in the outbox with the change that causes them. */
export interface PlannedAlerts {
  records: NotificationRecord[];
  effects: SideEffect[];
}

/**
 * Prepares an on-site alert (or an escalation) of one call: an e-mail to the recipients and, when
 * there is a webhook URL, a Standard Webhooks webhook. Nothing is written here: the effects go into
 * the same script as the call's record (or its escalation), so an alert exists if and only if the
 * call was recorded (outbox pattern, as for every other notice). They are kept in the account's
 * notifications, so `GET …/notifications?type=emergency.call_placed` lists them.
 */
export function planAlerts(
  ctx: Context,
  account: AccountRecord,
  record: EmergencyCallRecord,
  type: AlertNotificationType,
  recipients: Pick<AlertRecipients, "emails" | "webhookUrl">,
  link: string,
  extraVars: Record<string, string> = {},
): PlannedAlerts {
  const vars = { ...alertVariables(account, record, link), ...extraVars };
  const rendered = renderAlert(type, account.locale, vars);
  const now = ctx.now().toISOString();
  const ref = { ...(record.deviceId ? { deviceId: record.deviceId } : {}), emergencyCallId: record.id };
  const base = {
    accountId: account.accountId,
    type,
    locale: account.locale,
    subject: rendered.subject,
    body: rendered.text,
    html: rendered.html,
    status: "queued" as const,
    attempts: 0,
    lastError: null,
    createdAt: now,
    sentAt: null,
    ref,
  };
  const records: NotificationRecord[] = [];
  if (recipients.emails.length > 0)
    records.push({
      ...base,
      id: `ntf_${randomUUID()}`,
      channel: "email",
      to: recipients.emails.join(", "),
      data: null,
    });
  if (recipients.webhookUrl) {
    records.push({
      ...base,
      id: `ntf_${randomUUID()}`,
      channel: "webhook",
      to: recipients.webhookUrl,
      data: {
        emergencyCallId: record.id,
        callId: record.callId,
        deviceId: record.deviceId,
        deviceLabel: record.deviceLabel,
        dialed: record.dialed,
        number: record.number,
        test: record.test,
        callbackNumber: record.callbackNumber,
        location: record.location,
        startedAt: record.startedAt,
        callUrl: link,
      },
    });
  }
  const outbox = ctx.keys.emergencyAlertOutbox(account.accountId);
  return { records, effects: outboxWrites(ctx, account.accountId, records, outbox, now) };
}

/**
 * Hands written alerts to the emergency-alert queue, which has workers of its own. The job id is the
 * notification id, so a retried request or the sweeper never adds a second job.
 */
export async function dispatchAlerts(
  ctx: Context,
  records: readonly Pick<NotificationRecord, "id" | "accountId">[],
): Promise<void> {
  await enqueueDeliveries(ctx.queues.emergencyAlerts, records);
}

/**
 * Bookkeeping of a delivered or finally failed alert: the notification, the alert outbox and the
 * call's timeline change together (the notifications component calls these).
 */
const alertHooks: DeliveryHooks = {
  async recordDelivery(ctx, sent) {
    const callId = sent.ref.emergencyCallId;
    if (!callId) return false;
    const timeline = timelineEntry(ctx, sent.accountId, callId, {
      at: sent.sentAt ?? ctx.now().toISOString(),
      type: "alert_sent",
      channel: sent.channel,
      notificationId: sent.id,
    });
    // Durable before the job completes: a "sent" lost in a failover would alert the site twice.
    await ctx.store.apply([
      { command: "SET", key: ctx.keys.notification(sent.accountId, sent.id), args: [JSON.stringify(sent)] },
      { command: "ZREM", key: ctx.keys.emergencyAlertOutbox(sent.accountId), args: [sent.id] },
      timeline,
    ]);
    return true;
  },
  async attemptFailed(ctx, failed) {
    const callId = failed.ref.emergencyCallId;
    if (failed.status !== "failed" || !callId) return;
    const timeline = timelineEntry(ctx, failed.accountId, callId, {
      at: ctx.now().toISOString(),
      type: "alert_failed",
      channel: failed.channel,
      notificationId: failed.id,
      detail: failed.lastError ?? "failed",
    });
    await ctx.redis
      .multi()
      .zrem(ctx.keys.emergencyAlertOutbox(failed.accountId), failed.id)
      .rpush(timeline.key, String(timeline.args[0]))
      .exec();
  },
};

export const emergencyAlertDeliveryHooks: DeliveryHooksByType = {
  "emergency.call_placed": alertHooks,
  "emergency.test_call": alertHooks,
  "emergency.call_escalated": alertHooks,
};
