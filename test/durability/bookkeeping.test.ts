import { describe, expect, it } from "vitest";
import type { TestService } from "../support/service.js";
import { redis, replicaOf, service } from "./deployments.js";

/**
 * Delivery bookkeeping (`store.apply`, ADR 0020) is confirmed like a document write: a
 * notification recorded as sent must survive a failover, or the notice would be sent again.
 */
const sent = '{"status":"sent"}';
const bookkeeping = (svc: TestService, id: string) => [
  { command: "SET" as const, key: svc.ctx.keys.notification("ack-apply", id), args: [sent] },
  { command: "ZREM" as const, key: svc.ctx.keys.outbox("ack-apply"), args: [id] },
];

describe("store.apply under DURABILITY=replica", () => {
  it("resolves once a replica has the bookkeeping (a notification recorded as sent)", async () => {
    const primary = await redis();
    const replica = await replicaOf(primary);
    const svc = await service(primary.url, { DURABILITY: "fsync+replica" }, "tack5");
    await svc.ctx.redis.zadd(svc.ctx.keys.outbox("ack-apply"), 1, "n2");
    await svc.ctx.store.apply(bookkeeping(svc, "n2"));
    // Resolved only after WAIT: the replica already has both changes.
    const { Redis } = await import("ioredis");
    const r = new Redis(replica.url);
    try {
      expect(await r.get(svc.ctx.keys.notification("ack-apply", "n2"))).toBe(sent);
      expect(await r.zscore(svc.ctx.keys.outbox("ack-apply"), "n2")).toBeNull();
    } finally {
      r.disconnect();
    }
  });

  it("rejects when no replica confirms it in time (applied, never reported as confirmed)", async () => {
    const alone = await service((await redis()).url, { DURABILITY: "replica", DURABILITY_TIMEOUT_MS: "50" }, "tack4");
    await expect(alone.ctx.store.apply(bookkeeping(alone, "n1"))).rejects.toThrow(/no replica/);
  });
});
