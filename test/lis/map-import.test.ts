import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

let service: TestService;
const ACCOUNT = "map-import-co";

beforeAll(async () => {
  service = await startService({ workers: true });
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody() });
  await service.request("PUT", `/v1/accounts/${ACCOUNT}/emergency-locations/hq`, {
    body: { name: "HQ", address: US_ADDRESS },
  });
  await service.request("PUT", "/v1/accounts/map-import-other", { body: accountBody() });
  await service.request("PUT", "/v1/accounts/map-import-other/emergency-locations/theirs", {
    body: { name: "Theirs", address: US_ADDRESS },
  });
});
afterAll(async () => {
  await service.close();
});

async function runToEnd(id: string, mode: "dry-run" | "apply") {
  const started = await service.request("POST", `/v1/location-imports/${id}/runs`, { body: { mode } });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const reply = await service.request("GET", `/v1/location-imports/${id}`);
    const run = reply.body.runs[mode];
    if (run && (run.status === "done" || run.status === "failed")) return run;
    // Polling the job's progress: the run is a worker's, the answer is the import's state.
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

describe("network-map CSV import", () => {
  it("dry run reports each bad row by column and writes nothing; the real run saves the good rows", async () => {
    const csv = [
      "accountId,entryId,locationId,subnet,bssid,chassisId,portId",
      `${ACCOUNT},lan-1,hq,10.10.0.0/16,,,`,
      `${ACCOUNT},ap-1,hq,,00-1A-2B-3C-4D-5E,,`,
      `${ACCOUNT},port-7,hq,,,sw-1,ge-0/0/7`,
      `${ACCOUNT},bad-net,hq,0.0.0.0/0,,,`,
      `${ACCOUNT},dup-ap,hq,,001a.2b3c.4d5e,,`,
      `${ACCOUNT},foreign,theirs,10.20.0.0/16,,,`,
      `${ACCOUNT},two,hq,10.30.0.0/16,00:1a:2b:3c:4d:99,,`,
    ].join("\n");
    const created = await service.request("POST", "/v1/location-imports", { body: { csv, kind: "network-map" } });
    expect(created.status).toBe(201);
    const dry = await runToEnd(created.body.id, "dry-run");
    expect(dry).toMatchObject({ status: "done", ok: 3, failed: 4 });
    const report = await service.request("GET", `/v1/location-imports/${created.body.id}/report?mode=dry-run`);
    const byEntry = Object.fromEntries(
      report.body.items.map((r: any) => [r.deviceId, r.errors.map((e: any) => e.path)]),
    );
    expect(byEntry).toMatchObject({ "bad-net": ["subnet"], "dup-ap": [""], foreign: ["locationId"], two: ["bssid"] });
    expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/network-map`)).body.items).toEqual([]);

    const applied = await runToEnd(created.body.id, "apply");
    expect(applied).toMatchObject({ status: "done", ok: 3 });
    const map = await service.request("GET", `/v1/accounts/${ACCOUNT}/network-map`);
    expect(map.body.items.map((e: any) => e.entryId)).toEqual(["ap-1", "lan-1", "port-7"]);
    expect(map.body.items[0].bssid).toBe("00:1a:2b:3c:4d:5e");
  });
});
