import type { Context } from "../platform/context.js";
import { jobIds } from "../platform/queues.js";
import type { NotificationRecord } from "../notifications/types.js";
import { dispatchAlerts } from "./alerts.js";
import { scheduleEscalation } from "./record-call.js";
import { addToFeed, openCallIds, readCalls, readFeed, undeliveredAlerts } from "./store.js";

/**
 * The safety net of the alert path, for a process that died between recording a call and the
 * triggers that follow: re-queues alerts still in the outbox after `olderThanMs`, re-adds the
 * escalation job of every open call that still needs one, and puts open calls back in the staff
 * feed. `accounts`: `recent` looks at the accounts of the feed's recent calls (cheap, run often),
 * `all` at every account (run seldom: it also finds calls that never reached the feed).
 */
export async function sweepEmergencyAlerts(
  ctx: Context,
  accounts: "recent" | "all",
  olderThanMs = 5_000,
): Promise<{ requeued: number; escalations: number }> {
  const owners =
    accounts === "all"
      ? await ctx.redis.smembers(ctx.keys.accountIndex())
      : [...new Set((await readFeed(ctx, "all", 500)).flatMap((r) => (r.owner === null ? [] : [r.owner])))];
  const cutoff = ctx.now().getTime() - olderThanMs;
  let requeued = 0;
  let escalations = 0;
  for (const owner of owners) {
    const ids = await undeliveredAlerts(ctx, owner, cutoff);
    if (ids.length > 0) {
      const raws = await ctx.redis.mget(...ids.map((id) => ctx.keys.notification(owner, id)));
      const queued: string[] = [];
      for (let i = 0; i < ids.length; i++) {
        const record = raws[i] ? (JSON.parse(raws[i]!) as NotificationRecord) : null;
        if (record?.status !== "queued") {
          await ctx.redis.zrem(ctx.keys.emergencyAlertOutbox(owner), ids[i]!);
          continue;
        }
        const job = await ctx.queues.emergencyAlerts.getJob(jobIds.notification(record.id));
        const state = job ? await job.getState() : "none";
        if (state === "failed") await job!.retry("failed");
        queued.push(record.id);
        // A job still waiting, running or retrying later is left as it is (adding it is a no-op);
        // one gone or finished while its alert is undelivered is news worth a line.
        if (!["waiting", "active", "delayed", "prioritized", "waiting-children"].includes(state))
          ctx.logger.warn({ notificationId: record.id, job: state }, "undelivered alert queued again by the sweeper");
      }
      await dispatchAlerts(
        ctx,
        queued.map((id) => ({ id, accountId: owner })),
      );
      requeued += queued.length;
    }
    const open = await readCalls(
      ctx,
      (await openCallIds(ctx, owner)).map((id) => ({ owner, id })),
    );
    for (const call of open) {
      if (!call || call.state.acknowledgedAt) continue;
      if (accounts === "all") await addToFeed(ctx, call.record);
      if (call.record.escalation && !call.state.escalatedAt && Date.parse(call.record.receivedAt) < cutoff) {
        await scheduleEscalation(ctx, call.record);
        escalations++;
      }
    }
  }
  return { requeued, escalations };
}
