import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import type { DeviceRecord } from "../../src/devices/device.js";
import { accountBody, accountWithDevice, US_ADDRESS } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { maintenanceProcessor } from "../../workers/maintenance.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

describe("PUT device: the callback number must be callable", () => {
  it.each([
    ["+44 20 7946 0958", /GB/],
    ["+1 800 555 0100", /toll-free/],
    ["+1 900 555 0100", /premium-rate/],
  ])("refuses %s for a US device with 400 invalid-callback-number, changing nothing", async (number, why) => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const before = await service.request("GET", `/v1/accounts/${accountId}/devices/${deviceId}`);
    const reply = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
      body: { type: "desk_phone", callbackNumber: number, serviceCountry: "US" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.type).toMatch(/invalid-callback-number$/);
    expect(reply.body.errors).toEqual([{ path: "callbackNumber", message: expect.stringMatching(why) }]);
    const after = await service.request("GET", `/v1/accounts/${accountId}/devices/${deviceId}`);
    expect(after.body).toEqual(before.body);
  });

  it("refuses a German 0900 number", async () => {
    const { accountId } = await accountWithDevice(service, { country: "DE" });
    const reply = await service.request("PUT", `/v1/accounts/${accountId}/devices/dev-2`, {
      body: { type: "softphone", callbackNumber: "0900 1234567", serviceCountry: "DE" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe("callbackNumber");
  });
});

describe("stored devices that today's rules would refuse", () => {
  it("stay readable, unchanged, and show their warnings; staff can list them by warning", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const good = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
      body: { address: US_ADDRESS },
    });
    expect(good.status).toBe(200);
    expect((await service.request("GET", `/v1/accounts/${accountId}/devices/${deviceId}`)).body.warnings).toEqual([]);

    // A device as the service stored it before the rules: toll-free callback, no house number.
    const { ctx } = service;
    const key = ctx.keys.device(accountId, "legacy");
    const current = (await ctx.store.read<DeviceRecord>(ctx.keys.device(accountId, deviceId)))!.doc;
    const { houseNumber: _, ...withoutNumber } = US_ADDRESS;
    const legacy: DeviceRecord = {
      ...current,
      deviceId: "legacy",
      callbackNumber: "+18005550100",
      location: { ...current.location!, address: withoutNumber },
    };
    await ctx.store.write(key, 0, legacy, [
      { command: "ZADD", key: ctx.keys.deviceIndex(accountId), args: [0, "legacy"] },
    ]);

    const read = await service.request("GET", `/v1/accounts/${accountId}/devices/legacy`);
    expect(read.status).toBe(200);
    expect(read.body.callbackNumber).toBe("+18005550100");
    expect(read.body.location.address).toEqual(withoutNumber);
    expect(read.body.warnings).toEqual(["invalid-callback-number", "location-not-dispatchable"]);
    expect((await ctx.store.read<DeviceRecord>(key))!.doc).toEqual(legacy);

    const listed = await service.request("GET", `/v1/accounts/${accountId}/devices?warning=location-not-dispatchable`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(["legacy"]);
    const all = await service.request("GET", `/v1/accounts/${accountId}/devices`);
    expect(all.body.items).toHaveLength(2);
  });

  it("refuses a location without a house number or with a mismatched ZIP, naming the fields, changing nothing", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const { houseNumber: _, ...withoutNumber } = US_ADDRESS;
    const noNumber = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
      body: { address: withoutNumber },
    });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors.map((e: { path: string }) => e.path)).toEqual(["address.houseNumber"]);
    const mismatch = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
      body: { address: { ...US_ADDRESS, region: "US-AK", postalCode: "85001" } },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "address.postalCode",
      "address.region",
    ]);
    const device = await service.request("GET", `/v1/accounts/${accountId}/devices/${deviceId}`);
    expect(device.body.status).toBe("pending_location");
  });
});

describe("yearly disclosure reminder to Canadian accounts", () => {
  it("sends each Canadian account one localized reminder per year, whatever the number of runs", async () => {
    const run = maintenanceProcessor(service.ctx);
    // The processor reads only the job's name.
    const job = { name: "disclosure-reminders" } as unknown as Job;
    const put = (id: string, body: Record<string, unknown>) =>
      service.request("PUT", `/v1/accounts/${id}`, { body: accountBody(body) });
    expect((await put("remind-ca-fr", { country: "CA", locale: "fr" })).status).toBe(201);
    expect((await put("remind-ca-en", { country: "CA", locale: "en" })).status).toBe(201);
    expect((await put("remind-us", { country: "US" })).status).toBe(201);
    const reminders = async (id: string) =>
      (await service.request("GET", `/v1/accounts/${id}/notifications?type=disclosure.reminder`)).body.items as {
        subject: string;
        body: string;
        locale: string;
      }[];

    const clock = { now: new Date("2027-01-01T06:00:00Z") };
    const realNow = service.ctx.now;
    service.ctx.now = () => clock.now;
    try {
      await run(job);
      await run(job); // a second worker, a retry, the next day: nothing more this year
      clock.now = new Date("2027-12-31T23:00:00Z");
      await run(job);
      const fr = await reminders("remind-ca-fr");
      expect(fr).toHaveLength(1);
      expect(fr[0]!.locale).toBe("fr");
      expect(fr[0]!.subject).toMatch(/^Rappel annuel : Politique de disponibilité du service 9-1-1/);
      expect(fr[0]!.body).toContain("Ne raccrochez pas");
      expect(await reminders("remind-ca-en")).toHaveLength(1);
      expect(await reminders("remind-us")).toHaveLength(0);

      clock.now = new Date("2028-01-01T06:00:00Z");
      await run(job);
      await run(job);
      const en = await reminders("remind-ca-en");
      expect(en).toHaveLength(2);
      expect(en[0]!.body).toContain("(2028)");
      expect(en[0]!.body).toContain("Do not hang up");
    } finally {
      service.ctx.now = realNow;
    }
  });
});
