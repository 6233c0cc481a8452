import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

// A private Redis the test pauses, and the service on it.
let redis: RedisServerHandle;
let service: TestService;
let routing: string;
beforeAll(async () => {
  redis = await startRedisServer();
  service = await startService({ redisUrl: redis.url });
  routing = await service.key("routing");
  await service.request("PUT", "/v1/accounts/held-fo", { body: accountBody() });
  await service.request("PUT", "/v1/accounts/held-fo/devices/soft", {
    body: {
      type: "softphone",
      callbackNumber: "+1 415 555 0150",
      serviceCountry: "US",
      sipUris: ["sip:bob@pbx.example"],
    },
  });
  await service.request("PUT", "/v1/accounts/held-fo/devices/soft/location", { body: { address: US_ADDRESS } });
});
afterAll(async () => {
  await service.close();
  await redis.stop();
});

const locate = (uri: string) =>
  fetch(`${service.url}/held`, {
    method: "POST",
    headers: { "content-type": "application/held+xml", authorization: `Bearer ${routing}` },
    body: `<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held"><locationType>civic</locationType><device xmlns="urn:ietf:params:xml:ns:geopriv:held:id"><uri>${uri}</uri></device></locationRequest>`,
  }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe("HELD with Redis paused", () => {
  it("answers within 500 ms from what this process last resolved, and an unknown identity with a HELD error, never a 5xx", async () => {
    const before = await locate("sip:bob@pbx.example");
    expect(before.text).toContain("<ca:HNO>100</ca:HNO>");
    const admin = new Redis(redis.url);
    try {
      await admin.call("CLIENT", "PAUSE", "2500", "ALL");
      const pausedAt = performance.now();
      const known = await locate("sip:bob@pbx.example");
      const knownMs = performance.now() - pausedAt;
      expect(known.status).toBe(200);
      expect(known.text).toContain("<ca:HNO>100</ca:HNO>");
      expect(knownMs).toBeLessThan(500);
      const unknown = await locate("sip:carol@pbx.example");
      expect(unknown.status).toBe(200);
      expect(unknown.text).toMatch(/code="generalLisError"/);
      expect(performance.now() - pausedAt).toBeLessThan(2_500);
    } finally {
      admin.disconnect();
    }
  });
});
