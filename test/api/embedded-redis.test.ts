import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answersPing, embeddedRedis } from "../../src/platform/embedded-redis.js";
import { RedisBinaryMissingError, startRedisServer } from "../../src/platform/redis-process.js";
import { freePort, startRedisServer as startTestRedis } from "../support/redis-server.js";

describe("npm start's embedded Redis", () => {
  it("uses a Redis that answers on the port", async () => {
    const running = await startTestRedis();
    try {
      const found = await embeddedRedis({ port: running.port });
      expect(found).toEqual({ url: `redis://127.0.0.1:${running.port}`, server: null });
    } finally {
      await running.stop();
    }
  });

  it("otherwise starts redis-server with its append-only file in the data directory, and stops it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vc-embedded-"));
    try {
      const started = await embeddedRedis({ port: await freePort(), dir });
      expect(started.server).not.toBeNull();
      const port = Number(started.url.split(":").at(-1));
      expect(await answersPing("127.0.0.1", port)).toBe(true);
      expect(existsSync(join(dir, "appendonlydir")) || existsSync(join(dir, "appendonly.aof"))).toBe(true);
      await started.server!.stop();
      expect(await answersPing("127.0.0.1", port)).toBe(false);
      expect(existsSync(dir)).toBe(true); // the data stays for the next start
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a missing redis-server binary as such", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(startRedisServer()).rejects.toBeInstanceOf(RedisBinaryMissingError);
    } finally {
      process.env.PATH = path;
    }
  });
});
