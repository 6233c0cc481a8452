import { getAccount } from "../accounts/service.js";
import type { Context } from "../platform/context.js";
import { DurabilityUnconfirmedError } from "../platform/durability.js";
import { isConnectionError } from "../platform/redis.js";
import type { NotificationJob } from "../platform/queues.js";
import { sendEmail } from "./email.js";
import type { NotificationRecord, NotificationType } from "./types.js";
import { sendWebhook, WebhookDeliveryError } from "./webhook.js";

/** Delivery failed for good (no retry can help); the notification is already marked `failed`. */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/**
 * What the component that sent a notice wants done when it is delivered or an attempt fails —
 * e.g. the e911 flow enables e911 in the same step that records its activation e-mail. Wired in
 * by the notification worker, so this component never depends on the ones that use it.
 */
export interface DeliveryHooks {
  /**
   * Records the delivered notice together with the sender's own state change. Returns false
   * when the notice no longer concerns the sender; it is then recorded as any other.
   */
  recordDelivery?(ctx: Context, sent: NotificationRecord): Promise<boolean>;
  /** Told of each failed attempt (the record carries the error and whether it was the last). */
  attemptFailed?(ctx: Context, failed: NotificationRecord): Promise<void>;
}

/** Hooks by notification type. */
export type DeliveryHooksByType = Partial<Record<NotificationType, DeliveryHooks>>;

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
  attempt: { final: boolean; lockMs?: number },
  hooksByType: DeliveryHooksByType = {},
): Promise<DeliveryOutcome> {
  const key = ctx.keys.notification(job.accountId, job.notificationId);
  const found = await queued(ctx, job, await ctx.redis.get(key));
  if (typeof found === "string") return found;
  const claimKey = `${key}:claim:${found.channel}`;
  // The claim lasts as long as the job's lock: if this worker dies, the job's next owner finds it expired.
  const claimMs = attempt.lockMs ?? ctx.config.WORKER_LOCK_DURATION_MS;
  const claimEnds = Date.now() + claimMs;
  // A webhook's account (its signing secret) is read while the claim is taken: one wait fewer on
  // an alert's way out.
  const account = found.channel === "webhook" ? getAccount(ctx, job.accountId) : null;
  account?.catch(() => undefined); // judged below, where the send's errors are
  // Confirmed by a replica where one is asked for: a claim lost in a failover let a second worker
  // send the notice again (ADR 0020). The notification is read again right behind the claim, in
  // the same round trip: another run of the job (one run again after a stall or a failover) may
  // have sent and recorded it, and let its claim go, between the read above and the claim; it
  // would otherwise be sent twice.
  const claim = await ctx.store.claim(claimKey, claimMs, key);
  if (!claim.taken) throw new DeliveryInFlightError(`notification ${found.id} is being delivered`);
  if (!claim.confirmed)
    ctx.logger.warn(
      { notificationId: found.id, channel: found.channel },
      "delivery claim not confirmed (no replica or fsync confirmation); sending anyway (a failover now may send it twice)",
    );
  try {
    const record = await queued(ctx, job, claim.read ?? null);
    if (typeof record === "string") return record;
    let delivered: NonNullable<NotificationRecord["delivered"]>;
    try {
      delivered = await send(ctx, record, account);
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
      await hooksByType[failed.type]?.attemptFailed?.(ctx, failed);
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
    await untilRecorded(ctx, key, claimEnds, () => recordDelivery(ctx, sent, hooksByType[sent.type]), record.id);
    return "sent";
  } finally {
    await ctx.redis.del(claimKey).catch(() => undefined);
  }
}

/**
 * Records a sent notification, and when Redis cannot be reached or cannot confirm the record
 * durable (a failover) tries again until the claim runs out: failing the job here would send the
 * notice a second time. Before each new try it waits until the last one has reached Redis and
 * reads whether it was applied after all (its reply lost), so nothing is recorded twice.
 */
async function untilRecorded(
  ctx: Context,
  key: string,
  claimEnds: number,
  record: () => Promise<void>,
  notificationId: string,
): Promise<void> {
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      await record();
      return;
    } catch (error) {
      const unsure = isConnectionError(error) || error instanceof DurabilityUnconfirmedError;
      if (!unsure || Date.now() + pause >= claimEnds) throw error;
      ctx.logger.warn({ notificationId, error: (error as Error).message }, "sent; its record unconfirmed, checking it");
    }
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        // The last try may still be on its way (its answer timed out, the write did not): read
        // only once it has been executed, or it would be taken for lost and applied twice.
        await ctx.store.drained();
        const raw = await ctx.redis.get(key);
        if (raw && (JSON.parse(raw) as NotificationRecord).status === "sent") return;
        break;
      } catch (error) {
        if (!isConnectionError(error) || Date.now() + pause >= claimEnds) throw error;
        pause = Math.min(pause * 2, 1_000);
      }
    }
  }
}

/** The notification (`raw`, as stored) while it is still to be sent; else what became of it (taken out of the outbox when done). */
async function queued(
  ctx: Context,
  job: NotificationJob,
  raw: string | null,
): Promise<NotificationRecord | "missing" | "already-done"> {
  if (!raw) return "missing";
  const record = JSON.parse(raw) as NotificationRecord;
  if (record.status === "queued") return record;
  await ctx.redis.zrem(ctx.keys.outbox(job.accountId), record.id);
  return "already-done";
}

async function send(
  ctx: Context,
  record: NotificationRecord,
  accountRead: ReturnType<typeof getAccount> | null,
): Promise<NonNullable<NotificationRecord["delivered"]>> {
  if (record.channel === "email") {
    if (!ctx.config.SMTP_URL) return "outbox";
    await sendEmail(ctx.config.SMTP_URL, ctx.config.MAIL_FROM, record);
    return "smtp";
  }
  const { record: account } = await (accountRead ?? getAccount(ctx, record.accountId));
  if (!account.webhookSecret) throw new Error("the account has no webhook secret");
  const allowPrivate = ctx.config.NODE_ENV !== "production" || ctx.config.WEBHOOK_ALLOW_PRIVATE;
  await sendWebhook(record, account.webhookSecret, allowPrivate, ctx.now());
  return "webhook";
}

/**
 * Stores the delivered notification and takes it out of the outbox — or lets the sender do it in
 * its own atomic step (the activation e-mail enables e911: 001/003, enabled only once the customer
 * has been notified).
 */
async function recordDelivery(ctx: Context, sent: NotificationRecord, hooks: DeliveryHooks | undefined): Promise<void> {
  if (hooks?.recordDelivery && (await hooks.recordDelivery(ctx, sent))) return;
  // Durable before the job completes: a "sent" lost in a failover would send the notice again.
  await ctx.store.apply([
    { command: "SET", key: ctx.keys.notification(sent.accountId, sent.id), args: [JSON.stringify(sent)] },
    { command: "ZREM", key: ctx.keys.outbox(sent.accountId), args: [sent.id] },
  ]);
}
