import { Queue, type JobsOptions } from "bullmq";
import { z } from "zod";
import type { KeySpace } from "./keys.js";
import type { RedisClient } from "./redis.js";

/**
 * Queue names and the payload each job carries. Payloads hold ids only — job data sits in Redis
 * in clear text, so never an address, a key or a secret. Handlers re-read the store.
 */
export const QUEUES = {
  /** Registers an activated device's location for emergency routing and enables e911. */
  e911Activation: "e911-activation",
} as const;

export const e911ActivationJob = z.object({
  accountId: z.string(),
  deviceId: z.string(),
  /** The device version that the activation produced; lets a handler detect stale jobs. */
  activationVersion: z.number().int().positive(),
});
export type E911ActivationJob = z.infer<typeof e911ActivationJob>;

/** Retries with exponential backoff; finished jobs are kept briefly for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Producers for every queue, sharing one connection. */
export class Queues {
  readonly e911Activation: Queue<E911ActivationJob>;

  constructor(connection: RedisClient, keys: KeySpace) {
    const options = { connection, prefix: keys.queuePrefix(), defaultJobOptions: DEFAULT_JOB_OPTIONS };
    this.e911Activation = new Queue<E911ActivationJob>(QUEUES.e911Activation, options);
  }

  async close(): Promise<void> {
    await this.e911Activation.close();
  }
}

/** Deterministic job ids (BullMQ forbids `:` in custom ids). */
export const jobIds = {
  e911Activation: (job: E911ActivationJob) => `e911-${job.accountId}-${job.deviceId}-${job.activationVersion}`,
};
