import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type Reply, type TestService } from "../support/service.js";
import { accountBody, DE_ADDRESS, US_ADDRESS } from "../support/fixtures.js";
import { lastKnownDevice } from "../../src/devices/last-known.js";

// A private Redis that the tests kill and pause, and the service on it. The API-key cache lasts
// 1 s in tests (test/support/service.ts), so an outage longer than that is also an outage of the
// key store: emergency answers must still come.
let redis: RedisServerHandle;
let service: TestService;
beforeAll(async () => {
  redis = await startRedisServer();
  service = await startService({ redisUrl: redis.url });
});
afterAll(async () => {
  await service.close();
  await redis.stop();
});
afterEach(async () => {
  if (redis.process.exitCode !== null || redis.process.signalCode !== null) await redis.restart();
  await redisAnswers();
});

/**
 * Waits until the service's own Redis connection answers again and its subscriber has reconnected
 * too: the subscriber's reconnect makes the process forget its cached keys and locations, and when
 * it came late it wiped what the next test had just had verified (a 503 instead of a 404, once in CI).
 */
async function redisAnswers(): Promise<void> {
  await expect.poll(() => service.ctx.redis.ping().catch(() => "down"), { timeout: 10_000 }).toBe("PONG");
  await service.ctx.broadcast.caughtUp(10_000);
}

const DEADLINE_MS = 500;

async function timed(run: () => Promise<Reply>): Promise<Reply & { ms: number }> {
  const started = performance.now();
  const reply = await run();
  return { ...reply, ms: performance.now() - started };
}

/** A US account whose PBX dials 9 for an outside line, with a device at a registered location. */
async function usDevice(accountId: string) {
  await service.request("PUT", `/v1/accounts/${accountId}`, {
    body: accountBody({ dialing: { outsideLinePrefixes: ["9"] } }),
  });
  await service.request("PUT", `/v1/accounts/${accountId}/devices/desk`, {
    body: { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" },
  });
  const location = await service.request("PUT", `/v1/accounts/${accountId}/devices/desk/location`, {
    body: { address: US_ADDRESS },
  });
  expect(location.status).toBe(200);
  return { accountId, deviceId: "desk", path: `/v1/accounts/${accountId}/devices/desk/dial-check` };
}

describe("dial check with Redis killed", () => {
  it("answers emergency numbers 200 within 500 ms with the location this process last served or wrote", async () => {
    const us = await usDevice("fo-killed");
    const customer = await service.key("customer", us.accountId);
    // Served once before the outage (and written: the location PUT above went through this process).
    const served = await service.request("POST", us.path, { key: customer, body: { dialed: "911" } });
    expect(served.body).toMatchObject({ emergency: true, warnings: expect.not.arrayContaining(["store-unavailable"]) });
    // A German device of the same account whose location was only written, never served.
    await service.request("PUT", `/v1/accounts/${us.accountId}/devices/berlin`, {
      body: { type: "softphone", callbackNumber: "+49 89 1234567", serviceCountry: "DE" },
    });
    await service.request("PUT", `/v1/accounts/${us.accountId}/devices/berlin/location`, {
      body: { address: DE_ADDRESS },
    });

    await redis.kill();
    const started = performance.now();
    // Keep asking for longer than the key cache lasts: the answers must not change.
    for (let round = 0; round === 0 || performance.now() - started < 1_500; round++) {
      for (const [dialed, number, prefix] of [
        ["911", "911", null],
        ["9-911", "911", "9"],
        ["112", "911", null],
      ] as const) {
        const reply = await timed(() => service.request("POST", us.path, { key: customer, body: { dialed } }));
        expect(reply.status, dialed).toBe(200);
        expect(reply.ms, dialed).toBeLessThan(DEADLINE_MS);
        expect(reply.body).toMatchObject({ emergency: true, number, prefix, country: "US", blocked: false });
        expect(reply.body.callbackNumber).toBe("+14155552671");
        expect(reply.body.location).toEqual(served.body.location);
        expect(reply.body.warnings).toContain("store-unavailable");
      }
      const written = await timed(() =>
        service.request("POST", `/v1/accounts/${us.accountId}/devices/berlin/dial-check`, {
          key: customer,
          body: { dialed: "110" },
        }),
      );
      expect(written.status).toBe(200);
      expect(written.ms).toBeLessThan(DEADLINE_MS);
      expect(written.body).toMatchObject({ emergency: true, number: "110", country: "DE" });
      expect(written.body.location.address.city).toBe("München");
      expect(written.body.warnings).toContain("store-unavailable");

      const classified = await timed(() =>
        service.request("POST", "/v1/emergency/classify", { key: customer, body: { country: "LT", dialed: "03" } }),
      );
      expect(classified.status).toBe(200);
      expect(classified.ms).toBeLessThan(DEADLINE_MS);
      expect(classified.body).toMatchObject({ emergency: true, number: "112" });
    }
  });

  it("answers what it cannot know 503, another account's device 404, and bad input 400", async () => {
    const us = await usDevice("fo-limits");
    const other = await usDevice("fo-limits-other");
    const customer = await service.key("customer", us.accountId);
    expect((await service.request("POST", us.path, { key: customer, body: { dialed: "911" } })).status).toBe(200);
    expect((await service.request("POST", other.path, { body: { dialed: "911" } })).status).toBe(200);

    await redis.kill();
    // Not an emergency number: the blocks cannot be read, so no answer rather than a wrong one.
    const ordinary = await timed(() =>
      service.request("POST", us.path, { key: customer, body: { dialed: "9 415 555 0100" } }),
    );
    expect(ordinary.status).toBe(503);
    expect(ordinary.body.type).toMatch(/store-unavailable$/);
    expect(ordinary.ms).toBeLessThan(DEADLINE_MS);
    // A device this process has never seen: it cannot tell whether it exists, nor where it is.
    const unknown = await timed(() =>
      service.request("POST", `/v1/accounts/${us.accountId}/devices/never-seen/dial-check`, {
        key: customer,
        body: { dialed: "911" },
      }),
    );
    expect(unknown.status).toBe(503);
    expect(unknown.ms).toBeLessThan(DEADLINE_MS);
    // Another account's device, which this process has served: still 404 to this customer.
    const foreign = await service.request("POST", other.path, { key: customer, body: { dialed: "911" } });
    expect(foreign.status).toBe(404);
    const sameIdForeign = await service.request(
      "POST",
      `/v1/accounts/${us.accountId}/devices/desk/dial-check`.replace(us.accountId, other.accountId),
      { key: customer, body: { dialed: "911" } },
    );
    expect(sameIdForeign.status).toBe(404);
    // Input that is not a dial string is refused as before: letters, too long, empty.
    for (const dialed of ["91a", "1".repeat(33), ""]) {
      const refused = await service.request("POST", us.path, { key: customer, body: { dialed } });
      expect(refused.status, dialed).toBe(400);
      expect(refused.body.errors[0].path).toBe("dialed");
    }
  });

  it("still falls back on what it served when Redis fails again just after coming back (a failover)", async () => {
    const us = await usDevice("fo-flap");
    const served = await service.request("POST", us.path, { body: { dialed: "911" } });
    expect(served.status).toBe(200);
    // Redis comes back and the process handles its reconnect (it may have missed announcements) …
    await redis.kill();
    await redis.restart();
    await service.ctx.broadcast.caughtUp(10_000);
    // … and the store is gone again before this device was asked for: the copy still answers.
    await redis.kill();
    const during = await timed(() => service.request("POST", us.path, { body: { dialed: "911" } }));
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(DEADLINE_MS);
    expect(during.body.location).toEqual(served.body.location);
    expect(during.body.warnings).toContain("store-unavailable");
  });

  it("recovers by itself: fresh answers without the warning once Redis is back", async () => {
    const us = await usDevice("fo-recover");
    expect((await service.request("POST", us.path, { body: { dialed: "911" } })).status).toBe(200);
    await redis.kill();
    expect((await service.request("POST", us.path, { body: { dialed: "911" } })).body.warnings).toContain(
      "store-unavailable",
    );
    await redis.restart();
    await expect
      .poll(async () => (await service.request("POST", us.path, { body: { dialed: "911" } })).body.warnings, {
        timeout: 10_000,
      })
      .not.toContain("store-unavailable");
  });
});

describe("dial check with Redis paused", () => {
  it("answers 200 within 500 ms with the cached location while Redis does not answer", async () => {
    const us = await usDevice("fo-paused");
    const customer = await service.key("customer", us.accountId);
    const served = await service.request("POST", us.path, { key: customer, body: { dialed: "911" } });
    expect(served.status).toBe(200);

    const admin = new Redis(redis.url);
    try {
      // Every client's commands wait for 2.5 s (the command timeout of the API's connection is 1 s).
      await admin.call("CLIENT", "PAUSE", "2500", "ALL");
      const pausedAt = performance.now();
      for (const dialed of ["911", "112", "9911"]) {
        const reply = await timed(() => service.request("POST", us.path, { key: customer, body: { dialed } }));
        expect(reply.status, dialed).toBe(200);
        expect(reply.ms, dialed).toBeLessThan(DEADLINE_MS);
        expect(reply.body).toMatchObject({ emergency: true, number: "911" });
        expect(reply.body.location).toEqual(served.body.location);
        expect(reply.body.warnings).toContain("store-unavailable");
      }
      // Still inside the pause: these answers did not wait for Redis.
      expect(performance.now() - pausedAt).toBeLessThan(2_500);
    } finally {
      admin.disconnect();
    }
  });
});

describe("the last-known location across processes", () => {
  it("is forgotten when another process of the deployment changes the device", async () => {
    const us = await usDevice("fo-elsewhere");
    const served = await service.request("POST", us.path, { body: { dialed: "911" } });
    expect(served.body.location.address.city).toBe("San Francisco");
    const remembered = lastKnownDevice(service.ctx, us.accountId, us.deviceId);
    expect(remembered?.value.location?.address.houseNumber).toBe("100");
    // Another API process of the same deployment moves the device.
    const other = await startService({ redisUrl: redis.url, env: { REDIS_PREFIX: service.env.REDIS_PREFIX! } });
    try {
      const moved = await other.request("PUT", `/v1/accounts/${us.accountId}/devices/desk/location`, {
        body: { address: { ...US_ADDRESS, houseNumber: "200" } },
      });
      expect(moved.status).toBe(200);
      // Told over the broadcast, this process drops its older copy …
      await expect.poll(() => lastKnownDevice(service.ctx, us.accountId, us.deviceId)).toBeUndefined();
      // … while the writer keeps the version it wrote.
      expect(lastKnownDevice(other.ctx, us.accountId, us.deviceId)?.value.location?.address.houseNumber).toBe("200");
      // So during an outage this process never gives the old address: it says it cannot answer.
      await redis.kill();
      const during = await service.request("POST", us.path, { body: { dialed: "911" } });
      expect(during.status).toBe(503);
      const elsewhere = await other.request("POST", us.path, { body: { dialed: "911" } });
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.location.address.houseNumber).toBe("200");
    } finally {
      await other.close();
    }
  });
});
