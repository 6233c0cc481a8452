import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DurabilityPolicy } from "../../src/platform/durability.js";
import { VersionedStore } from "../../src/platform/versioned-store.js";
import { WAITAOF_SERVER, commandCalls, startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

/**
 * ADR 0024: a server with `WAITAOF` on `appendfsync everysec` answers a waiting `WAITAOF` when its
 * event loop next runs. Here nothing else talks to it and its timer ticks once a second (`hz 1`),
 * so only the store's own wake-up pokes can make it answer sooner.
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
  it("wakes the server with PINGs on the store's own connection until it is confirmed", async () => {
    const redis = connect();
    const store = new VersionedStore(redis, new DurabilityPolicy(redis, { mode: "fsync", timeoutMs: 800 }), [
      connect(),
    ]);
    const before = await commandCalls(server.url, "ping");
    for (let version = 0; version < 5; version++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(store.write("doc", version, { n: version })).resolves.toBe(version + 1);
    }
    expect(await commandCalls(server.url, "ping")).toBeGreaterThan(before);
    // Confirmed by WAITAOF, each one (not by a timeout: that is a 503 error, not a version).
    expect(await commandCalls(server.url, "waitaof")).toBeGreaterThanOrEqual(5);
  });
});
