import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { MetricsTime, Worker } from "bullmq";
import { ConfigError } from "../src/config.js";
import type { Context } from "../src/platform/context.js";
import { beat, HEARTBEAT_TTL_MS } from "../src/platform/health.js";
import { emergencyAlertLockMs, QUEUES } from "../src/platform/queues.js";
import { createRedis } from "../src/platform/redis.js";
import { e911ActivationProcessor } from "./e911-activation.js";
import { MAINTENANCE_SCHEDULES, maintenanceProcessor } from "./maintenance.js";
import { notificationProcessor } from "./notifications.js";
import { portDeadlineProcessor } from "./port-deadlines.js";
import { locationImportProcessor } from "./import.js";
import { LOCATION_IMPORT_QUEUE } from "../src/import/queue.js";
import { loggableError } from "../src/platform/logger.js";
import { EMERGENCY_ALERT_SCHEDULES, emergencyAlertProcessor } from "./emergency-alerts.js";

export interface WorkersHandle {
  id: string;
  /** The status of each of its own Redis connections (ioredis: ready, reconnecting, end …), for diagnostics. */
  connectionStates(): Record<string, string>;
  /** Stops taking jobs, waits for the running ones, closes connections. */
  close(): Promise<void>;
}

/**
 * Starts every queue's workers in this process, plus a heartbeat that `/readyz` reads.
 * Each Worker has its own blocking connection, as BullMQ requires.
 */
export async function startWorkers(ctx: Context): Promise<WorkersHandle> {
  // WORKER_QUEUES: this process works only the queues named (all when unset).
  const only = ctx.config.WORKER_QUEUES;
  const known: readonly string[] = Object.values(QUEUES);
  const unknown = only?.filter((name) => !known.includes(name));
  if (unknown?.length)
    throw new ConfigError(`Invalid WORKER_QUEUES: no queue ${unknown.join(", ")} (known: ${known.join(", ")})`);
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const connection = createRedis(ctx.config, { purpose: "blocking", name: "workers" });
  const prefix = ctx.keys.queuePrefix();
  const lockDuration = ctx.config.WORKER_LOCK_DURATION_MS;
  const common = {
    connection,
    prefix,
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    // Completed and failed totals per queue, kept in Redis for /metrics (one data point a minute).
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  };
  // Emergency alerts have workers and a connection of their own: nothing else queued can hold them up.
  const emergencyConnection = createRedis(ctx.config, { purpose: "blocking", name: "emergency-workers" });
  // One factory per queue, so a process started with WORKER_QUEUES creates only the workers it runs.
  const factories: Record<string, () => Worker> = {
    [QUEUES.emergencyAlerts]: () =>
      new Worker(QUEUES.emergencyAlerts, emergencyAlertProcessor(ctx), {
        ...common,
        connection: emergencyConnection,
        concurrency: 32,
        lockDuration: emergencyAlertLockMs(ctx.config),
        stalledInterval: Math.max(500, Math.floor(emergencyAlertLockMs(ctx.config) / 2)),
      }),
    [QUEUES.e911Activation]: () =>
      new Worker(QUEUES.e911Activation, e911ActivationProcessor(ctx), { ...common, concurrency: 8 }),
    [QUEUES.notifications]: () =>
      new Worker(QUEUES.notifications, notificationProcessor(ctx), { ...common, concurrency: 16 }),
    [QUEUES.maintenance]: () =>
      new Worker(QUEUES.maintenance, maintenanceProcessor(ctx), { ...common, concurrency: 1 }),
    [QUEUES.portDeadlines]: () =>
      new Worker(QUEUES.portDeadlines, portDeadlineProcessor(ctx), { ...common, concurrency: 4 }),
    [LOCATION_IMPORT_QUEUE]: () =>
      new Worker(LOCATION_IMPORT_QUEUE, locationImportProcessor(ctx), { ...common, concurrency: 2 }),
  };
  const workers = Object.entries(factories)
    .filter(([name]) => !only || only.includes(name))
    .map(([, create]) => create());
  // Upserting is idempotent: every worker process may do it, one schedule results.
  if (!only || only.includes(QUEUES.maintenance))
    for (const [name, repeat] of Object.entries(MAINTENANCE_SCHEDULES)) {
      await ctx.queues.maintenance.upsertJobScheduler(name, repeat, { name });
    }
  if (!only || only.includes(QUEUES.emergencyAlerts))
    for (const [name, repeat] of Object.entries(EMERGENCY_ALERT_SCHEDULES)) {
      await ctx.queues.emergencyAlerts.upsertJobScheduler(name, repeat, { name });
    }
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      ctx.logger.warn(
        { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, error: loggableError(error) },
        "job failed",
      ),
    );
    worker.on("error", (error) => ctx.logger.warn({ queue: worker.name, error: loggableError(error) }, "worker error"));
    // A job given to a worker again because its lock ran out may run twice: worth a line each.
    worker.on("stalled", (jobId) => ctx.logger.warn({ queue: worker.name, jobId }, "job stalled; running it again"));
    worker.on("lockRenewalFailed", (jobIds) =>
      ctx.logger.warn({ queue: worker.name, jobIds }, "job locks could not be renewed"),
    );
  }
  const connections = { workers: connection, "emergency-workers": emergencyConnection };
  const heartbeat = () => beat(ctx, id).catch(() => undefined);
  await heartbeat();
  const timer = setInterval(() => void heartbeat(), HEARTBEAT_TTL_MS / 3);
  timer.unref();
  return {
    id,
    connectionStates: () => Object.fromEntries(Object.entries(connections).map(([name, c]) => [name, c.status])),
    async close() {
      clearInterval(timer);
      await Promise.all(workers.map((worker) => worker.close()));
      await ctx.redis.zrem(ctx.keys.workerHeartbeats(), id).catch(() => undefined);
      connection.disconnect(false);
      emergencyConnection.disconnect(false);
    },
  };
}
