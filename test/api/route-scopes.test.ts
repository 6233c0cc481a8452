import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareApi } from "../../src/app.js";
import { accountWithDevice } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

/**
 * Tenant isolation by construction: every route that names an account in its path declares
 * `scope: "account"`, and the route table refuses a customer key of another account before the
 * handler runs. This walks every declared route, so a new route cannot forget it.
 */
let service: TestService;
let own: { accountId: string; deviceId: string };
let foreignKey: string;
let ownKey: string;

beforeAll(async () => {
  service = await startService();
  own = await accountWithDevice(service);
  const other = await accountWithDevice(service);
  foreignKey = await service.key("customer", other.accountId);
  ownKey = await service.key("customer", own.accountId);
});
afterAll(async () => {
  await service?.close();
});

const routes = () => declareApi(service.ctx).routes.list();

describe("route scopes", () => {
  it("declares scope `account` on every route with {accountId}, and a unique operation id on each", () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(40);
    const unscoped = all.filter((r) => r.path.includes("{accountId}") && r.scope !== "account");
    expect(unscoped).toEqual([]);
    const ids = all.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("answers a customer key of another account 404 (or 403 where customers may not act) on every account route", async () => {
    const scoped = routes().filter((r) => r.scope === "account");
    const outcomes: string[] = [];
    for (const route of scoped) {
      const path = route.path
        .replace("{accountId}", own.accountId)
        .replace("{deviceId}", own.deviceId)
        .replace(/\{[A-Za-z]+\}/g, "x1");
      const reply = await service.request(route.method, path, {
        key: foreignKey,
        body: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      if (reply.status !== 404 && reply.status !== 403)
        outcomes.push(`${route.method} ${route.path} → ${reply.status}`);
      if (reply.status === 404) expect(reply.body.detail).not.toContain(own.accountId);
    }
    expect(outcomes).toEqual([]);
  });

  it("lets the account's own customer key through the same gate", async () => {
    const device = await service.request("GET", `/v1/accounts/${own.accountId}/devices/${own.deviceId}`, {
      key: ownKey,
    });
    expect(device.status).toBe(200);
    const foreign = await service.request("GET", `/v1/accounts/${own.accountId}/devices/${own.deviceId}`, {
      key: foreignKey,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.detail).toBe("No such device.");
  });
});
