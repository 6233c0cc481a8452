import { once } from "node:events";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Broadcast } from "../../src/platform/broadcast.js";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

// The reconnect listeners forget what emergency answers fall back on (ADR 0009). During a
// failover the subscriber may reach Redis again before the command connection does; forgetting
// then would leave the emergency answers with nothing while the store still cannot be read.
describe("Broadcast reconnect", () => {
  let commandServer: RedisServerHandle;
  let pubsubServer: RedisServerHandle;
  const clients: Redis[] = [];

  beforeAll(async () => {
    [commandServer, pubsubServer] = await Promise.all([startRedisServer(), startRedisServer()]);
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all([commandServer.stop(), pubsubServer.stop()]);
  });

  it("calls the reconnect listeners only once the command connection answers again", async () => {
    // Like the service's command connection: fails fast while Redis is away.
    const publisher = new Redis(commandServer.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
    const subscriber = new Redis(pubsubServer.url, { retryStrategy: () => 50 });
    const admin = new Redis(pubsubServer.url);
    clients.push(publisher, subscriber, admin);
    publisher.on("error", () => undefined);

    let forgotten = 0;
    const broadcast = new Broadcast(publisher, subscriber, pino({ level: "silent" }));
    broadcast.subscribe(
      "test-channel",
      () => undefined,
      () => (forgotten += 1),
    );
    await vi.waitFor(() => expect(forgotten).toBe(1), { timeout: 5_000 });

    // The command connection's Redis goes away; then the subscriber's connection drops and comes back.
    await commandServer.kill();
    let failedPings = 0;
    const originalPing = publisher.ping.bind(publisher);
    vi.spyOn(publisher, "ping").mockImplementation(() =>
      originalPing().catch((error: unknown) => {
        failedPings += 1;
        throw error;
      }),
    );
    const ready = once(subscriber, "ready");
    await admin.call("CLIENT", "KILL", "TYPE", "pubsub");
    await ready;
    // Several attempts to reach the command connection have failed: nothing has been forgotten.
    await vi.waitFor(() => expect(failedPings).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(forgotten).toBe(1);
    // Whoever waits to be caught up (a test about to rely on the cache) is still waiting.
    let caughtUp = false;
    const waiting = broadcast.caughtUp(10_000).then(() => (caughtUp = true));
    await vi.waitFor(() => expect(failedPings).toBeGreaterThanOrEqual(5), { timeout: 10_000 });
    expect(caughtUp).toBe(false);

    // The store answers again: now, and only now, cached copies are forgotten.
    await commandServer.restart();
    await vi.waitFor(() => expect(forgotten).toBe(2), { timeout: 10_000 });
    await waiting;
    expect(forgotten).toBe(2);
  });
});
