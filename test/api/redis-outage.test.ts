import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";

let redis: RedisServerHandle;
let service: TestService;
beforeAll(async () => {
  redis = await startRedisServer({ appendfsync: "always" });
  service = await startService({ redisUrl: redis.url, workers: true });
});
afterAll(async () => {
  await service.close();
  await redis.stop();
});

describe("Redis outage", () => {
  it("answers 503 store-unavailable within a second while Redis is down, and recovers by itself", async () => {
    const created = await service.request("PUT", "/v1/accounts/outage-a", { body: accountBody() });
    expect(created.status).toBe(201);
    await expect.poll(async () => (await service.request("GET", "/readyz", { key: null })).status).toBe(200);

    await redis.kill();
    for (const [method, path, body] of [
      ["GET", "/v1/accounts/outage-a", undefined],
      ["PUT", "/v1/accounts/outage-b", accountBody()],
    ] as const) {
      const started = performance.now();
      const reply = await service.request(method, path, { body });
      const elapsed = performance.now() - started;
      // The API key is cached; a key never seen before would be 503 as well.
      expect(reply.status).toBe(503);
      expect(reply.body.type).toMatch(/\/problems\/store-unavailable$/);
      expect(reply.headers.get("retry-after")).toBeTruthy();
      expect(elapsed).toBeLessThan(1_000);
    }
    const ready = await service.request("GET", "/readyz", { key: null });
    expect(ready.status).toBe(503);

    await redis.restart();
    await expect
      .poll(async () => (await service.request("GET", "/v1/accounts/outage-a")).status, { timeout: 10_000 })
      .toBe(200);
    const after = await service.request("GET", "/v1/accounts/outage-a");
    expect(after.body.name).toBe("Acme Dental");
    expect((await service.request("GET", "/v1/accounts/outage-b")).status).toBe(404);
    await expect
      .poll(async () => (await service.request("GET", "/readyz", { key: null })).status, { timeout: 10_000 })
      .toBe(200);
  });
});
