import type { Job } from "bullmq";
import { startE911Activation, syncEmergencyRegistration } from "../src/e911/activation.js";
import type { Context } from "../src/platform/context.js";
import { e911ActivationJob } from "../src/platform/queues.js";

/** Thin job handler: validates the payload and calls the use case. */
export function e911ActivationProcessor(ctx: Context) {
  return async (job: Job): Promise<string> => {
    const payload = e911ActivationJob.parse(job.data);
    return job.name === "sync-location" ? syncEmergencyRegistration(ctx, payload) : startE911Activation(ctx, payload);
  };
}
