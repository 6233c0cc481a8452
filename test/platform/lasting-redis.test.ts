import { Redis } from "ioredis";
import { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedis } from "../../src/platform/redis.js";
import { lasting } from "../../src/platform/lasting-redis.js";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

// ioredis ends a connection for good when it is told to reconnect while still connecting — what a
// Sentinel failover does (its failover detector hears +switch-master mid-reconnect). Reproduced
// here without Sentinel: `disconnect(true)` right after the connection was opened.
let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

/**
 * Tells `client` to reconnect while it is in the middle of connecting: at once when it is
 * connecting now, else when its next reconnect starts (a reconnect is forced for that).
 */
async function interruptConnecting(client: Redis): Promise<void> {
  if (client.status === "connecting") {
    client.disconnect(true);
    return;
  }
  const interrupted = new Promise<void>((resolve) =>
    client.once("connecting", () => {
      client.disconnect(true);
      resolve();
    }),
  );
  client.disconnect(true);
  await interrupted;
}

describe("a connection told to reconnect while it is connecting", () => {
  it("stays ended with ioredis alone (the behaviour this guards against)", async () => {
    const plain = new Redis(redis.url, { retryStrategy: () => 50 });
    plain.on("error", () => undefined);
    try {
      await interruptConnecting(plain);
      await vi.waitFor(() => expect(plain.status).toBe("end"));
      // Well past several reconnect delays: still ended.
      await expect(plain.ping()).rejects.toThrow(/Connection is closed/);
    } finally {
      plain.disconnect();
    }
  });

  it("connects again, also a duplicate (as BullMQ makes them), and not after a close on purpose", async () => {
    const client = createRedis(
      { REDIS_URL: redis.url, REDIS_CLUSTER: false },
      { purpose: "command", name: "lasting-test" },
    ) as Redis;
    const copy = client.duplicate();
    for (const c of [client, copy]) c.on("error", () => undefined);
    try {
      for (const c of [client, copy]) {
        await interruptConnecting(c);
        await expect.poll(() => c.ping().catch((e: unknown) => String(e)), { timeout: 5_000 }).toBe("PONG");
      }
    } finally {
      client.disconnect();
      await copy.quit();
    }
    await vi.waitFor(() => expect([client.status, copy.status]).toEqual(["end", "end"]));
    // Closed on purpose: it stays closed (the revival would have run after 50 ms).
    const probe = new Redis(redis.url);
    try {
      await expect
        .poll(async () => String(await probe.call("CLIENT", "LIST")).includes("name=lasting-test"), { timeout: 2_000 })
        .toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([client.status, copy.status]).toEqual(["end", "end"]);
    } finally {
      probe.disconnect();
    }
  });

  it("keeps a BullMQ worker taking jobs after its connections were interrupted while connecting", async () => {
    const connection = lasting(new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 }), () => 50);
    connection.on("error", () => undefined);
    // The copies BullMQ makes (the worker's blocking connection), to interrupt them too.
    const copies: Redis[] = [];
    const duplicate = connection.duplicate.bind(connection);
    connection.duplicate = (override) => {
      const copy = duplicate(override);
      copy.on("error", () => undefined);
      copies.push(copy);
      return copy;
    };
    const queue = new Queue("lasting", { connection: new Redis(redis.url, { maxRetriesPerRequest: null }) });
    const done: string[] = [];
    const worker = new Worker(
      "lasting",
      (job) => {
        done.push(job.name);
        return Promise.resolve();
      },
      { connection },
    );
    worker.on("error", () => undefined);
    try {
      await worker.waitUntilReady();
      await queue.add("before", {});
      await vi.waitFor(() => expect(done).toEqual(["before"]), { timeout: 5_000 });
      // Every connection the worker has (its own and the blocking copy) is interrupted mid-connect.
      expect(copies.length).toBeGreaterThan(0);
      for (const c of [connection, ...copies]) await interruptConnecting(c);
      await queue.add("after", {});
      await vi.waitFor(() => expect(done).toEqual(["before", "after"]), { timeout: 10_000 });
    } finally {
      await worker.close();
      await queue.close();
      connection.disconnect();
    }
  });
});
