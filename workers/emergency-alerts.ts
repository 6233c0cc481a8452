import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { emergencyAlertDeliveryHooks } from "../src/emergency-calls/alerts.js";
import { escalateEmergencyCall } from "../src/emergency-calls/escalation.js";
import { sweepEmergencyAlerts } from "../src/emergency-calls/sweep.js";
import { deliverNotification, PermanentDeliveryError } from "../src/notifications/deliver.js";
import type { Context } from "../src/platform/context.js";
import { emergencyAlertLockMs, emergencyEscalationJob, notificationJob } from "../src/platform/queues.js";

/** The emergency-alert queue's own schedules (its sweeps run on its own workers, not behind maintenance). */
export const EMERGENCY_ALERT_SCHEDULES = {
  /** Re-queues alerts and escalations of recent calls whose writer died before queueing them. */
  "sweep-recent": { every: 5_000 },
  /** The same over every account, also putting open calls back into the staff feed. */
  "sweep-all": { every: 5 * 60_000 },
} as const;

/**
 * Thin handler of the emergency-alert queue: `deliver` is one delivery attempt of an on-site alert
 * (the same exactly-once delivery as every notice), `escalate` the call's escalation check.
 */
export function emergencyAlertProcessor(ctx: Context) {
  return async (job: Job, token?: string): Promise<unknown> => {
    switch (job.name) {
      case "deliver": {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        try {
          return await deliverNotification(
            ctx,
            notificationJob.parse(job.data),
            { final, lockMs: emergencyAlertLockMs(ctx.config) },
            emergencyAlertDeliveryHooks,
          );
        } catch (error) {
          if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      case "escalate": {
        const outcome = await escalateEmergencyCall(ctx, emergencyEscalationJob.parse(job.data));
        if (typeof outcome === "object") {
          // Woken early (a clock difference between processes): sleep again until it is due.
          await job.moveToDelayed(outcome.notBefore, token);
          throw new DelayedError();
        }
        return outcome;
      }
      case "sweep-recent":
        return sweepEmergencyAlerts(ctx, "recent");
      case "sweep-all":
        return sweepEmergencyAlerts(ctx, "all");
      default:
        throw new Error(`unknown emergency-alert job ${job.name}`);
    }
  };
}
