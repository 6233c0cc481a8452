import { UnrecoverableError, type Job } from "bullmq";
import { deliverNotification, PermanentDeliveryError, type DeliveryHooksByType } from "../src/notifications/deliver.js";
import { activationDeliveryHooks } from "../src/e911/activation.js";
import type { Context } from "../src/platform/context.js";
import { notificationJob } from "../src/platform/queues.js";

/** Components that act on their own notices' delivery. */
const DELIVERY_HOOKS: DeliveryHooksByType = { ...activationDeliveryHooks };

/** Thin job handler: one delivery attempt; the last permitted attempt marks the notification failed. */
export function notificationProcessor(ctx: Context) {
  return async (job: Job): Promise<string> => {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await deliverNotification(ctx, notificationJob.parse(job.data), { final }, DELIVERY_HOOKS);
    } catch (error) {
      // BullMQ stops retrying on UnrecoverableError.
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
