import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDeviceIdentity } from "../../src/lis/identity.js";
import { lisKeys } from "../../src/lis/store.js";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
  await service.request("PUT", "/v1/accounts/ids-a", { body: accountBody() });
});
afterAll(async () => {
  await service.close();
});

const device = (callbackNumber: string, sipUris: string[]) => ({
  type: "softphone",
  callbackNumber,
  serviceCountry: "US",
  sipUris,
});

/** Who the identity index names for `identity` (raw members, before any check against the device). */
const holders = (identity: string) => service.ctx.redis.smembers(lisKeys(service.ctx).identity(identity));
const indexed = async (deviceId: string) => {
  const field = await service.ctx.redis.hget(lisKeys(service.ctx).deviceIdentities("ids-a"), deviceId);
  return field === null ? null : (JSON.parse(field) as string[]).sort();
};
const resolves = async (uri: string) => {
  const outcome = await resolveDeviceIdentity(service.ctx, { kind: "uri", value: uri });
  return outcome.ok ? outcome.deviceId : outcome.reason;
};

describe("the identity index", () => {
  it("follows a device's identities as they change, and drops them when it is deactivated", async () => {
    const path = "/v1/accounts/ids-a/devices/moving";
    expect((await service.request("PUT", path, { body: device("+14155550111", ["sip:old@pbx.example"]) })).status).toBe(
      201,
    );
    expect(await indexed("moving")).toEqual(["sip:old@pbx.example", "tel:+14155550111"]);
    expect(await resolves("sip:old@pbx.example")).toBe("moving");

    await service.request("PUT", path, { body: device("+14155550112", ["sip:new@pbx.example"]) });
    expect(await indexed("moving")).toEqual(["sip:new@pbx.example", "tel:+14155550112"]);
    expect(await holders("sip:old@pbx.example")).toEqual([]);
    expect(await holders("tel:+14155550111")).toEqual([]);
    expect(await holders("sip:new@pbx.example")).toEqual(["ids-a moving"]);
    expect(await resolves("sip:new@pbx.example")).toBe("moving");
    expect(await resolves("sip:old@pbx.example")).toBe("unknown");

    expect((await service.request("DELETE", path)).status).toBe(200);
    expect(await indexed("moving")).toBeNull();
    expect(await holders("sip:new@pbx.example")).toEqual([]);
    expect(await resolves("tel:+14155550112")).toBe("unknown");
  });

  it("takes over a device indexed in the per-device set of before (ADR 0030) at its next write", async () => {
    const k = lisKeys(service.ctx);
    const path = "/v1/accounts/ids-a/devices/legacy";
    await service.request("PUT", path, { body: device("+14155550121", ["sip:legacy@pbx.example"]) });
    // As an older release left it: the device's identities in a set of its own, no hash field,
    // and an identity the device no longer holds still indexed (a crash before the repair).
    const redis = service.ctx.redis;
    await redis.hdel(k.deviceIdentities("ids-a"), "legacy");
    await redis.sadd(
      k.legacyDeviceIdentities("ids-a", "legacy"),
      "sip:legacy@pbx.example",
      "tel:+14155550121",
      "sip:gone@pbx.example",
    );
    await redis.sadd(k.identity("sip:gone@pbx.example"), "ids-a legacy");

    await service.request("PUT", path, { body: device("+14155550121", ["sip:legacy@pbx.example"]) });
    expect(await redis.exists(k.legacyDeviceIdentities("ids-a", "legacy"))).toBe(0);
    expect(await indexed("legacy")).toEqual(["sip:legacy@pbx.example", "tel:+14155550121"]);
    expect(await holders("sip:gone@pbx.example")).toEqual([]);
    expect(await resolves("sip:legacy@pbx.example")).toBe("legacy");
  });

  it("takes out what a process of the release before indexed meanwhile (rolling upgrade)", async () => {
    const k = lisKeys(service.ctx);
    const redis = service.ctx.redis;
    const path = "/v1/accounts/ids-a/devices/rolling";
    await service.request("PUT", path, { body: device("+14155550131", ["sip:first@pbx.example"]) });
    // An older process moved the device to sip:second and kept its bookkeeping in its own set.
    await redis.srem(k.identity("sip:first@pbx.example"), "ids-a rolling");
    await redis.sadd(k.identity("sip:second@pbx.example"), "ids-a rolling");
    await redis.sadd(k.legacyDeviceIdentities("ids-a", "rolling"), "sip:second@pbx.example", "tel:+14155550131");

    await service.request("PUT", path, { body: device("+14155550131", ["sip:third@pbx.example"]) });
    expect(await holders("sip:second@pbx.example")).toEqual([]);
    expect(await holders("sip:third@pbx.example")).toEqual(["ids-a rolling"]);
    expect(await indexed("rolling")).toEqual(["sip:third@pbx.example", "tel:+14155550131"]);
    expect(await redis.exists(k.legacyDeviceIdentities("ids-a", "rolling"))).toBe(0);
  });
});
