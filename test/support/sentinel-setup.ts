import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { SENTINEL_NAME, startSentinelTopology, type SentinelTopology } from "../failover/sentinel-topology.js";

let topology: SentinelTopology | undefined;

/**
 * One primary with a replica under three sentinels for the run; the services under test find the
 * primary through `REDIS_SENTINELS`.
 */
export async function setup(project: TestProject): Promise<void> {
  topology = await startSentinelTopology(1);
  project.provide("redisUrl", topology.primary.url);
  project.provide("redisPort", topology.primary.port);
  project.provide("redisCluster", false);
  project.provide("redisSentinels", topology.sentinels);
  project.provide("redisSentinelName", SENTINEL_NAME);
}

export async function teardown(): Promise<void> {
  await topology?.stop();
}
