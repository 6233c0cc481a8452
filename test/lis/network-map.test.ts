import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

const SITE_A = { ...US_ADDRESS, floor: "2", room: "210" };
const SITE_B = {
  country: "US",
  region: "US-NY",
  city: "New York",
  street: "Broadway",
  houseNumber: "1585",
  postalCode: "10036",
};
const HOME = {
  country: "US",
  region: "US-CA",
  city: "Oakland",
  street: "Broadway",
  houseNumber: "400",
  postalCode: "94607",
};

async function account(id: string) {
  expect((await service.request("PUT", `/v1/accounts/${id}`, { body: accountBody() })).status).toBe(201);
  for (const [locationId, address] of [
    ["site-a", SITE_A],
    ["site-b", SITE_B],
  ] as const) {
    const put = await service.request("PUT", `/v1/accounts/${id}/emergency-locations/${locationId}`, {
      body: { name: locationId, address },
    });
    expect(put.status).toBe(201);
  }
  const entries = [
    ["net-a", { locationId: "site-a", subnet: "10.1.0.0/16" }],
    ["net-b", { locationId: "site-b", subnet: "10.2.0.0/16" }],
    ["ap-b", { locationId: "site-b", bssid: "00-1A-2B-3C-4D-5E" }],
  ] as const;
  for (const [entryId, body] of entries)
    expect((await service.request("PUT", `/v1/accounts/${id}/network-map/${entryId}`, { body })).status).toBe(201);
}

async function device(accountId: string, deviceId: string, body: Record<string, unknown>, address = HOME) {
  const put = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
    body: { callbackNumber: "+1 415 555 0100", serviceCountry: "US", ...body },
  });
  expect(put.status).toBe(201);
  const loc = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
    body: { address },
  });
  expect(loc.status).toBe(200);
}

const observe = (accountId: string, deviceId: string, body: Record<string, unknown>, key?: string) =>
  service.request("POST", `/v1/accounts/${accountId}/devices/${deviceId}/observations`, { body, key });

describe("emergency locations", () => {
  it("validates like device locations, versions and keeps history", async () => {
    await account("lis-loc");
    const bad = await service.request("PUT", "/v1/accounts/lis-loc/emergency-locations/x", {
      body: { name: "X", address: { ...SITE_A, houseNumber: undefined, postalCode: "10036" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toMatch(/invalid-address$/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain("address.postalCode");
    const again = await service.request("PUT", "/v1/accounts/lis-loc/emergency-locations/site-a", {
      body: { name: "site-a", address: SITE_A },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const changed = await service.request("PUT", "/v1/accounts/lis-loc/emergency-locations/site-a", {
      body: { name: "Floor 2", address: SITE_A },
      headers: { "if-match": '"1"' },
    });
    expect(changed.body).toMatchObject({ version: 2, name: "Floor 2" });
    expect(changed.body.displayLine).toContain("210");
    const stale = await service.request("PUT", "/v1/accounts/lis-loc/emergency-locations/site-a", {
      body: { name: "Floor 3", address: SITE_A },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    const history = await service.request("GET", "/v1/accounts/lis-loc/emergency-locations/site-a/history");
    expect(history.body.items.map((e: { version: number }) => e.version)).toEqual([2, 1]);
    const list = await service.request("GET", "/v1/accounts/lis-loc/emergency-locations");
    expect(list.body.items.map((l: { locationId: string }) => l.locationId)).toEqual(["site-a", "site-b"]);
  });
});

describe("network map", () => {
  it("normalises, refuses duplicates (409), bad keys (400) and foreign locations (404)", async () => {
    await account("lis-map");
    await account("lis-map-other");
    const ap = await service.request("GET", "/v1/accounts/lis-map/network-map/ap-b");
    expect(ap.body).toMatchObject({ kind: "bssid", bssid: "00:1a:2b:3c:4d:5e", locationId: "site-b", version: 1 });
    const dup = await service.request("PUT", "/v1/accounts/lis-map/network-map/ap-dup", {
      body: { locationId: "site-a", bssid: "001a.2b3c.4d5e" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/duplicate-map-entry$/);
    const overlap = await service.request("PUT", "/v1/accounts/lis-map/network-map/net-a-floor", {
      body: { locationId: "site-b", subnet: "10.1.5.0/24" },
    });
    expect(overlap.status).toBe(201);
    for (const [body, path] of [
      [{ locationId: "site-a", subnet: "0.0.0.0/0" }, "subnet"],
      [{ locationId: "site-a", subnet: "10.1.2.3/16" }, "subnet"],
      [{ locationId: "site-a", subnet: "fe80::%eth0/64" }, "subnet"],
      [{ locationId: "site-a", bssid: "not-a-mac" }, "bssid"],
      [{ locationId: "site-a", portId: "7" }, "portId"],
      [{ locationId: "site-a", subnet: "10.9.0.0/16", bssid: "00:1a:2b:3c:4d:00" }, "bssid"],
    ] as const) {
      const reply = await service.request("PUT", "/v1/accounts/lis-map/network-map/bad", { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.errors[0].path).toBe(path);
    }
    const foreign = await service.request("PUT", "/v1/accounts/lis-map/network-map/x", {
      body: { locationId: "nowhere", subnet: "10.9.0.0/16" },
    });
    expect(foreign.status).toBe(404);
    const customer = await service.key("customer", "lis-map-other");
    const peek = await service.request("GET", "/v1/accounts/lis-map/network-map", { key: customer });
    expect(peek.status).toBe(404);
    const list = await service.request("GET", "/v1/accounts/lis-map/network-map");
    expect(list.body.items.map((e: { entryId: string }) => e.entryId)).toEqual([
      "ap-b",
      "net-a",
      "net-a-floor",
      "net-b",
    ]);
    expect((await service.request("DELETE", "/v1/accounts/lis-map/network-map/net-a-floor")).status).toBe(204);
    expect((await service.request("DELETE", "/v1/accounts/lis-map/network-map/net-a-floor")).status).toBe(404);
  });
});

describe("observations", () => {
  it("moves a nomadic softphone between mapped sites, with history", async () => {
    await account("lis-obs");
    await device("lis-obs", "soft-1", { type: "softphone", sipUris: ["sip:alice@Example.COM;transport=tls"] });
    const fresh = await service.request("GET", "/v1/accounts/lis-obs/devices/soft-1");
    expect(fresh.body).toMatchObject({ mobility: "nomadic", sipUris: ["sip:alice@example.com"] });
    expect(fresh.body.dispatchableLocation).toMatchObject({ source: "registered", method: "Manual", status: null });

    const routing = await service.key("routing");
    const atA = await observe("lis-obs", "soft-1", { ip: "10.1.7.9" }, routing);
    expect(atA.status).toBe(200);
    expect(atA.body).toMatchObject({
      status: "matched",
      source: "network-map",
      emergencyLocationId: "site-a",
      method: "Wiremap",
    });
    expect(atA.body.location.address.room).toBe("210");
    const atB = await observe("lis-obs", "soft-1", { ip: "10.1.7.9", bssid: "00:1a:2b:3c:4d:5e" });
    expect(atB.body).toMatchObject({ emergencyLocationId: "site-b", method: "802.11" });
    const view = await service.request("GET", "/v1/accounts/lis-obs/devices/soft-1");
    expect(view.body.dispatchableLocation).toMatchObject({
      source: "network-map",
      emergencyLocationId: "site-b",
      method: "802.11",
    });
    const history = await service.request("GET", "/v1/accounts/lis-obs/devices/soft-1/dispatchable-location/history");
    expect(history.body.items.map((e: { emergencyLocationId: string }) => e.emergencyLocationId)).toEqual([
      "site-b",
      "site-a",
    ]);
    // An older observation arriving late changes nothing.
    const late = await observe("lis-obs", "soft-1", { ip: "10.2.0.1", observedAt: "2020-01-01T00:00:00Z" });
    expect(late.body.emergencyLocationId).toBe("site-b");
  });

  it("nomadic on an unmapped network: registered location, unconfirmed, contacts asked once per network", async () => {
    await account("lis-unmapped");
    await device("lis-unmapped", "soft-2", { type: "softphone" });
    for (const ip of ["192.0.2.10", "192.0.2.11", "192.0.2.12"]) {
      const reply = await observe("lis-unmapped", "soft-2", { ip });
      expect(reply.body).toMatchObject({
        status: "unmapped",
        source: "registered",
        confirmed: false,
        emergencyLocationId: null,
      });
    }
    await observe("lis-unmapped", "soft-2", { ip: "198.51.100.1" });
    const notices = await service.request(
      "GET",
      "/v1/accounts/lis-unmapped/notifications?type=location.confirmation_required",
    );
    expect(notices.body.items.filter((n: { channel: string }) => n.channel === "email")).toHaveLength(2);
    const attention = await service.request("GET", "/v1/location-attention?accountId=lis-unmapped");
    expect(attention.body.items).toMatchObject([{ deviceId: "soft-2", reason: "unconfirmed" }]);
    // Confirming: the user registers the location again.
    await service.request("PUT", "/v1/accounts/lis-unmapped/devices/soft-2/location", { body: { address: SITE_B } });
    const view = await service.request("GET", "/v1/accounts/lis-unmapped/devices/soft-2");
    expect(view.body.dispatchableLocation).toMatchObject({ source: "registered", confirmed: true });
  });

  it("fixed desk phone on a network mapped elsewhere: suspected move, told once", async () => {
    await account("lis-fixed");
    await device("lis-fixed", "desk-1", { type: "desk_phone" }, SITE_A);
    const home = await observe("lis-fixed", "desk-1", { ip: "10.1.0.5" });
    expect(home.body).toMatchObject({ status: "matched", source: "registered" });
    const moved = await observe("lis-fixed", "desk-1", { ip: "10.2.3.4" });
    expect(moved.body).toMatchObject({ status: "suspected-move", source: "registered" });
    expect(moved.body.location.address.room).toBe("210");
    await observe("lis-fixed", "desk-1", { ip: "10.2.3.5" });
    const notices = await service.request("GET", "/v1/accounts/lis-fixed/notifications?type=device.suspected_move");
    expect(notices.body.items).toHaveLength(1);
    expect(notices.body.items[0].body).toContain("1585 Broadway");
    const staff = await service.request("GET", "/v1/location-attention");
    expect(staff.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accountId: "lis-fixed", deviceId: "desk-1", reason: "suspected-move" }),
      ]),
    );
    const view = await service.request("GET", "/v1/accounts/lis-fixed/devices/desk-1");
    expect(view.body).toMatchObject({ mobility: "fixed", network: { status: "suspected-move" } });
  });

  it("bad input: 400 naming the field, another account's device 404, routing keys only on emergency routes", async () => {
    await account("lis-bad");
    await device("lis-bad", "d", { type: "softphone" });
    for (const [body, path] of [
      [{ ip: "fe80::1%eth0" }, "ip"],
      [{ ip: "999.1.1.1" }, "ip"],
      [{ bssid: "xx" }, "bssid"],
      [{}, "ip"],
    ] as const) {
      const reply = await observe("lis-bad", "d", body);
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0].path).toBe(path);
    }
    const customer = await service.key("customer", "lis-bad");
    expect((await observe("lis-bad", "d", { ip: "10.0.0.1" }, customer)).status).toBe(403);
    expect((await observe("lis-bad", "nope", { ip: "10.0.0.1" })).status).toBe(404);
    const routing = await service.key("routing");
    expect((await service.request("GET", "/v1/accounts/lis-bad/devices/d", { key: routing })).status).toBe(403);
    expect((await service.request("GET", "/v1/accounts/lis-bad/network-map", { key: routing })).status).toBe(403);
    const dial = await service.request("POST", "/v1/accounts/lis-bad/devices/d/dial-check", {
      body: { dialed: "911" },
      key: routing,
    });
    expect(dial.status).toBe(200);
  });
});

describe("an emergency location's address changes", () => {
  it("reaches the devices located there at once, with a history entry", async () => {
    await account("lis-move-site");
    await device("lis-move-site", "soft-m", { type: "softphone" });
    await observe("lis-move-site", "soft-m", { ip: "10.1.1.1" });
    const corrected = await service.request("PUT", "/v1/accounts/lis-move-site/emergency-locations/site-a", {
      body: { name: "site-a", address: { ...SITE_A, room: "299" } },
    });
    expect(corrected.body.version).toBe(2);
    const view = await service.request("GET", "/v1/accounts/lis-move-site/devices/soft-m");
    expect(view.body.dispatchableLocation.location).toMatchObject({ version: 2, address: { room: "299" } });
    const history = await service.request(
      "GET",
      "/v1/accounts/lis-move-site/devices/soft-m/dispatchable-location/history",
    );
    expect(history.body.items[0]).toMatchObject({ emergencyLocationId: "site-a", locationVersion: 2 });
  });
});

describe("provisioning hook device.observed", () => {
  it("applies a signed observation like POST …/observations", async () => {
    await account("lis-hook");
    await device("lis-hook", "soft-h", { type: "softphone" });
    const raw = JSON.stringify({
      type: "device.observed",
      data: { accountId: "lis-hook", deviceId: "soft-h", ip: "10.2.9.9" },
    });
    const id = `msg_lis_${Date.now()}`;
    const at = new Date();
    const reply = await service.request("POST", "/v1/hooks/provisioning", {
      raw,
      key: null,
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(service.hookSecret).sign(id, at, raw),
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ type: "device.observed", deviceId: "soft-h", status: "matched" });
    const view = await service.request("GET", "/v1/accounts/lis-hook/devices/soft-h");
    expect(view.body.dispatchableLocation).toMatchObject({ source: "network-map", emergencyLocationId: "site-b" });
  });
});
