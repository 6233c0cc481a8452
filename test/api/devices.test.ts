import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { DE_ADDRESS, US_ADDRESS, accountWithDevice } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

const devicePath = (a: { accountId: string; deviceId: string }) => `/v1/accounts/${a.accountId}/devices/${a.deviceId}`;

describe("devices", () => {
  it("creates (201) then updates (200) a device, callback number in E.164, versioned", async () => {
    const { accountId } = await accountWithDevice(service, { accountId: "dev-a", deviceId: "seed" });
    const created = await service.request("PUT", `/v1/accounts/${accountId}/devices/phone-1`, {
      body: { type: "desk_phone", callbackNumber: "(415) 555-2671", serviceCountry: "US" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      accountId,
      deviceId: "phone-1",
      callbackNumber: "+14155552671",
      status: "pending_location",
      location: null,
      e911: { status: "not_enabled" },
      version: 1,
    });
    expect(created.headers.get("etag")).toBe('"1"');
    const same = await service.request("PUT", `/v1/accounts/${accountId}/devices/phone-1`, {
      body: { type: "desk_phone", callbackNumber: "+1 415 555 2671", serviceCountry: "US" },
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const changed = await service.request("PUT", `/v1/accounts/${accountId}/devices/phone-1`, {
      body: { type: "softphone", callbackNumber: "+1 415 555 2671", serviceCountry: "US", label: "Reception" },
    });
    expect(changed.body).toMatchObject({ type: "softphone", label: "Reception", version: 2 });
  });

  it("rejects a callback number that is not a number of the country", async () => {
    const { accountId } = await accountWithDevice(service, { accountId: "dev-b", deviceId: "seed" });
    const reply = await service.request("PUT", `/v1/accounts/${accountId}/devices/x`, {
      body: { type: "fax", callbackNumber: "12", serviceCountry: "US" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: "callbackNumber", message: expect.any(String) }]);
    expect((await service.request("GET", `/v1/accounts/${accountId}/devices/x`)).status).toBe(404);
  });

  it("needs the account to exist", async () => {
    const reply = await service.request("PUT", `/v1/accounts/nobody/devices/x`, {
      body: { type: "fax", callbackNumber: "+14155552671", serviceCountry: "US" },
    });
    expect(reply.status).toBe(404);
  });

  it("lists devices by status with a cursor", async () => {
    const { accountId } = await accountWithDevice(service, { accountId: "dev-list", deviceId: "d00" });
    for (let i = 1; i < 7; i++) {
      await service.request("PUT", `/v1/accounts/${accountId}/devices/d0${i}`, {
        body: { type: "ata", callbackNumber: "+14155552671", serviceCountry: "US" },
      });
    }
    await service.request("PUT", `/v1/accounts/${accountId}/devices/d03/location`, { body: { address: US_ADDRESS } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await service.request(
        "GET",
        `/v1/accounts/${accountId}/devices?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((d: { deviceId: string }) => d.deviceId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["d00", "d01", "d02", "d03", "d04", "d05", "d06"]);
    const ready = await service.request("GET", `/v1/accounts/${accountId}/devices?status=ready`);
    expect(ready.body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(["d03"]);
    const bad = await service.request("GET", `/v1/accounts/${accountId}/devices?status=sleeping&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["limit", "status"]);
  });
});

describe("locations", () => {
  it("registers a location: device becomes ready, displayLine and timeZone derived", async () => {
    const ids = await accountWithDevice(service, { accountId: "loc-a" });
    const put = await service.request("PUT", `${devicePath(ids)}/location`, {
      body: { address: US_ADDRESS, reason: "installed" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      version: 1,
      timeZone: "America/Los_Angeles",
      address: { country: "US", region: "US-CA", postalCode: "94105" },
    });
    expect(put.body.displayLine.length).toBeLessThanOrEqual(60);
    expect(put.body.displayLine).toContain("100");
    expect(put.headers.get("etag")).toBe('"1"');
    const device = await service.request("GET", devicePath(ids));
    expect(device.body.status).toBe("ready");
    expect(device.body.location).toEqual(put.body);
    const location = await service.request("GET", `${devicePath(ids)}/location`);
    expect(location.body).toEqual(put.body);
  });

  it("refuses an invalid address with one error per bad field and saves nothing", async () => {
    const ids = await accountWithDevice(service, { accountId: "loc-b" });
    const reply = await service.request("PUT", `${devicePath(ids)}/location`, {
      body: { address: { country: "US", region: "DE-BY", city: "", postalCode: "ABC" } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.type).toMatch(/\/problems\/invalid-address$/);
    const paths = reply.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["address.region", "address.city", "address.postalCode"]));
    expect(new Set(paths).size).toBe(paths.length);
    const device = await service.request("GET", devicePath(ids));
    expect(device.body).toMatchObject({ status: "pending_location", location: null, version: 1 });
    expect((await service.request("GET", `${devicePath(ids)}/location/history`)).body.items).toEqual([]);
  });

  it("refuses an address outside the device's service country", async () => {
    const ids = await accountWithDevice(service, { accountId: "loc-c" });
    const reply = await service.request("PUT", `${devicePath(ids)}/location`, { body: { address: DE_ADDRESS } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe("address.country");
  });

  it("enforces If-Match (412, nothing changed) and keeps an append-only history, newest first", async () => {
    const ids = await accountWithDevice(service, { accountId: "loc-d" });
    const fulfillment = await service.key("fulfillment");
    await service.request("PUT", `${devicePath(ids)}/location`, { body: { address: US_ADDRESS, reason: "installed" } });
    const moved = { ...US_ADDRESS, floor: "7", room: "712" };
    const stale = await service.request("PUT", `${devicePath(ids)}/location`, {
      key: fulfillment,
      body: { address: moved },
      headers: { "if-match": '"7"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toMatch(/precondition-failed$/);
    const ok = await service.request("PUT", `${devicePath(ids)}/location`, {
      key: fulfillment,
      body: { address: moved, reason: "moved upstairs" },
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    // Same address again: idempotent, no new version, no new history entry.
    const again = await service.request("PUT", `${devicePath(ids)}/location`, {
      key: fulfillment,
      body: { address: moved, reason: "moved upstairs" },
    });
    expect(again.body.version).toBe(2);
    const history = await service.request("GET", `${devicePath(ids)}/location/history`);
    expect(history.body.items.map((e: { version: number }) => e.version)).toEqual([2, 1]);
    expect(history.body.items[0]).toMatchObject({
      reason: "moved upstairs",
      changedBy: expect.stringContaining("test fulfillment"),
      address: { floor: "7", room: "712" },
    });
    expect(history.body.items[1]).toMatchObject({ reason: "installed", address: { floor: "5" } });
  });

  it("keeps the history when a device is deleted", async () => {
    const ids = await accountWithDevice(service, { accountId: "loc-e" });
    await service.request("PUT", `${devicePath(ids)}/location`, { body: { address: US_ADDRESS } });
    const deleted = await service.request("DELETE", devicePath(ids));
    expect(deleted.body).toMatchObject({ status: "deactivated", location: null });
    const history = await service.request("GET", `${devicePath(ids)}/location/history`);
    expect(
      history.body.items.map((e: { version: number; address: unknown }) => [e.version, e.address === null]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe("activation gate", () => {
  it("409 location-required, then 409 acknowledgement-required, then active with e911 pending", async () => {
    const ids = await accountWithDevice(service, { accountId: "act-a" });
    const noLocation = await service.request("POST", `${devicePath(ids)}/activate`);
    expect(noLocation.status).toBe(409);
    expect(noLocation.body.type).toMatch(/\/problems\/location-required$/);

    await service.request("PUT", `${devicePath(ids)}/location`, { body: { address: US_ADDRESS } });
    const noAck = await service.request("POST", `${devicePath(ids)}/activate`);
    expect(noAck.status).toBe(409);
    expect(noAck.body.type).toMatch(/\/problems\/acknowledgement-required$/);
    expect((await service.request("GET", devicePath(ids))).body.status).toBe("ready");

    const disclosure = await service.request("GET", "/v1/disclosures/US?locale=de");
    expect(disclosure.body).toMatchObject({ country: "US", locale: "de", policy: "911-service-availability" });
    const wrongVersion = await service.request("POST", `/v1/accounts/${ids.accountId}/acknowledgements`, {
      body: { policy: "911-service-availability", version: "1999-01-01", acceptedBy: "Pat" },
    });
    expect(wrongVersion.status).toBe(400);
    const ack = await service.request("POST", `/v1/accounts/${ids.accountId}/acknowledgements`, {
      body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat Lee, office manager" },
    });
    expect(ack.status).toBe(201);

    const active = await service.request("POST", `${devicePath(ids)}/activate`);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({
      status: "active",
      e911: { status: "pending", enabledAt: null, notificationId: null },
    });
    const jobs = await service.ctx.queues.e911Activation.getJobs(["waiting", "active", "completed", "delayed"]);
    expect(jobs.filter((j) => j.data.deviceId === ids.deviceId && j.data.accountId === ids.accountId)).toHaveLength(1);
    // A retried activation neither fails nor enqueues the flow again.
    const again = await service.request("POST", `${devicePath(ids)}/activate`);
    expect(again.status).toBe(200);
    const jobsAfter = await service.ctx.queues.e911Activation.getJobs(["waiting", "active", "completed", "delayed"]);
    expect(jobsAfter.filter((j) => j.data.accountId === ids.accountId)).toHaveLength(1);
    // Job payloads hold ids only: never an address.
    expect(JSON.stringify(jobsAfter.map((j) => j.data))).not.toContain("Market");
  });

  it("records a billable location-database update only for active devices", async () => {
    const ids = await accountWithDevice(service, { accountId: "bill-a" });
    await service.request("PUT", `${devicePath(ids)}/location`, { body: { address: US_ADDRESS } });
    await service.request("POST", `/v1/accounts/${ids.accountId}/acknowledgements`, {
      body: {
        policy: "911-service-availability",
        version: (await service.request("GET", "/v1/disclosures/US")).body.version,
        acceptedBy: "Pat",
      },
    });
    await service.request("POST", `${devicePath(ids)}/activate`);
    await service.request("PUT", `${devicePath(ids)}/location`, {
      body: { address: { ...US_ADDRESS, floor: "9" }, reason: "moved" },
    });
    const month = new Date().toISOString().slice(0, 7);
    const updates = await service.request("GET", `/v1/accounts/${ids.accountId}/location-updates?month=${month}`);
    expect(updates.body.items).toEqual([
      {
        accountId: ids.accountId,
        deviceId: ids.deviceId,
        locationVersion: 2,
        at: expect.any(String),
        by: expect.any(String),
      },
    ]);
  });
});
