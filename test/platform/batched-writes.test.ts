import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, waitForReady } from "../../src/platform/redis.js";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

/**
 * ADR 0027: on a batching connection the commands of one turn of the event loop leave in one
 * socket write, in the order they were issued; on a plain connection each is its own write.
 */
let server: RedisServerHandle;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server.stop();
});

async function connect(batched: boolean): Promise<Redis> {
  const client = createRedis({ REDIS_URL: server.url, REDIS_CLUSTER: false }, { purpose: "command", batched }) as Redis;
  clients.push(client);
  await waitForReady(client);
  return client;
}

/** Counts the socket writes the connection makes (a corked batch is one `_writev`). */
function countWrites(client: Redis): () => number {
  const socket = client.stream as Redis["stream"] & {
    _write: (...args: unknown[]) => void;
    _writev: (...args: unknown[]) => void;
  };
  let writes = 0;
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (...args) => {
    writes++;
    write(...args);
  };
  socket._writev = (...args) => {
    writes++;
    writev(...args);
  };
  return () => writes;
}

describe("a batching connection", () => {
  it("sends one turn's fifty commands in one socket write, answered in order", async () => {
    const client = await connect(true);
    const writes = countWrites(client);
    const key = `batched:${process.pid}`;
    const replies = Promise.all(Array.from({ length: 50 }, () => client.incr(key)));
    expect(writes()).toBe(0);
    expect(await replies).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(writes()).toBe(1);
    expect(client.stream.writableCorked).toBe(0);
  });

  it("sends the next turn's commands in a write of their own, and each turn's in order", async () => {
    const client = await connect(true);
    const writes = countWrites(client);
    const key = `turns:${process.pid}`;
    const first = Promise.all([client.rpush(key, "a"), client.rpush(key, "b")]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = Promise.all([client.rpush(key, "c"), client.lrange(key, 0, -1)]);
    await Promise.all([first, second]);
    expect((await second)[1]).toEqual(["a", "b", "c"]);
    expect(writes()).toBe(2);
  });

  it("fails a command at once while disconnected, and batches again once reconnected", async () => {
    const client = await connect(true);
    const reconnected = once(client, "ready");
    client.disconnect(true);
    await expect(client.ping()).rejects.toThrow();
    await reconnected;
    const writes = countWrites(client);
    expect(await Promise.all([client.ping(), client.ping(), client.ping()])).toEqual(["PONG", "PONG", "PONG"]);
    expect(writes()).toBe(1);
  });
});

describe("a plain connection", () => {
  it("writes each command on its own (what the batching saves)", async () => {
    const client = await connect(false);
    const writes = countWrites(client);
    await Promise.all(Array.from({ length: 5 }, () => client.ping()));
    expect(writes()).toBe(5);
  });
});
