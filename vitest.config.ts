import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` — pure rules, no Redis, no browser, no build (`npm run test:unit`, seconds) —
 * and `integration` — the real app against a private redis-server, workers, SMTP and HTTP
 * receivers, Chromium. `npm test` runs both (and then the Cluster suite).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.unit.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          // Failover tests start their own Redis topologies; they run with the Cluster suite.
          exclude: ["test/**/*.unit.test.ts", "test/**/*.failover.test.ts"],
          globalSetup: ["test/support/global-setup.ts", "test/console/build-console.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
          // Component tests share one Redis but use their own key prefix; files may run in parallel.
          pool: "forks",
        },
      },
    ],
  },
});
