import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DurabilityPolicy } from "../../src/platform/durability.js";
import { VersionedStore } from "../../src/platform/versioned-store.js";
import { WAITAOF_SERVER, commandCalls, startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

/**
 * ADR 0024: a server with `WAITAOF` on `appendfsync everysec` answers a waiting `WAITAOF` when its
 * event loop next runs. Here nothing else talks to it and its timer ticks once a second (`hz 1`),
 * so unwoken a lone write would wait up to a second for its confirmation (or be refused at the
 * 800 ms timeout); the store's wake-up pokes make the server answer at once. (On a busy machine
 * the server sometimes notices the fsync by itself: the pokes are not asserted, the outcome is.)
 */
let server: RedisServerHandle;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer({ binary: WAITAOF_SERVER, appendfsync: "everysec", extraArgs: ["--hz", "1"] });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server.stop();
});

const connect = () => {
  const client = new Redis(server.url);
  clients.push(client);
  return client;
};

describe("a write waiting for WAITAOF on a quiet server", () => {
  it("is confirmed long before the server's next tick: the store wakes it", async () => {
    const redis = connect();
    const store = new VersionedStore(redis, new DurabilityPolicy(redis, { mode: "fsync", timeoutMs: 800 }), [
      connect(),
    ]);
    const waited: number[] = [];
    for (let version = 0; version < 10; version++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const started = performance.now();
      // Confirmed, each one: an unconfirmed write is a 503 error, not a version.
      await expect(store.write("doc", version, { n: version })).resolves.toBe(version + 1);
      waited.push(performance.now() - started);
    }
    expect(await commandCalls(server.url, "waitaof")).toBeGreaterThanOrEqual(10);
    // Unwoken, each would wait for the tick: uniformly up to 1 s.
    expect(Math.max(...waited)).toBeLessThan(500);
  });
});
