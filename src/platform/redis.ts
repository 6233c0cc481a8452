import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.js";
import { batchedPerTurn } from "./batched-writes.js";
import { lasting } from "./lasting-redis.js";

/** A connection to a single node or to a Redis Cluster; both speak the same commands. */
export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  /**
   * `command` connections (API requests) fail fast while Redis is away so the API can answer
   * 503 within a second; `blocking` connections (BullMQ workers) wait and retry for ever.
   */
  purpose: "command" | "blocking";
  /** Name shown in `CLIENT LIST`, handy when reading a production Redis. */
  name?: string;
  /**
   * Commands issued in the same turn of the event loop (many requests in flight) leave in one
   * socket write (`batchedPerTurn`, ADR 0027): each write is a system call, and they were a tenth
   * of the HELD profile. Single nodes only; not for BullMQ's connections, which BullMQ drives itself.
   */
  batched?: boolean;
}

/** Reconnect quickly at first, then at most once a second, never giving up. */
const retryStrategy = (times: number): number => Math.min(50 * times, 1_000);

function nodeOptions(options: RedisConnectionOptions): RedisOptions {
  const failFast = options.purpose === "command";
  return {
    connectionName: options.name,
    retryStrategy,
    // BullMQ requires null on blocking connections; API commands get one retry, then an error.
    maxRetriesPerRequest: failFast ? 1 : null,
    // With the offline queue off, a command issued while disconnected fails at once instead of
    // waiting for a reconnect: that is what makes "503 within a second" possible.
    enableOfflineQueue: !failFast,
    commandTimeout: failFast ? 1_000 : undefined,
    connectTimeout: 2_000,
    enableReadyCheck: true,
    lazyConnect: false,
  };
}

/**
 * Opens a Redis connection from the parsed config: `REDIS_URL` is a `redis://` URL, or with
 * `REDIS_CLUSTER=1` a comma-separated list of `host:port` seed nodes.
 */
export function createRedis(
  config: Pick<Config, "REDIS_URL" | "REDIS_CLUSTER"> &
    Partial<Pick<Config, "REDIS_SENTINELS" | "REDIS_SENTINEL_NAME">>,
  options: RedisConnectionOptions,
): RedisClient {
  if (config.REDIS_SENTINELS) {
    // With Sentinel: ask the sentinels for the primary, follow a failover (the sentinels'
    // +switch-master, and a reconnect after READONLY/connection loss), never read a replica.
    const sentinels = config.REDIS_SENTINELS.split(",").map((entry) => {
      const [host, port] = entry.trim().split(":");
      return { host: host ?? "127.0.0.1", port: Number(port ?? 26379) };
    });
    return single(
      new Redis({
        ...nodeOptions(options),
        sentinels,
        name: config.REDIS_SENTINEL_NAME ?? "mymaster",
        role: "master",
        sentinelRetryStrategy: retryStrategy,
        failoverDetector: true,
        // A demoted primary answers writes with READONLY: reconnect, which asks the sentinels again.
        reconnectOnError: (error) => error.message.startsWith("READONLY"),
      }),
      options,
    );
  }
  const url = config.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (config.REDIS_CLUSTER) {
    const nodes = url.split(",").map((entry) => {
      const trimmed = entry.trim().replace(/^rediss?:\/\//, "");
      const [host, port] = trimmed.split(":");
      return { host: host ?? "127.0.0.1", port: Number(port ?? 6379) };
    });
    const redisOptions = nodeOptions(options);
    return new Cluster(nodes, {
      redisOptions,
      clusterRetryStrategy: retryStrategy,
      enableOfflineQueue: redisOptions.enableOfflineQueue,
      slotsRefreshTimeout: 2_000,
      // After a failover the promoted replica's slots are learnt within a second, not five.
      slotsRefreshInterval: 1_000,
    });
  }
  return single(new Redis(url, nodeOptions(options)), options);
}

/** A single-node connection (one Redis, or the primary Sentinel names) as `options` ask. */
function single(client: Redis, options: RedisConnectionOptions): Redis {
  const connection = lasting(client, retryStrategy);
  return options.batched ? batchedPerTurn(connection) : connection;
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function waitForReady(client: RedisClient, timeoutMs = 5_000): Promise<void> {
  if (client.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off("ready", onReady);
    };
    client.on("ready", onReady);
  });
}

/**
 * True for the errors ioredis raises when the server cannot be reached right now — including a
 * redirection a pipeline could not follow while a cluster's slot map is being learnt after a
 * failover (refreshed within a second).
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message}`;
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Command timed out|MaxRetriesPerRequest|CLUSTERDOWN|TRYAGAIN|LOADING|Failed to refresh slots|None of startup nodes|READONLY|MASTERDOWN|All sentinels are unreachable|MOVED \d+ |ASK \d+ /i.test(
    text,
  );
}
