import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DeviceRecord } from "../../src/devices/device.js";
import { startService, type TestService } from "../support/service.js";
import { accountWithDevice, US_ADDRESS } from "../support/fixtures.js";

// ADR 0025: a location PUT for a device this process knows is one compare-and-set against the
// known copy, without a read first. These tests make the copy stale behind the process's back
// (a store write that announces nothing, as when an announcement was missed) and check that every
// answer is still the one the stored device calls for.
let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

const at = (houseNumber: string) => ({ address: { ...US_ADDRESS, houseNumber } });

/** A device with a location (version 1) that this process has written, so it knows it. */
async function knownDevice() {
  const ids = await accountWithDevice(service);
  const path = `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}`;
  const first = await service.request("PUT", `${path}/location`, { body: at("100") });
  expect(first.status).toBe(200);
  return { ...ids, path };
}

/** Changes the stored device without telling this process (no announcement). */
async function changeBehindItsBack(
  ids: { accountId: string; deviceId: string },
  edit: (doc: DeviceRecord) => DeviceRecord,
): Promise<void> {
  const key = service.ctx.keys.device(ids.accountId, ids.deviceId);
  const stored = (await service.ctx.store.read<DeviceRecord>(key))!;
  await service.ctx.store.write(key, stored.version, edit(stored.doc));
}

const movedTo = (houseNumber: string) => (doc: DeviceRecord) => ({
  ...doc,
  location: { ...doc.location!, address: { ...doc.location!.address, houseNumber }, version: 2 },
});

describe("a location PUT on a known device", () => {
  it("is written without reading the device or the account first", async () => {
    const ids = await knownDevice();
    const reads = vi.spyOn(service.ctx.store, "readMany");
    const gets = vi.spyOn(service.ctx.store, "read");
    try {
      const reply = await service.request("PUT", `${ids.path}/location`, { body: at("200") });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ version: 2, address: { houseNumber: "200" } });
      expect(reads).not.toHaveBeenCalled();
      expect(gets).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      gets.mockRestore();
    }
    const stored = await service.request("GET", `${ids.path}/location`);
    expect(stored.body).toMatchObject({ version: 2, address: { houseNumber: "200" } });
  });

  it("numbers the version from the stored location when the copy is stale", async () => {
    const ids = await knownDevice();
    await changeBehindItsBack(ids, movedTo("150"));
    const reply = await service.request("PUT", `${ids.path}/location`, { body: at("300") });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(3);
  });

  it("takes If-Match against the stored location, not the copy", async () => {
    const ids = await knownDevice();
    await changeBehindItsBack(ids, movedTo("150"));
    // The copy holds version 1: pinned to it, the store must refuse.
    const stale = await service.request("PUT", `${ids.path}/location`, {
      body: at("300"),
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    const current = await service.request("PUT", `${ids.path}/location`, {
      body: at("300"),
      headers: { "if-match": '"2"' },
    });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ version: 3, address: { houseNumber: "300" } });
  });

  it("writes an address the copy already has when the stored one differs", async () => {
    const ids = await knownDevice();
    await changeBehindItsBack(ids, movedTo("150"));
    // The copy says the device is at 100 already; the store says 150.
    const reply = await service.request("PUT", `${ids.path}/location`, { body: at("100") });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ version: 3, address: { houseNumber: "100" } });
    const history = await service.request("GET", `${ids.path}/location/history`);
    expect(history.body.items[0]).toMatchObject({ version: 3, address: { houseNumber: "100" } });
  });

  it("bills and tells the contacts when the stored device is active though the copy is not", async () => {
    const ids = await knownDevice();
    await changeBehindItsBack(ids, (doc) => ({ ...doc, status: "active" }));
    const reply = await service.request("PUT", `${ids.path}/location`, { body: at("400") });
    expect(reply.status).toBe(200);
    const month = new Date().toISOString().slice(0, 7);
    const updates = await service.request("GET", `/v1/accounts/${ids.accountId}/location-updates?month=${month}`);
    expect(updates.body.items).toEqual([expect.objectContaining({ deviceId: ids.deviceId, locationVersion: 2 })]);
  });

  it("answers 404 when the stored device is deactivated though the copy is not", async () => {
    const ids = await knownDevice();
    await changeBehindItsBack(ids, (doc) => ({ ...doc, status: "deactivated", location: null }));
    const reply = await service.request("PUT", `${ids.path}/location`, { body: at("500") });
    expect(reply.status).toBe(404);
  });
});
