import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "../../src/auth/api-key-store.js";
import { startService, type TestService } from "../support/service.js";
import { accountBody, accountWithDevice } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

describe("API keys, roles and tenants", () => {
  it("shows a key once and stores only its hash", async () => {
    const created = await service.request("POST", "/v1/api-keys", { body: { role: "fulfillment", label: "Dana" } });
    expect(created.status).toBe(201);
    const clear: string = created.body.key;
    const keys = await service.ctx.redis.keys(`${service.ctx.config.REDIS_PREFIX}:*`);
    const everything = (await Promise.all(keys.map((k) => service.ctx.redis.dumpBuffer(k))))
      .map((d) => d?.toString("latin1") ?? "")
      .join("");
    expect(everything).not.toContain(clear);
    expect(await service.ctx.redis.exists(service.ctx.keys.apiKey(hashApiKey(clear)))).toBe(1);
    const listed = await service.request("GET", "/v1/api-keys");
    expect(JSON.stringify(listed.body)).not.toContain(clear);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
  });

  it("replays a key creation with the same Idempotency-Key", async () => {
    const headers = { "idempotency-key": "key-create-1" };
    const first = await service.request("POST", "/v1/api-keys", { body: { role: "provisioning" }, headers });
    const second = await service.request("POST", "/v1/api-keys", { body: { role: "provisioning" }, headers });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const other = await service.request("POST", "/v1/api-keys", { body: { role: "fulfillment" }, headers });
    expect(other.status).toBe(422);
  });

  it("requires accountId for customer keys", async () => {
    const reply = await service.request("POST", "/v1/api-keys", { body: { role: "customer" } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe("accountId");
  });

  it("forbids (403) what a role may not do", async () => {
    const fulfillment = await service.key("fulfillment");
    const provisioning = await service.key("provisioning");
    expect((await service.request("POST", "/v1/api-keys", { key: fulfillment, body: { role: "admin" } })).status).toBe(
      403,
    );
    expect((await service.request("PUT", "/v1/accounts/r1", { key: fulfillment, body: accountBody() })).status).toBe(
      403,
    );
    expect((await service.request("PUT", "/v1/accounts/r1", { key: provisioning, body: accountBody() })).status).toBe(
      201,
    );
    const customer = await service.key("customer", "r1");
    expect(
      (
        await service.request("PUT", "/v1/accounts/r1/devices/d1", {
          key: customer,
          body: { type: "fax", callbackNumber: "+14155552671", serviceCountry: "US" },
        })
      ).status,
    ).toBe(403);
    // Provisioning may create devices but not move them: locations are staff's and the customer's.
    await service.request("PUT", "/v1/accounts/r1/devices/d1", {
      key: provisioning,
      body: { type: "fax", callbackNumber: "+14155552671", serviceCountry: "US" },
    });
    expect(
      (
        await service.request("PUT", "/v1/accounts/r1/devices/d1/location", {
          key: provisioning,
          body: { address: {} },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 for another account's resources, as if they did not exist", async () => {
    const mine = await accountWithDevice(service, { accountId: "tenant-a" });
    const theirs = await accountWithDevice(service, { accountId: "tenant-b" });
    const customer = await service.key("customer", mine.accountId);
    expect(
      (await service.request("GET", `/v1/accounts/${mine.accountId}/devices/${mine.deviceId}`, { key: customer }))
        .status,
    ).toBe(200);
    for (const path of [
      `/v1/accounts/${theirs.accountId}`,
      `/v1/accounts/${theirs.accountId}/devices/${theirs.deviceId}`,
      `/v1/accounts/${theirs.accountId}/devices`,
      `/v1/accounts/${theirs.accountId}/devices/${theirs.deviceId}/location/history`,
    ]) {
      const reply = await service.request("GET", path, { key: customer });
      expect(reply.status, path).toBe(404);
    }
    const unknown = await service.request("GET", `/v1/accounts/no-such-account`, { key: customer });
    expect(unknown.status).toBe(404);
    const write = await service.request("PUT", `/v1/accounts/${theirs.accountId}/devices/${theirs.deviceId}/location`, {
      key: customer,
      body: {
        address: {
          country: "US",
          region: "US-NY",
          city: "New York",
          street: "Broadway",
          houseNumber: "1",
          postalCode: "10004",
        },
      },
    });
    expect(write.status).toBe(404);
    const device = await service.request("GET", `/v1/accounts/${theirs.accountId}/devices/${theirs.deviceId}`);
    expect(device.body.location).toBeNull();
  });

  it("stops accepting a revoked key", async () => {
    const created = await service.request("POST", "/v1/api-keys", { body: { role: "fulfillment" } });
    const key = created.body.key as string;
    expect((await service.request("GET", "/v1/disclosures/US", { key })).status).toBe(200);
    expect((await service.request("DELETE", `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    // Revocation is announced to every API process; the cache must not keep serving the key.
    await expect
      .poll(async () => (await service.request("GET", "/v1/disclosures/US", { key })).status, { timeout: 3_000 })
      .toBe(401);
  });
});
