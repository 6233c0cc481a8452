import type { Job } from "bullmq";
import { sendYearlyDisclosureReminders } from "../src/disclosures/reminders.js";
import { sweepOutbox } from "../src/notifications/outbox.js";
import { sweepOverdue } from "../src/porting/service.js";
import { repairSearchIndex } from "../src/search/repair.js";
import type { Context } from "../src/platform/context.js";

/** Periodic jobs, scheduled once per deployment by BullMQ's job scheduler (not per process). */
export const MAINTENANCE_SCHEDULES = {
  /** Re-queues notifications whose writer died before queueing them. */
  "outbox-sweep": { every: 30_000 },
  /** Marks overdue any open port request whose deadline job was lost (restart, failover). */
  "overdue-sweep": { every: 60_000 },
  /**
   * Re-indexes devices the console's search misses (a writer died before indexing them). Like
   * every `every` schedule, its first run is at once when the schedule is created.
   */
  "search-repair": { every: 6 * 3600_000 },
  /** The yearly reminder of the 9-1-1 limitations to Canadian accounts (sent once per account and year). */
  "disclosure-reminders": { every: 24 * 3600_000 },
} as const;

export function maintenanceProcessor(ctx: Context) {
  return async (job: Job): Promise<unknown> => {
    switch (job.name) {
      case "outbox-sweep":
        return { requeued: await sweepOutbox(ctx) };
      case "overdue-sweep":
        return { marked: await sweepOverdue(ctx) };
      case "search-repair":
        return await repairSearchIndex(ctx);
      case "disclosure-reminders":
        return await sendYearlyDisclosureReminders(ctx);
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
