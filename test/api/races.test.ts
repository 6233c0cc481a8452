import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody, accountWithDevice, portConsent, US_ADDRESS } from "../support/fixtures.js";

// Before the fix: 30 parallel PUT device with one If-Match gave 1×200, 3×412, 26×500; 50
// location PUTs without If-Match gave 12×200, 38×500; parallel blocked-range POSTs 500s.
let service: TestService;
let staff: string;
beforeAll(async () => {
  service = await startService();
  staff = await service.key("fulfillment");
});
afterAll(async () => {
  await service.close();
});

const N = 50;
const statuses = (replies: { status: number }[]) => replies.map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;
const noServerErrors = (list: number[]) => expect(list.filter((s) => s >= 500)).toEqual([]);

const deviceBody = (label: string) => ({
  type: "desk_phone",
  callbackNumber: "+1 415 555 0100",
  serviceCountry: "US",
  label,
});

describe("50-way races on every versioned resource end in 2xx, 409 or 412, never 5xx", () => {
  it("PUT device with one If-Match (50-way): exactly one 200, the rest 412", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const path = `/v1/accounts/${accountId}/devices/${deviceId}`;
    const current = await service.request("GET", path);
    const etag = current.headers.get("etag")!;
    const replies = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        service.request("PUT", path, { body: deviceBody(`label ${i}`), headers: { "if-match": etag } }),
      ),
    );
    const list = statuses(replies);
    noServerErrors(list);
    expect(count(list, 200)).toBe(1);
    expect(count(list, 412)).toBe(N - 1);
    const after = await service.request("GET", path);
    expect(after.body.version).toBe(current.body.version + 1);
  });

  it("PUT device without If-Match: every write lands or ends in 409, versions contiguous", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const path = `/v1/accounts/${accountId}/devices/${deviceId}`;
    const before = (await service.request("GET", path)).body.version as number;
    const replies = await Promise.all(
      Array.from({ length: N }, (_, i) => service.request("PUT", path, { body: deviceBody(`label ${i}`) })),
    );
    const list = statuses(replies);
    noServerErrors(list);
    expect(count(list, 200) + count(list, 409)).toBe(N);
    const versions = replies
      .filter((r) => r.status === 200)
      .map((r) => r.body.version as number)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => before + 1 + i));
  });

  it("PUT location without If-Match: all land (or 409), the history is complete and contiguous", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const path = `/v1/accounts/${accountId}/devices/${deviceId}/location`;
    const replies = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        service.request("PUT", path, { body: { address: { ...US_ADDRESS, houseNumber: String(100 + i) } } }),
      ),
    );
    const list = statuses(replies);
    noServerErrors(list);
    expect(count(list, 200) + count(list, 409)).toBe(N);
    const history = await service.request("GET", `${path}/history`);
    const versions = (history.body.items as { version: number }[]).map((e) => e.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: count(list, 200) }, (_, i) => i + 1));
  });

  it("PUT account without If-Match: no 5xx, history complete", async () => {
    const accountId = `race-acct-${Date.now()}`;
    await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody() });
    const replies = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ name: `Acme ${i}` }) }),
      ),
    );
    const list = statuses(replies);
    noServerErrors(list);
    expect(count(list, 200) + count(list, 201) + count(list, 409)).toBe(N);
    const stored = await service.ctx.store.read(service.ctx.keys.account(accountId));
    expect(await service.ctx.redis.llen(service.ctx.keys.accountHistory(accountId))).toBe(stored!.version);
  });

  it("POST blocked ranges in parallel: each lands once or ends in 409, the log matches", async () => {
    const { accountId } = await accountWithDevice(service);
    const replies = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        service.request("POST", `/v1/accounts/${accountId}/blocked-ranges`, { body: { prefix: `0900${i}` } }),
      ),
    );
    const list = statuses(replies);
    noServerErrors(list);
    expect(count(list, 201) + count(list, 409)).toBe(N);
    const listed = await service.request("GET", `/v1/accounts/${accountId}/blocked-ranges`);
    expect(listed.body.items ?? listed.body.ranges).toHaveLength(count(list, 201));
    expect(await service.ctx.redis.llen(service.ctx.keys.blockedRangeLog(accountId))).toBe(count(list, 201));
  });

  it("PUT port requirement with one If-Match: one 200, the rest 412; without: no 5xx", async () => {
    const accountId = `race-port-${Date.now()}`;
    await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country: "DE", locale: "de" }) });
    const created = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
      body: { consent: portConsent(), numbers: ["+493012349999"], country: "DE", donorProvider: "Telekom" },
    });
    expect(created.status, created.text).toBe(201);
    const path = `/v1/accounts/${accountId}/port-requests/${created.body.id}`;
    const name = Object.keys(created.body.requirements)[0]!;
    const pinned = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        service.request("PUT", `${path}/requirements/${name}`, {
          key: staff,
          body: { satisfied: true, note: `note ${i}` },
          headers: { "if-match": `"${created.body.version}"` },
        }),
      ),
    );
    const pinnedList = statuses(pinned);
    noServerErrors(pinnedList);
    expect(count(pinnedList, 200)).toBe(1);
    expect(count(pinnedList, 412)).toBe(29);
    const free = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        service.request("PUT", `${path}/requirements/${name}`, {
          key: staff,
          body: { satisfied: i % 2 === 0, note: `note ${i}` },
        }),
      ),
    );
    const freeList = statuses(free);
    noServerErrors(freeList);
    expect(count(freeList, 200) + count(freeList, 409)).toBe(N);
  });
});
