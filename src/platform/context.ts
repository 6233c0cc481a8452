import type { Logger } from "pino";
import type { Config } from "../config.js";
import { Broadcast } from "./broadcast.js";
import { DURABLE_WRITE_CONNECTIONS, DurabilityPolicy, mayBlock } from "./durability.js";
import { KeySpace } from "./keys.js";
import { loggableError } from "./logger.js";
import { Queues } from "./queues.js";
import { createRedis, type RedisClient } from "./redis.js";
import { VersionedStore } from "./versioned-store.js";

/**
 * The shared plumbing every use case receives: connections, the key layout, the versioned store,
 * the queues, cross-process announcements and the clock. Built once per process by
 * `createContext`. Components keep their own per-process state (caches, adapters) beside it,
 * keyed by the context, so the plumbing never depends on a component.
 */
export interface Context {
  config: Config;
  logger: Logger;
  redis: RedisClient;
  keys: KeySpace;
  store: VersionedStore;
  queues: Queues;
  broadcast: Broadcast;
  /** Injected so tests can pin time; everything reads "now" from here. */
  now: () => Date;
}

export interface OwnedContext extends Context {
  close(): Promise<void>;
}

/** Opens the connections for one process. */
export function createContext(config: Config, logger: Logger): OwnedContext {
  const redis = createRedis(config, { purpose: "command", name: "api", batched: true });
  const queueConnection = createRedis(config, { purpose: "command", name: "queues" });
  const subscriber = createRedis(config, { purpose: "blocking", name: "broadcast" });
  const keys = new KeySpace(config.REDIS_PREFIX);
  // Writes that wait for the disk or a replica get connections of their own (see VersionedStore).
  // On one node a turn's commands leave in one socket write, so a confirmation and the writes it
  // covers go together (GroupConfirm, ADR 0026, 0027); a Cluster pipelines each write with its own.
  const writers = mayBlock(config.DURABILITY)
    ? Array.from({ length: DURABLE_WRITE_CONNECTIONS }, (_, i) =>
        createRedis(config, { purpose: "command", name: `writes-${i}`, batched: true }),
      )
    : [];

  // ioredis emits 'error' on every failed reconnect; log once per outage, not per attempt.
  for (const client of [redis, queueConnection, subscriber, ...writers]) {
    let down = false;
    client.on("error", (error: Error) => {
      if (!down) logger.warn({ error: loggableError(error) }, "redis connection lost");
      down = true;
    });
    client.on("ready", () => {
      if (down) logger.info("redis connection restored");
      down = false;
    });
  }

  const queues = new Queues(queueConnection, keys, {
    notificationBackoffMs: config.NOTIFICATION_BACKOFF_MS,
    onError: (error) => {
      logger.debug({ error: loggableError(error) }, "queue error");
    },
  });
  return {
    config,
    logger,
    redis,
    keys,
    store: new VersionedStore(
      redis,
      new DurabilityPolicy(redis, { mode: config.DURABILITY, timeoutMs: config.DURABILITY_TIMEOUT_MS }),
      writers,
    ),
    queues,
    broadcast: new Broadcast(redis, subscriber, logger),
    now: () => new Date(),
    async close() {
      await queues.close().catch(() => undefined);
      for (const client of [subscriber, queueConnection, redis, ...writers]) {
        client.disconnect(false);
      }
    },
  };
}
