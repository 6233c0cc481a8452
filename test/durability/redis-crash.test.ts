import { afterAll, describe, expect, it } from "vitest";
import { WAITAOF_SERVER, commandCalls, startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

/**
 * The two ways `DURABILITY=fsync` (the default) is met (ADR 0017, 0024): the embedded default's
 * Redis 7.0 fsyncs every write before any reply (`appendfsync always`); a server with `WAITAOF`
 * (Valkey 8.0, as `.ci/run` installs it) fsyncs in the background every second, and each write
 * waits for `WAITAOF 1 0` before it is answered.
 */
const SERVERS = [
  { name: "Redis 7.0, appendfsync always", binary: "redis-server", appendfsync: "always" as const, waitaof: false },
  {
    name: "Valkey 8.0, appendfsync everysec + WAITAOF",
    binary: WAITAOF_SERVER,
    appendfsync: "everysec" as const,
    waitaof: true,
  },
];

async function deployment(
  server: (typeof SERVERS)[number],
): Promise<{ redis: RedisServerHandle; service: TestService }> {
  const redis = await startRedisServer({ binary: server.binary, appendfsync: server.appendfsync });
  stops.push(() => redis.stop());
  const service = await startService({ redisUrl: redis.url });
  stops.push(() => service.close());
  return { redis, service };
}

interface Outcome {
  device: string;
  floor: string;
  status: number;
  ms: number;
  version?: number;
}

describe.each(SERVERS)("$name: the server killed during a stream of location writes", (server) => {
  it("keeps every acknowledged write, answers fast while down, and recovers by itself", async () => {
    const { redis, service } = await deployment(server);
    await service.request("PUT", "/v1/accounts/crash", { body: accountBody() });
    const devices = Array.from({ length: 8 }, (_, i) => `d${i}`);
    for (const d of devices)
      await service.request("PUT", `/v1/accounts/crash/devices/${d}`, {
        body: { type: "softphone", callbackNumber: "+14155552671", serviceCountry: "US" },
      });

    const outcomes: Outcome[] = [];
    let phase: "before" | "down" | "after" | "stop" = "before";
    let counter = 0;
    const writer = async (device: string) => {
      while (phase !== "stop") {
        const floor = String(++counter);
        const started = performance.now();
        const reply = await service.request("PUT", `/v1/accounts/crash/devices/${device}/location`, {
          body: { address: { ...US_ADDRESS, floor } },
        });
        outcomes.push({
          device,
          floor,
          status: reply.status,
          ms: performance.now() - started,
          version: reply.status === 200 ? reply.body.version : undefined,
        });
        if (reply.status === 503) await new Promise((r) => setTimeout(r, 20)); // a client backing off
      }
    };
    const writers = devices.map(writer);
    const waitFor = (predicate: () => boolean) => expect.poll(predicate, { timeout: 15_000, interval: 10 }).toBe(true);
    await waitFor(() => outcomes.filter((o) => o.status === 200).length >= 100);
    // The writes were confirmed the server's way: by WAITAOF, or by its fsync before every reply.
    if (server.waitaof) expect(await commandCalls(redis.url, "waitaof")).toBeGreaterThan(0);
    else expect(await commandCalls(redis.url, "waitaof")).toBe(0);
    await redis.kill();
    phase = "down";
    const killedAt = outcomes.length;
    await waitFor(() => outcomes.slice(killedAt).filter((o) => o.status === 503).length >= 20);
    await redis.restart();
    phase = "after";
    const restartedAt = outcomes.length;
    await waitFor(() => outcomes.slice(restartedAt).filter((o) => o.status === 200).length >= 50);
    phase = "stop";
    await Promise.all(writers);

    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set([200, 503]));
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(5_000);
    const acked = outcomes.filter((o) => o.status === 200);
    for (const device of devices) {
      const history = await service.request("GET", `/v1/accounts/crash/devices/${device}/location/history`);
      expect(history.status).toBe(200);
      const byVersion = new Map(
        history.body.items.map((e: { version: number; address: { floor: string } }) => [e.version, e.address.floor]),
      );
      for (const write of acked.filter((o) => o.device === device)) {
        expect(byVersion.get(write.version!), `${device} v${write.version}`).toBe(write.floor);
      }
      const current = await service.request("GET", `/v1/accounts/crash/devices/${device}/location`);
      const last = acked.filter((o) => o.device === device).at(-1)!;
      expect(current.body.version).toBeGreaterThanOrEqual(last.version!);
    }
  });
});
