import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

// Issue 20: an imported row used to replace the whole address (a unit, a company name or a
// ZIP+4 not in the file was lost), the dry run did not show it, and a device listed twice was
// not flagged.
let service: TestService;
let staffKey: string;
const ACCOUNT = "merge-co";
const FULL = {
  country: "DE",
  region: "DE-BY",
  city: "München",
  street: "Leopoldstraße",
  houseNumber: "12",
  postalCode: "80802",
  floor: "3",
  unit: "4B",
  name: "Acme GmbH",
};

beforeAll(async () => {
  service = await startService({ workers: true });
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody({ country: "DE", locale: "de" }) });
});
afterAll(async () => {
  await service?.close();
});

async function deviceWithFullAddress(deviceId: string): Promise<void> {
  const created = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/${deviceId}`, {
    body: { type: "desk_phone", callbackNumber: "+49 89 1234567", serviceCountry: "DE" },
  });
  expect(created.status).toBe(201);
  const located = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/${deviceId}/location`, {
    body: { address: FULL, reason: "set up" },
  });
  expect(located.status).toBe(200);
}

async function runToEnd(id: string, mode: "dry-run" | "apply") {
  const started = await service.request("POST", `/v1/location-imports/${id}/runs`, { key: staffKey, body: { mode } });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const run = (await service.request("GET", `/v1/location-imports/${id}`, { key: staffKey })).body.runs[mode];
    if (run && (run.status === "done" || run.status === "failed")) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

async function importFile(lines: string[], mode?: "merge" | "replace") {
  const created = await service.request("POST", "/v1/location-imports", {
    key: staffKey,
    body: { name: "move.csv", csv: lines.join("\n"), complete: true, ...(mode ? { mode } : {}) },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function reportOf(id: string, mode: "dry-run" | "apply") {
  const reply = await service.request("GET", `/v1/location-imports/${id}/report?mode=${mode}`, { key: staffKey });
  expect(reply.status).toBe(200);
  return reply.body.items as any[];
}

const address = async (deviceId: string) =>
  (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/${deviceId}/location`)).body.address;

describe("location imports merge by default", () => {
  it("changes only the columns present; the dry run shows the before → after diff; the real run writes it", async () => {
    await deviceWithFullAddress("m1");
    const id = await importFile([
      "accountId,deviceId,country,city,street,houseNumber,postalCode,unit,reason",
      // The unit cell is empty: in a merge an empty cell never clears a value.
      `${ACCOUNT},m1,DE,München,Ludwigstraße,7,80539,,moved down the road`,
    ]);
    const imp = await service.request("GET", `/v1/location-imports/${id}`, { key: staffKey });
    expect(imp.body.mode).toBe("merge");
    expect(await runToEnd(id, "dry-run")).toMatchObject({ status: "done", ok: 1, failed: 0 });
    const [dry] = await reportOf(id, "dry-run");
    expect(dry.outcome).toBe("valid");
    expect(dry.diff).toEqual([
      { field: "street", before: "Leopoldstraße", after: "Ludwigstraße" },
      { field: "houseNumber", before: "12", after: "7" },
      { field: "postalCode", before: "80802", after: "80539" },
    ]);
    expect(await address("m1")).toEqual(FULL); // the dry run wrote nothing

    expect(await runToEnd(id, "apply")).toMatchObject({ status: "done", ok: 1, failed: 0 });
    const [applied] = await reportOf(id, "apply");
    expect(applied).toMatchObject({ outcome: "saved", locationVersion: 2, diff: dry.diff });
    expect(await address("m1")).toEqual({
      ...FULL,
      street: "Ludwigstraße",
      houseNumber: "7",
      postalCode: "80539",
    });
  });

  it("replace mode (opt-in) clears the fields the row does not give, and the dry run shows it", async () => {
    await deviceWithFullAddress("r1");
    const id = await importFile(
      [
        "accountId,deviceId,country,region,city,street,houseNumber,postalCode,reason",
        `${ACCOUNT},r1,DE,DE-BY,München,Leopoldstraße,12,80802,clean`,
      ],
      "replace",
    );
    await runToEnd(id, "dry-run");
    const [dry] = await reportOf(id, "dry-run");
    expect(dry.diff).toEqual([
      { field: "floor", before: "3", after: null },
      { field: "name", before: "Acme GmbH", after: null },
      { field: "unit", before: "4B", after: null },
    ]);
    await runToEnd(id, "apply");
    const after = await address("r1");
    expect(after.unit).toBeUndefined();
    expect(after.name).toBeUndefined();
  });

  it("flags a device listed twice in one file, in the dry run, and writes neither row", async () => {
    await deviceWithFullAddress("d1");
    await deviceWithFullAddress("d2");
    const id = await importFile([
      "accountId,deviceId,country,city,floor,reason",
      `${ACCOUNT},d1,DE,München,5,first`,
      `${ACCOUNT},d2,DE,München,6,other device`,
      `${ACCOUNT},d1,DE,München,7,second`,
    ]);
    expect(await runToEnd(id, "dry-run")).toMatchObject({ ok: 1, failed: 2 });
    const dry = await reportOf(id, "dry-run");
    expect(dry.map((r) => [r.row, r.outcome])).toEqual([
      [2, "invalid"],
      [3, "valid"],
      [4, "invalid"],
    ]);
    expect(dry[0].errors).toContainEqual({ path: "deviceId", message: expect.stringContaining("rows 2, 4") });
    await runToEnd(id, "apply");
    expect((await address("d1")).floor).toBe("3");
    expect((await address("d2")).floor).toBe("6");
  });

  it("refuses a row whose device changed after the dry run (reported as a conflict, not overwritten)", async () => {
    await deviceWithFullAddress("v1");
    await deviceWithFullAddress("v2");
    const id = await importFile([
      "accountId,deviceId,country,city,room,reason",
      `${ACCOUNT},v1,DE,München,101,rooms`,
      `${ACCOUNT},v2,DE,München,102,rooms`,
    ]);
    await runToEnd(id, "dry-run");
    // Someone edits v1 between the dry run and the real run.
    const edited = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/v1/location`, {
      body: { address: { ...FULL, floor: "9" }, reason: "moved upstairs" },
    });
    expect(edited.status).toBe(200);
    expect(await runToEnd(id, "apply")).toMatchObject({ ok: 1, failed: 1 });
    const applied = await reportOf(id, "apply");
    expect(applied[0]).toMatchObject({ deviceId: "v1", outcome: "conflict" });
    expect(applied[0].errors[0].message).toContain("changed after the dry run");
    expect(applied[1]).toMatchObject({ deviceId: "v2", outcome: "saved" });
    expect(await address("v1")).toEqual({ ...FULL, floor: "9" });
    expect((await address("v2")).room).toBe("102");
    const problems = await service.request("GET", `/v1/location-imports/${id}/report?mode=apply&problems=true`, {
      key: staffKey,
    });
    expect(problems.body.items.map((r: any) => r.deviceId)).toEqual(["v1"]);
  });
});
