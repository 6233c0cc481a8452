import { getAccount } from "../accounts/service.js";
import { completeE911Activation, noteActivationDeliveryProblem } from "../e911/activation.js";
import type { Context } from "../platform/context.js";
import type { NotificationJob } from "../platform/queues.js";
import { sendEmail } from "./email.js";
import type { NotificationRecord } from "./types.js";
import { sendWebhook, WebhookDeliveryError } from "./webhook.js";

/** Delivery failed for good (no retry can help); the notification is already marked `failed`. */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

export type DeliveryOutcome = "sent" | "already-done" | "missing";

/** Another worker is delivering this notification right now: try again later. */
export class DeliveryInFlightError extends Error {
  override name = "DeliveryInFlightError";
}

/**
 * Delivers one notification over its channel, at least once and — short of a crash between
 * the send and the bookkeeping — exactly once: a notification already sent or failed is not
 * sent again, and a claim per (notification, channel) keeps two workers from sending it at the
 * same time. Every attempt is counted; the last one marks it `failed` with the error kept.
 * Without `SMTP_URL` an e-mail stays in the outbox and is marked `delivered: "outbox"` — it is
 * never reported as sent over SMTP.
 */
export async function deliverNotification(
  ctx: Context,
  job: NotificationJob,
  attempt: { final: boolean },
): Promise<DeliveryOutcome> {
  const key = ctx.keys.notification(job.accountId, job.notificationId);
  const raw = await ctx.redis.get(key);
  if (!raw) return "missing";
  const record = JSON.parse(raw) as NotificationRecord;
  if (record.status !== "queued") {
    await ctx.redis.zrem(ctx.keys.outbox(job.accountId), record.id);
    return "already-done";
  }
  const claimKey = `${key}:claim:${record.channel}`;
  // The claim lasts as long as a job lock: if this worker dies, the job's next owner finds it expired.
  if ((await ctx.redis.set(claimKey, "1", "PX", ctx.config.WORKER_LOCK_DURATION_MS, "NX")) !== "OK")
    throw new DeliveryInFlightError(`notification ${record.id} is being delivered`);
  try {
    let delivered: NonNullable<NotificationRecord["delivered"]>;
    try {
      delivered = await send(ctx, record);
    } catch (error) {
      const permanent = error instanceof WebhookDeliveryError && error.permanent;
      const final = attempt.final || permanent;
      const failed: NotificationRecord = {
        ...record,
        attempts: record.attempts + 1,
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        status: final ? "failed" : "queued",
      };
      const write = ctx.redis.multi().set(key, JSON.stringify(failed));
      if (final) write.zrem(ctx.keys.outbox(job.accountId), record.id);
      await write.exec();
      if (failed.type === "e911.activated" && failed.channel === "email")
        await noteActivationDeliveryProblem(ctx, failed);
      throw permanent ? new PermanentDeliveryError(failed.lastError ?? "refused") : error;
    }
    const sent: NotificationRecord = {
      ...record,
      status: "sent",
      delivered,
      attempts: record.attempts + 1,
      lastError: null,
      sentAt: ctx.now().toISOString(),
    };
    await recordDelivery(ctx, sent);
    return "sent";
  } finally {
    await ctx.redis.del(claimKey).catch(() => undefined);
  }
}

async function send(ctx: Context, record: NotificationRecord): Promise<NonNullable<NotificationRecord["delivered"]>> {
  if (record.channel === "email") {
    if (!ctx.config.SMTP_URL) return "outbox";
    await sendEmail(ctx.config.SMTP_URL, ctx.config.MAIL_FROM, record);
    return "smtp";
  }
  const { record: account } = await getAccount(ctx, record.accountId);
  if (!account.webhookSecret) throw new Error("the account has no webhook secret");
  const allowPrivate = ctx.config.NODE_ENV !== "production" || ctx.config.WEBHOOK_ALLOW_PRIVATE;
  await sendWebhook(record, account.webhookSecret, allowPrivate, ctx.now());
  return "webhook";
}

/**
 * Stores the delivered notification and takes it out of the outbox — for the activation e-mail
 * in the same atomic step that enables e911 on the device (001/003: enabled only once the
 * customer has been notified).
 */
async function recordDelivery(ctx: Context, sent: NotificationRecord): Promise<void> {
  if (sent.type === "e911.activated" && sent.channel === "email" && sent.ref.deviceId) {
    if (await completeE911Activation(ctx, sent)) return;
  }
  await ctx.redis
    .multi()
    .set(ctx.keys.notification(sent.accountId, sent.id), JSON.stringify(sent))
    .zrem(ctx.keys.outbox(sent.accountId), sent.id)
    .exec();
}
