import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDevice } from "../../src/search/index-store.js";
import { repairSearchIndex } from "../../src/search/repair.js";
import { entriesOf } from "../../src/search/terms.js";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { startWorkerProcess } from "../support/worker-process.js";

let service: TestService;
beforeAll(async () => {
  service = await startService({ workers: false });
  for (const accountId of ["repair-a", "repair-b"])
    await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody() });
});
afterAll(async () => {
  await service.close();
});

const found = async (q: string) =>
  ((await service.request("GET", `/v1/search?q=${encodeURIComponent(q)}`)).body.items as { deviceId: string }[]).map(
    (d) => d.deviceId,
  );

/** What a process that died between a device's write and its index update leaves behind. */
async function forgetInIndex(accountId: string, deviceId: string, callbackNumber: string): Promise<void> {
  const { ctx } = service;
  await ctx.redis.hdel(ctx.keys.searchDocuments(), `${accountId}/${deviceId}`);
  for (const entry of entriesOf({ accountId, deviceId, callbackNumber, serviceCountry: "US" }))
    await ctx.redis.zrem(ctx.keys.searchIndex(entry.kind), entry.member);
}

async function putDevice(accountId: string, deviceId: string, callbackNumber: string): Promise<number> {
  const reply = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
    body: { type: "desk_phone", callbackNumber, serviceCountry: "US" },
  });
  expect(reply.status).toBeLessThan(300);
  return reply.body.version as number;
}

describe("search index repair", () => {
  it("re-indexes devices missing from the index or indexed with an old number, and only those", async () => {
    await putDevice("repair-a", "kept", "+13125550100");
    await putDevice("repair-a", "lost", "+13125550101");
    const version = await putDevice("repair-b", "stale", "+13125550102");
    await forgetInIndex("repair-a", "lost", "+13125550101");
    // The index still says the number the device had before.
    await indexDevice(
      service.ctx,
      { accountId: "repair-b", deviceId: "stale", callbackNumber: "+13125550199", serviceCountry: "US" },
      version,
    );
    expect(await found("lost")).toEqual([]);
    expect(await found("+1 312 555 0102")).toEqual([]);

    const first = await repairSearchIndex(service.ctx);
    expect(first.repaired).toBe(2);
    expect(first.checked).toBeGreaterThanOrEqual(3);
    expect(await found("lost")).toEqual(["lost"]);
    expect(await found("+1 312 555 0102")).toEqual(["stale"]);
    expect(await found("+1 312 555 0199")).toEqual([]);
    expect((await repairSearchIndex(service.ctx)).repaired).toBe(0);
  });

  it("runs as soon as the workers of a new deployment start", async () => {
    await putDevice("repair-b", "orphan", "+13125550103");
    await forgetInIndex("repair-b", "orphan", "+13125550103");
    expect(await found("orphan")).toEqual([]);
    const worker = await startWorkerProcess(service.env);
    try {
      await expect.poll(() => found("orphan"), { timeout: 15_000 }).toEqual(["orphan"]);
    } finally {
      await worker.kill();
    }
  });
});
