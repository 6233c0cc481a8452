import { describe, expect, it } from "vitest";
import { US_ADDRESS, accountWithDevice } from "../support/fixtures.js";
import { WAITAOF_SERVER, commandCalls } from "../support/redis-server.js";
import { redis, replicaOf, service } from "./deployments.js";

/**
 * DURABILITY (ADR "durable acknowledgement"): a write of life-safety data is answered 200 only
 * once it is confirmed on disk and/or on a replica; otherwise 503 `durability-unconfirmed` with
 * Retry-After — never a silent success. Emergency reads are not affected. Debian bookworm's Redis
 * is 7.0: the `fsync` mode is exercised through `appendfsync always` there, and through `WAITAOF`
 * on Valkey 8.0 (Redis 7.2-compatible, installed by `.ci/run`; ADR 0024).
 */
const location = (floor: string) => ({ address: { ...US_ADDRESS, floor } });

describe("DURABILITY=fsync", () => {
  it("answers 200 on a Redis that fsyncs every write (appendfsync always)", async () => {
    const primary = await redis({ appendfsync: "always" });
    const svc = await service(primary.url, { DURABILITY: "fsync" });
    const ids = await accountWithDevice(svc, { accountId: "ack-fsync" });
    const put = await svc.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: location("3"),
    });
    expect(put.status).toBe(200);
  });

  it("refuses to acknowledge on a Redis < 7.2 that fsyncs only every second: 503, nothing written, reads unaffected", async () => {
    const primary = await redis({ appendfsync: "everysec" });
    // The data is put there by a deployment that does not ask for durability (a baseline).
    const loose = await service(primary.url, { DURABILITY: "none" }, "tack1");
    const ids = await accountWithDevice(loose, { accountId: "ack-everysec" });
    const path = `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}`;
    expect((await loose.request("PUT", `${path}/location`, { body: location("1") })).status).toBe(200);

    const strict = await service(primary.url, { DURABILITY: "fsync" }, "tack1");
    const put = await strict.request("PUT", `${path}/location`, { body: location("2") });
    expect(put.status).toBe(503);
    expect(put.headers.get("retry-after")).toBe("1");
    expect(put.body.type).toMatch(/\/problems\/durability-unconfirmed$/);
    expect(put.body.detail).toMatch(/appendfsync everysec/);

    const read = await strict.request("GET", `${path}/location`);
    expect(read.status).toBe(200);
    expect(read.body.address.floor).toBe("1");
    const dial = await strict.request("POST", `${path}/dial-check`, { body: { dialed: "911" } });
    expect(dial.status).toBe(200);
    expect(dial.body.emergency).toBe(true);
  });
});

describe("DURABILITY=fsync on a server with WAITAOF (Valkey 8.0)", () => {
  it("answers 200 with appendfsync everysec once WAITAOF has confirmed the write on disk", async () => {
    const primary = await redis({ binary: WAITAOF_SERVER, appendfsync: "everysec" });
    const svc = await service(primary.url, { DURABILITY: "fsync" }, "tack4");
    const ids = await accountWithDevice(svc, { accountId: "ack-waitaof" });
    const before = await commandCalls(primary.url, "waitaof");
    const put = await svc.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: location("6"),
    });
    expect(put.status).toBe(200);
    expect(await commandCalls(primary.url, "waitaof")).toBeGreaterThan(before);
  });

  it("refuses to acknowledge when the server keeps no append-only file: 503, nothing written", async () => {
    const primary = await redis({ binary: WAITAOF_SERVER, extraArgs: ["--appendonly", "no"] });
    const loose = await service(primary.url, { DURABILITY: "none" }, "tack5");
    const ids = await accountWithDevice(loose, { accountId: "ack-no-aof" });
    const path = `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`;
    expect((await loose.request("PUT", path, { body: location("1") })).status).toBe(200);

    const strict = await service(primary.url, { DURABILITY: "fsync" }, "tack5");
    const put = await strict.request("PUT", path, { body: location("2") });
    expect(put.status).toBe(503);
    expect(put.body.type).toMatch(/\/problems\/durability-unconfirmed$/);
    expect(put.body.detail).toMatch(/without the append-only file/);
    expect((await strict.request("GET", path)).body.address.floor).toBe("1");
  });
});

describe("DURABILITY=replica and fsync+replica", () => {
  it("answers 503 when no replica confirms within DURABILITY_TIMEOUT_MS", async () => {
    const primary = await redis();
    const loose = await service(primary.url, { DURABILITY: "fsync" }, "tack2");
    const ids = await accountWithDevice(loose, { accountId: "ack-alone" });
    const strict = await service(primary.url, { DURABILITY: "replica", DURABILITY_TIMEOUT_MS: "50" }, "tack2");
    const started = performance.now();
    const put = await strict.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: location("4"),
    });
    expect(put.status).toBe(503);
    expect(put.body.type).toMatch(/\/problems\/durability-unconfirmed$/);
    expect(put.body.detail).toMatch(/no replica/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("answers 200 once a replica holds the write, and the replica has it", async () => {
    const primary = await redis();
    const replica = await replicaOf(primary);
    const svc = await service(primary.url, { DURABILITY: "fsync+replica" }, "tack3");
    const ids = await accountWithDevice(svc, { accountId: "ack-replica" });
    const put = await svc.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: location("5"),
    });
    expect(put.status).toBe(200);
    // WAIT returned ≥ 1 before the answer: the replica already holds every key the primary holds.
    const { Redis } = await import("ioredis");
    const [p, r] = [new Redis(primary.url), new Redis(replica.url)];
    try {
      const keys = (await p.keys("tack3:*")).sort();
      expect(keys.length).toBeGreaterThan(0);
      expect((await r.keys("tack3:*")).sort()).toEqual(keys);
      for (const key of keys.filter((k) => k.includes("location")))
        expect(await r.dump(key)).toEqual(await p.dump(key));
    } finally {
      p.disconnect();
      r.disconnect();
    }
  });
});
