import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { newCallId, siteWithPhone } from "./support.js";

// A private Redis that the test kills, and the service on it.
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

describe("an emergency call reported while Redis is down", () => {
  it("is answered 202 within 500 ms with what the process knows, and recorded once Redis is back", async () => {
    const { deviceId } = await siteWithPhone(service, "fo-call");
    const served = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "fo-call", deviceId },
    });
    expect(served.status).toBe(201);

    await redis.kill();
    const callId = newCallId();
    const started = performance.now();
    const held = await service.request("POST", "/v1/emergency-calls", {
      body: { callId, dialed: "911", accountId: "fo-call", deviceId },
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({
      status: "pending",
      number: "911",
      callbackNumber: "+14155552671",
      location: { version: 1, source: "registered" },
    });
    expect(held.body.warnings).toContain("store-unavailable");

    await redis.restart();
    await expect.poll(() => service.ctx.redis.ping().catch(() => "down"), { timeout: 10_000 }).toBe("PONG");
    const path = `/v1/accounts/fo-call/emergency-calls/${held.body.id}`;
    await expect.poll(async () => (await service.request("GET", path)).status, { timeout: 10_000 }).toBe(200);
    const recorded = await service.request("GET", path);
    expect(recorded.body).toMatchObject({
      callId,
      status: "notified",
      receivedAt: held.body.receivedAt,
      alerted: true,
    });
    // The reporter's retry with the same callId now gets the record.
    const retried = await service.request("POST", "/v1/emergency-calls", {
      body: { callId, dialed: "911", accountId: "fo-call", deviceId },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(held.body.id);
  });
});
