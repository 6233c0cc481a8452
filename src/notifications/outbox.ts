import { randomUUID } from "node:crypto";
import type { AccountRecord } from "../accounts/service.js";
import type { Context } from "../platform/context.js";
import type { Queue } from "bullmq";
import { jobIds, type NotificationJob } from "../platform/queues.js";
import type { SideEffect } from "../platform/versioned-store.js";
import { renderNotification } from "./render.js";
import type { NotificationRecord, NotificationType, NotificationVars } from "./types.js";

export interface PlannedNotifications {
  records: NotificationRecord[];
  /** Write these in the same atomic step as the state change that causes them. */
  effects: SideEffect[];
}

/**
 * Prepares the notifications of one event for an account: an e-mail to its contacts and, when it
 * has a webhook URL, a webhook. Nothing is written here: the caller adds `effects` to the
 * compare-and-set of the state change, so a crash can neither lose a notification whose change
 * happened nor send one whose change did not (outbox pattern). Then it calls `dispatch`.
 */
export function planNotifications<T extends NotificationType>(
  ctx: Context,
  account: AccountRecord,
  type: T,
  vars: NotificationVars<T>,
  ref: NotificationRecord["ref"],
  options: { extraParagraphs?: string[]; data?: Record<string, unknown> } = {},
): PlannedNotifications {
  const locale = account.locale;
  const rendered = renderNotification(type, locale, { ...vars, accountName: account.name }, options.extraParagraphs);
  const now = ctx.now().toISOString();
  const base = {
    accountId: account.accountId,
    type,
    locale,
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
  const records: NotificationRecord[] = [
    { ...base, id: `ntf_${randomUUID()}`, channel: "email", to: account.contacts.emails.join(", "), data: null },
  ];
  if (account.contacts.webhookUrl) {
    records.push({
      ...base,
      id: `ntf_${randomUUID()}`,
      channel: "webhook",
      to: account.contacts.webhookUrl,
      data: { ...ref, ...options.data },
    });
  }
  return { records, effects: outboxWrites(ctx, account.accountId, records, ctx.keys.outbox(account.accountId), now) };
}

/**
 * The writes that store `records` among the account's notifications and put them in `outbox` (the
 * customer notices' outbox, or the emergency alerts' own), for the caller's atomic script.
 */
export function outboxWrites(
  ctx: Context,
  accountId: string,
  records: readonly NotificationRecord[],
  outbox: string,
  now: string,
): SideEffect[] {
  const score = Date.parse(now);
  return records.flatMap((record) => [
    { command: "SET", key: ctx.keys.notification(accountId, record.id), args: [JSON.stringify(record)] },
    { command: "LPUSH", key: ctx.keys.notifications(accountId), args: [record.id] },
    { command: "ZADD", key: outbox, args: [score, record.id] },
  ]);
}

/**
 * Queues the delivery of written notifications on `queue`. The job id is the notification id, so
 * a second call (a retried request, an outbox sweeper) never adds a second job.
 */
export async function enqueueDeliveries(
  queue: Queue,
  records: readonly Pick<NotificationRecord, "id" | "accountId">[],
): Promise<void> {
  // One `add` per job rather than `addBulk`: a bulk add builds an ioredis pipeline, which copies
  // every script BullMQ defines onto itself — per call, the largest allocation of the
  // emergency-call intake, and objects that outlived the young generation (ADR 0025). The adds are
  // sent together all the same; neither form is atomic across jobs, and each job id is a no-op
  // when added twice.
  await Promise.all(
    records.map((r) =>
      queue.add("deliver", { accountId: r.accountId, notificationId: r.id } satisfies NotificationJob, {
        jobId: jobIds.notification(r.id),
      }),
    ),
  );
}

/**
 * Hands written notifications to the delivery queue. The job id is the notification id, so a
 * second call (a retried request, the outbox sweeper) never adds a second job.
 */
export async function dispatch(
  ctx: Context,
  records: readonly Pick<NotificationRecord, "id" | "accountId">[],
): Promise<void> {
  await enqueueDeliveries(ctx.queues.notifications, records);
}

/**
 * Re-dispatches every outbox entry older than `olderThanMs`: the safety net for a process that
 * died between writing a notification and queueing it. Safe to run anywhere, any time.
 */
export async function sweepOutbox(ctx: Context, olderThanMs = 30_000): Promise<number> {
  const accounts = await ctx.redis.smembers(ctx.keys.accountIndex());
  const cutoff = ctx.now().getTime() - olderThanMs;
  let count = 0;
  for (const accountId of accounts) {
    const ids = await ctx.redis.zrangebyscore(ctx.keys.outbox(accountId), "-inf", cutoff);
    for (const id of ids) {
      // Still undelivered and its job gave up (e.g. it only ever met another worker's claim): retry it.
      const job = await ctx.queues.notifications.getJob(jobIds.notification(id));
      if (job && (await job.isFailed())) await job.retry("failed");
    }
    await dispatch(
      ctx,
      ids.map((id) => ({ id, accountId })),
    );
    count += ids.length;
  }
  return count;
}
