import { defineConfig } from "vitest/config";

/**
 * Key flows against one primary with a replica under three Redis Sentinels (`REDIS_SENTINELS`):
 * registry and locations, dial checks, porting. Part of `npm run test:cluster`; the Sentinel
 * failover itself is `test/failover/sentinel.failover.test.ts` in the Cluster run.
 */
export default defineConfig({
  test: {
    include: ["test/api/devices.test.ts", "test/emergency/api.test.ts", "test/porting/api.test.ts"],
    globalSetup: ["test/support/sentinel-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
