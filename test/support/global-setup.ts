import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startRedisServer, type RedisServerHandle } from "./redis-server.js";

let redis: RedisServerHandle | undefined;

/** Starts one private redis-server on a free port for the whole run; files use their own prefixes. */
export async function setup(project: TestProject): Promise<void> {
  redis = await startRedisServer();
  project.provide("redisUrl", redis.url);
  project.provide("redisPort", redis.port);
  project.provide("redisCluster", false);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    redisPort: number;
    /** True when the run's Redis is a Redis Cluster (`vitest.cluster.config.ts`). */
    redisCluster: boolean;
    /** `host:port,…` of the sentinels when the run's Redis is a primary under Sentinel. */
    redisSentinels?: string;
    redisSentinelName?: string;
  }
}
