import { defineConfig } from "vitest/config";

/**
 * The key flows again, against a real Redis Cluster of three masters with a replica each (`REDIS_CLUSTER=1`): registry,
 * activation and notifications, porting and its workers, hooks, dial checks. Every multi-key
 * operation must stay in one hash slot (see src/platform/keys.ts), or these fail with CROSSSLOT.
 */
export default defineConfig({
  test: {
    include: [
      "test/api/devices.test.ts",
      "test/api/hooks.test.ts",
      "test/api/errors.test.ts",
      "test/emergency/api.test.ts",
      "test/notifications/e911-flow.test.ts",
      "test/notifications/crash.test.ts",
      "test/durability/scale-out.test.ts",
      "test/durability/claim-read.test.ts",
      "test/lis/identity-index.test.ts",
      "test/porting/api.test.ts",
      "test/ops/operations.test.ts",
      "test/console/search.test.ts",
      "test/console/search-repair.test.ts",
      "test/console/import.test.ts",
      "test/porting/number-claims.test.ts",
      "test/api/races.test.ts",
      "test/locations/known-copy.test.ts",
      "test/auth/bootstrap-key.test.ts",
      // Their own Cluster 3+3 / Sentinel topologies, a node killed under load (ADR "durable acknowledgement").
      "test/failover/*.failover.test.ts",
    ],
    globalSetup: ["test/support/cluster-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
