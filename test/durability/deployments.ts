import { afterAll, expect } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";

/**
 * Redis servers and services for the durability tests, each stopped after the file's tests in
 * the reverse order of their start (importing this registers that).
 */
const started: { close?: () => Promise<void>; stop?: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const thing of started.reverse()) await (thing.close?.() ?? thing.stop?.());
});

export async function redis(options: Parameters<typeof startRedisServer>[0] = {}): Promise<RedisServerHandle> {
  const server = await startRedisServer(options);
  started.push(server);
  return server;
}

export async function service(url: string, env: Record<string, string>, prefix?: string): Promise<TestService> {
  const svc = await startService({ redisUrl: url, env: { ...env, ...(prefix ? { REDIS_PREFIX: prefix } : {}) } });
  started.push(svc);
  return svc;
}

/** Starts a replica of `primary` and resolves once its link is up. */
export async function replicaOf(primary: RedisServerHandle): Promise<RedisServerHandle> {
  const replica = await redis({ extraArgs: ["--replicaof", "127.0.0.1", String(primary.port)] });
  const { Redis } = await import("ioredis");
  const client = new Redis(replica.url);
  try {
    await expect
      .poll(async () => (await client.info("replication")).includes("master_link_status:up"), { timeout: 10_000 })
      .toBe(true);
  } finally {
    client.disconnect();
  }
  return replica;
}
