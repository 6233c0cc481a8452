import type { Logger } from "pino";
import { ApiKeyCache } from "../auth/api-key-cache.js";
import { ApiKeyStore } from "../auth/api-key-store.js";
import { localRoutingRegistry, type EmergencyRoutingAdapter } from "../e911/routing.js";
import type { Config } from "../config.js";
import { KeySpace } from "./keys.js";
import { loggableError } from "./logger.js";
import { Queues } from "./queues.js";
import { createRedis, type RedisClient } from "./redis.js";
import { VersionedStore } from "./versioned-store.js";

/**
 * The shared plumbing every use case receives: connections, the key layout, the versioned store,
 * the queues and the clock. Built once per process by `createContext`.
 */
export interface Context {
  config: Config;
  logger: Logger;
  redis: RedisClient;
  keys: KeySpace;
  store: VersionedStore;
  queues: Queues;
  apiKeys: { store: ApiKeyStore; cache: ApiKeyCache };
  /** Where activated devices are registered for emergency routing (the e911 flow's adapter seam). */
  routing: EmergencyRoutingAdapter;
  /** Injected so tests can pin time; everything reads "now" from here. */
  now: () => Date;
}

export interface OwnedContext extends Context {
  close(): Promise<void>;
}

/** Opens the connections for one process and wires the revocation feed into the key cache. */
export function createContext(config: Config, logger: Logger): OwnedContext {
  const redis = createRedis(config, { purpose: "command", name: "api" });
  const queueConnection = createRedis(config, { purpose: "command", name: "queues" });
  const subscriber = createRedis(config, { purpose: "blocking", name: "revocations" });
  const keys = new KeySpace(config.REDIS_PREFIX);
  const cache = new ApiKeyCache(config.API_KEY_CACHE_TTL_MS);

  // ioredis emits 'error' on every failed reconnect; log once per outage, not per attempt.
  for (const client of [redis, queueConnection, subscriber]) {
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
  subscriber.on("message", (_channel: string, hash: string) => cache.evict(hash));
  // A reconnect may have missed announcements: forget everything cached before it.
  subscriber.on("ready", () => cache.clear());
  void subscriber
    .subscribe(keys.apiKeyRevocations())
    .catch((error: unknown) => logger.warn({ error: loggableError(error) }, "revocation feed unavailable"));

  const queues = new Queues(queueConnection, keys, {
    notificationBackoffMs: config.NOTIFICATION_BACKOFF_MS,
    onError: (error) => logger.debug({ error: loggableError(error) }, "queue error"),
  });
  return {
    config,
    logger,
    redis,
    keys,
    store: new VersionedStore(redis),
    queues,
    apiKeys: { store: new ApiKeyStore(redis, keys), cache },
    routing: localRoutingRegistry,
    now: () => new Date(),
    async close() {
      await queues.close().catch(() => undefined);
      for (const client of [subscriber, queueConnection, redis]) {
        client.disconnect(false);
      }
    },
  };
}
