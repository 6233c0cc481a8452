import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startRedisCluster, type RedisClusterHandle } from "../../src/platform/redis-cluster-process.js";

let cluster: RedisClusterHandle | undefined;

/**
 * Starts a Redis Cluster of three masters with one replica each for the run; the services under
 * test use `REDIS_CLUSTER=1`.
 */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startRedisCluster(3, { replicas: 1 });
  project.provide("redisUrl", cluster.url);
  project.provide("redisPort", cluster.nodes[0]!.port);
  project.provide("redisCluster", true);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
