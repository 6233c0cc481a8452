import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aofRewrites, aofRewritten, compactAof, fromCompactAof, startAofRewrite } from "../../bench/aof.js";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

// The emergency-call bench compacts the store's append-only file before each phase and measures
// one rewrite on its own (ADR 0029): its helpers must wait for the rewrite they started.
describe("the bench's append-only file rewrite", () => {
  let server: RedisServerHandle;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisServer({ appendfsync: "everysec" });
    redis = new Redis(server.url);
    const batch = redis.pipeline();
    for (let i = 0; i < 2_000; i++) batch.set(`k${i}`, "x".repeat(500));
    await batch.exec();
  });

  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it("compacts: one rewrite more, finished, and the data still there", async () => {
    const before = await aofRewrites(redis);
    await compactAof(redis);
    const info = await redis.info("persistence");
    expect(await aofRewrites(redis)).toBe(before + 1);
    expect(info).toMatch(/^aof_rewrite_in_progress:0/m);
    expect(info).toMatch(/^aof_last_bgrewrite_status:ok/m);
    expect(await redis.dbsize()).toBe(2_000);
  });

  it("starts a rewrite while writes go on and waits for that one", async () => {
    const expected = await startAofRewrite(redis);
    await redis.set("during", "1");
    await aofRewritten(redis, expected);
    expect(await aofRewrites(redis)).toBe(expected);
    expect(await redis.info("persistence")).toMatch(/^aof_rewrite_in_progress:0/m);
  });

  it("runs a phase from a compact file and counts the rewrites made during it", async () => {
    const quiet = await fromCompactAof(redis, async () => redis.set("phase", "1"));
    expect(quiet).toEqual({ result: "OK", rewrites: 0 });
    const busy = await fromCompactAof(redis, async () => {
      await aofRewritten(redis, await startAofRewrite(redis));
      return "done";
    });
    expect(busy).toEqual({ result: "done", rewrites: 1 });
  });
});
