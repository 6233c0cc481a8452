import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts", "test/console/build-console.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Component tests share one Redis but use their own key prefix; files may run in parallel.
    pool: "forks",
  },
});
