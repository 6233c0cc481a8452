import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { Load, seedDevices } from "./load.js";
import { SENTINEL_NAME, startSentinelTopology, type SentinelTopology } from "./sentinel-topology.js";

/**
 * One primary, two replicas, three sentinels: the primary is SIGKILLed under a steady stream of
 * location writes and dial checks; the sentinels promote a replica and the service (ioredis with
 * REDIS_SENTINELS) follows. DURABILITY=fsync+replica: nothing acknowledged is lost. The workers
 * (BullMQ) run through it and are ready again afterwards.
 */
let topology: SentinelTopology;
let service: TestService;
beforeAll(async () => {
  topology = await startSentinelTopology(2);
  service = await startService({
    redisUrl: topology.primary.url,
    workers: true,
    env: { REDIS_SENTINELS: topology.sentinels, REDIS_SENTINEL_NAME: SENTINEL_NAME, DURABILITY: "fsync+replica" },
  });
});
afterAll(async () => {
  await service?.close();
  await topology?.stop();
});

describe("Sentinel, 1 primary + 2 replicas + 3 sentinels: the primary is killed under load", () => {
  it("keeps every acknowledged write, answers every emergency read, and recovers without a restart", async () => {
    const devices = await seedDevices(service, 4, 2);
    const load = new Load(service, devices);
    let killedAt = Number.NaN;
    let promotedAt: number | undefined;
    let recoveredAt = Number.NaN;
    try {
      await load.until(() => load.acked().length >= 150);
      killedAt = performance.now();
      await topology.primary.kill();
      await load.until(async () => (await topology.currentPrimaryPort()) !== topology.primary.port, 30_000);
      promotedAt = performance.now();
      await load.until(() => load.acked().some((w) => w.sentAt > killedAt), 20_000);
      recoveredAt = load.acked().find((w) => w.sentAt > killedAt)!.at;
      await load.until(() => load.acked().filter((w) => w.sentAt > recoveredAt).length >= 50);
    } finally {
      await load.stop();
      console.log(`[sentinel failover] answers: ${JSON.stringify(load.statuses())}`);
      const after = load.writes.filter((w) => w.sentAt > killedAt);
      console.log(
        `[sentinel failover] after the kill: ${JSON.stringify(after.slice(-5).map((w) => `${w.status} ${w.type ?? ""}`))}`,
      );
    }
    const lost = await load.lostWrites();
    const failedReads = load.reads.filter((r) => r.status !== 200).length;
    console.log(
      `[sentinel failover] writes acked ${load.acked().length}, lost ${lost}, 503s ${load.writes.length - load.acked().length} ` +
        `(${JSON.stringify(load.statuses())}), emergency reads ${load.reads.length} (failed ${failedReads}, slowest ` +
        `${Math.max(...load.reads.map((r) => r.ms)).toFixed(0)} ms), slowest write answer ${Math.max(...load.writes.map((w) => w.at - w.sentAt)).toFixed(0)} ms, promotion after ${((promotedAt ?? Number.NaN) - killedAt).toFixed(0)} ms, ` +
        `writes recovered after ${(recoveredAt - killedAt).toFixed(0)} ms`,
    );
    expect(lost).toBe(0);
    expect(load.reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.type ?? ""}`)).toEqual([]);
    expect(load.writes.every((w) => w.status === 200 || w.status === 503)).toBe(true);
    // The workers' BullMQ connections followed the failover too.
    await expect.poll(async () => (await fetch(`${service.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
  });
});
