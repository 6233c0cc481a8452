import type { Job } from "bullmq";
import type { Context } from "../src/platform/context.js";
import { portDeadlineJob } from "../src/platform/queues.js";
import { markOverdueIfDue } from "../src/porting/service.js";

/** Thin job handler: at `deadline.at`, re-read the request and mark it overdue if still due. */
export function portDeadlineProcessor(ctx: Context) {
  return async (job: Job): Promise<string> => {
    const payload = portDeadlineJob.parse(job.data);
    return markOverdueIfDue(ctx, payload.accountId, payload.portRequestId);
  };
}
