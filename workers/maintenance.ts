import type { Job } from "bullmq";
import { sweepOutbox } from "../src/notifications/outbox.js";
import { sweepOverdue } from "../src/porting/service.js";
import type { Context } from "../src/platform/context.js";

/** Periodic jobs, scheduled once per deployment by BullMQ's job scheduler (not per process). */
export const MAINTENANCE_SCHEDULES = {
  /** Re-queues notifications whose writer died before queueing them. */
  "outbox-sweep": { every: 30_000 },
  /** Marks overdue any open port request whose deadline job was lost (restart, failover). */
  "overdue-sweep": { every: 60_000 },
} as const;

export function maintenanceProcessor(ctx: Context) {
  return async (job: Job): Promise<unknown> => {
    switch (job.name) {
      case "outbox-sweep":
        return { requeued: await sweepOutbox(ctx) };
      case "overdue-sweep":
        return { marked: await sweepOverdue(ctx) };
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
