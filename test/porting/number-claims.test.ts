import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody, portConsent } from "../support/fixtures.js";

// Before the fix, 20 parallel creates for one number gave 2–5 × 201: a claim whose request was
// not saved yet was taken for stale and taken over.
let service: TestService;
beforeAll(async () => {
  service = await startService();
  for (const accountId of ["claims-a", "claims-b"]) {
    const reply = await service.request("PUT", `/v1/accounts/${accountId}`, {
      body: accountBody({ country: "DE", locale: "de" }),
    });
    expect(reply.status).toBeLessThan(300);
  }
});
afterAll(async () => {
  await service.close();
});

const create = (accountId: string, numbers: string[]) =>
  service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
    body: { consent: portConsent(), numbers, country: "DE", donorProvider: "Telekom" },
  });

async function race(number: string, count: number, accounts: string[]) {
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) => create(accounts[i % accounts.length]!, [number])),
  );
  return replies;
}

describe("number claims", () => {
  it("50 parallel creates for one number in one account: one 201, the rest 409 naming it", async () => {
    const replies = await race("+493012340001", 50, ["claims-a"]);
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.body.type).toMatch(/number-in-open-request$/);
      expect(reply.body.detail).toContain("+493012340001");
      expect(reply.body.errors[0].path).toBe("numbers.0");
    }
  });

  it("50 parallel creates across two accounts: exactly one 201, no orphan claims", async () => {
    const replies = await race("+493012340002", 50, ["claims-a", "claims-b"]);
    const created = replies.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(49);
    const claims = await service.ctx.redis.hgetall(service.ctx.keys.numberClaims());
    const winner = created[0]!.body as { id: string; accountId: string };
    expect(claims["+493012340002"]).toBe(`${winner.accountId}/${winner.id}`);
    // Every claim names a saved, open request; no pending marker is left behind.
    for (const holder of Object.values(claims)) {
      const [accountId, id] = holder.split("/") as [string, string];
      expect(await service.ctx.redis.exists(service.ctx.keys.portRequest(accountId, id))).toBe(1);
      expect(await service.ctx.redis.exists(service.ctx.keys.numberClaimPending(holder))).toBe(0);
    }
  });

  it("a claim whose writer died is taken over once its pending marker expired", async () => {
    const claims = service.ctx.keys.numberClaims();
    await service.ctx.redis.hset(claims, "+493012340003", "claims-b/prt_never_saved");
    const pending = service.ctx.keys.numberClaimPending("claims-b/prt_never_saved");
    await service.ctx.redis.set(pending, "1", "PX", 60_000);
    expect((await create("claims-a", ["+493012340003"])).status).toBe(409);
    await service.ctx.redis.del(pending);
    expect((await create("claims-a", ["+493012340003"])).status).toBe(201);
  });

  it("a number is free again once its request is cancelled", async () => {
    const first = await create("claims-a", ["+493012340004"]);
    expect(first.status).toBe(201);
    expect((await create("claims-b", ["+493012340004"])).status).toBe(409);
    const cancelled = await service.request("POST", `/v1/accounts/claims-a/port-requests/${first.body.id}/cancel`, {
      body: {},
    });
    expect(cancelled.status).toBe(200);
    expect((await create("claims-b", ["+493012340004"])).status).toBe(201);
  });
});
