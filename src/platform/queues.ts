import { Queue, type JobsOptions } from "bullmq";
import { z } from "zod";
import type { Config } from "../config.js";
import type { KeySpace } from "./keys.js";
import type { RedisClient } from "./redis.js";

/**
 * Queue names and the payload each job carries. Payloads hold ids only — job data sits in Redis
 * in clear text, so never an address, a key or a secret. Handlers re-read the store.
 */
export const QUEUES = {
  /** Registers an activated device's location for emergency routing and enables e911. */
  e911Activation: "e911-activation",
  /** Delivers one notification over its channel (e-mail or webhook). */
  notifications: "notifications",
  /** Fires at a port request's `deadline.at` and marks it overdue if still not completed. */
  portDeadlines: "port-deadlines",
  /** Bulk CSV imports of device locations (dry runs and real runs) from the console. */
  locationImports: "location-imports",
  /**
   * Kari's Law on-site alerts (e-mail and webhook) and their escalations: a queue and workers of
   * their own, so that a backlog of other notices or an import never delays an emergency alert.
   */
  emergencyAlerts: "emergency-alerts",
  /** Periodic housekeeping (outbox sweep, overdue checks). */
  maintenance: "maintenance",
} as const;

export const portDeadlineJob = z.object({ accountId: z.string(), portRequestId: z.string(), deadlineAt: z.string() });
export type PortDeadlineJob = z.infer<typeof portDeadlineJob>;

export const notificationJob = z.object({ accountId: z.string(), notificationId: z.string() });
export type NotificationJob = z.infer<typeof notificationJob>;

/**
 * Delivery retries: exponential backoff with jitter (so a recovering SMTP server or webhook
 * receiver is not hit by every retry at once), a bounded number of attempts, then `failed`.
 */
export const NOTIFICATION_ATTEMPTS = 6;
export function notificationJobOptions(backoffMs: number): JobsOptions {
  return {
    attempts: NOTIFICATION_ATTEMPTS,
    backoff: { type: "exponential", delay: backoffMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Escalates one emergency call if nobody acknowledged it in time (job name `escalate`). */
export const emergencyEscalationJob = z.object({ owner: z.string(), emergencyCallId: z.string() });
export type EmergencyEscalationJob = z.infer<typeof emergencyEscalationJob>;

/**
 * An emergency-alert job's lock (and its delivery claim): a job whose worker lost Redis in a
 * failover stays `active` until its lock runs out, so the lock is short — the failover test found
 * alerts held up for the default lock's 30 s. BullMQ renews it every half while the job runs;
 * long enough for a delivery to wait out a failover (~2–3 s) before recording itself.
 */
export function emergencyAlertLockMs(config: Pick<Config, "WORKER_LOCK_DURATION_MS">): number {
  return Math.min(config.WORKER_LOCK_DURATION_MS, 10_000);
}

/** Emergency alerts retry fast and often: someone on site must learn of the call now. */
export const EMERGENCY_ALERT_ATTEMPTS = 10;
export function emergencyAlertJobOptions(backoffMs: number): JobsOptions {
  return {
    attempts: EMERGENCY_ALERT_ATTEMPTS,
    backoff: { type: "exponential", delay: Math.min(backoffMs, 500), jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

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
  readonly notifications: Queue<NotificationJob>;
  readonly maintenance: Queue;
  /** Jobs `deliver` (a {@link NotificationJob}) and `escalate` (an {@link EmergencyEscalationJob}). */
  readonly emergencyAlerts: Queue;
  readonly portDeadlines: Queue<PortDeadlineJob>;
  /** Payload schema and producer typing live in src/import/queue.ts (the platform imports no component). */
  readonly locationImports: Queue;

  constructor(
    connection: RedisClient,
    keys: KeySpace,
    options: { notificationBackoffMs: number; onError?: (error: Error) => void },
  ) {
    const onError = options.onError ?? (() => undefined);
    const base = { connection, prefix: keys.queuePrefix(), defaultJobOptions: DEFAULT_JOB_OPTIONS };
    this.e911Activation = new Queue<E911ActivationJob>(QUEUES.e911Activation, base);
    this.notifications = new Queue<NotificationJob>(QUEUES.notifications, {
      ...base,
      defaultJobOptions: notificationJobOptions(options.notificationBackoffMs),
    });
    this.emergencyAlerts = new Queue(QUEUES.emergencyAlerts, {
      ...base,
      defaultJobOptions: emergencyAlertJobOptions(options.notificationBackoffMs),
    });
    this.maintenance = new Queue(QUEUES.maintenance, {
      ...base,
      defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
    this.portDeadlines = new Queue<PortDeadlineJob>(QUEUES.portDeadlines, base);
    this.locationImports = new Queue(QUEUES.locationImports, {
      ...base,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    // Connection errors are reported once by the connection's own handler; without a listener
    // BullMQ would print every reconnect attempt.
    for (const queue of [
      this.e911Activation,
      this.notifications,
      this.maintenance,
      this.portDeadlines,
      this.locationImports,
      this.emergencyAlerts,
    ])
      queue.on("error", onError);
  }

  /** Every queue, for metrics and the admin dashboard. */
  all(): Queue[] {
    return [
      this.e911Activation,
      this.notifications,
      this.maintenance,
      this.portDeadlines,
      this.locationImports,
      this.emergencyAlerts,
    ] as Queue[];
  }

  async close(): Promise<void> {
    await Promise.all([
      this.e911Activation.close(),
      this.notifications.close(),
      this.maintenance.close(),
      this.portDeadlines.close(),
      this.locationImports.close(),
      this.emergencyAlerts.close(),
    ]);
  }
}

/** Deterministic job ids (BullMQ forbids `:` in custom ids). */
export const jobIds = {
  e911Activation: (job: E911ActivationJob) => `e911-${job.accountId}-${job.deviceId}-${job.activationVersion}`,
  notification: (notificationId: string) => `n-${notificationId}`,
  /** `owner` is an account id or `-` for unresolved calls: both free of `:`. */
  emergencyEscalation: (job: EmergencyEscalationJob) => `escalate-${job.owner}-${job.emergencyCallId}`,
  e911Sync: (job: E911ActivationJob) => `e911sync-${job.accountId}-${job.deviceId}-${job.activationVersion}`,
  portDeadline: (job: PortDeadlineJob) =>
    `deadline-${job.accountId}-${job.portRequestId}-${Date.parse(job.deadlineAt)}`,
};
