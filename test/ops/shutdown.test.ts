import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { maskRedisUrl } from "../../src/platform/shutdown.js";
import { freePort, startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

// Before the fix: SIGTERM with Redis gone left the process running for more than 20 s, and the
// start-up error for an unreachable Redis did not say which URL it tried.
const SERVER = fileURLToPath(new URL("../../src/server.ts", import.meta.url));

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, stderr: () => stderr };
}

let redis: RedisServerHandle | null = null;
afterAll(async () => {
  await redis?.stop().catch(() => undefined);
});

describe("process lifecycle", () => {
  it("exits within 10 s of SIGTERM when Redis is gone, with one line saying what was abandoned", async () => {
    redis = await startRedisServer();
    const port = await freePort();
    const server = startServer({
      REDIS_URL: redis.url,
      REDIS_PREFIX: `shut${process.pid}`,
      ADMIN_API_KEY: "vck_shutdown-test-key-000000000000",
      PORT: String(port),
    });
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 30_000, interval: 100 },
      )
      .toBe(200);
    await redis.kill();
    const started = Date.now();
    server.child.kill("SIGTERM");
    const [code] = await server.exited;
    const took = Date.now() - started;
    expect(took).toBeLessThan(10_000);
    expect(code).not.toBe(0);
    const lines = server.stderr().trim().split("\n");
    expect(lines.filter((l) => /abandoned/.test(l))).toHaveLength(1);
    expect(server.stderr()).toMatch(/Shutdown deadline of 8 s passed; abandoned: .*(workers|Redis)/);
  }, 40_000);

  it("names the Redis URL it could not reach, password masked", async () => {
    const port = await freePort();
    const server = startServer({
      REDIS_URL: `redis://user:s3cret-pass@127.0.0.1:${port}`,
      ADMIN_API_KEY: "vck_shutdown-test-key-000000000000",
      PORT: String(await freePort()),
    });
    const [code] = await server.exited;
    expect(code).not.toBe(0);
    expect(server.stderr()).toContain(`redis://user:***@127.0.0.1:${port}`);
    expect(server.stderr()).not.toContain("s3cret-pass");
  }, 40_000);

  it("masks passwords in every spelling of the URL", () => {
    expect(maskRedisUrl("redis://:pw@host:6379")).toBe("redis://:***@host:6379");
    expect(maskRedisUrl("rediss://u:pw@host:6380/0")).toBe("rediss://u:***@host:6380/0");
    expect(maskRedisUrl("redis://host:6379")).toBe("redis://host:6379");
    expect(maskRedisUrl("a:1,b:2")).toBe("a:1,b:2");
  });
});
