import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOTSTRAP_KEY_ID, installBootstrapKey } from "../../src/auth/service.js";
import { hashApiKey } from "../../src/auth/api-key-store.js";
import { startService, type TestService } from "../support/service.js";

// Before the fix every start installed another hash under the same id: old generated keys kept
// working, were not listed, and DELETE /v1/api-keys/key_bootstrap_admin did not revoke them.
let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

const newKey = () => `vck_${randomBytes(24).toString("base64url")}`;
const whoAmI = (key: string) => service.request("GET", "/v1/api-keys", { key });

describe("the bootstrap admin key", () => {
  it("is replaced by the next start's key: the old one stops working; it is listed once", async () => {
    const first = service.adminKey;
    const other = await service.key("admin");
    expect((await whoAmI(first)).status).toBe(200);
    const second = newKey();
    await installBootstrapKey(service.ctx, second); // a restart with a new generated key
    expect((await whoAmI(first)).status).toBe(401);
    const listed = await whoAmI(second);
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string }[]).map((k) => k.id);
    expect(ids.filter((id) => id === BOOTSTRAP_KEY_ID)).toHaveLength(1);
    // The same key again (a restart with the same ADMIN_API_KEY) changes nothing.
    await installBootstrapKey(service.ctx, second);
    expect((await whoAmI(second)).status).toBe(200);
    // No hash of the replaced key is left behind.
    expect(await service.ctx.redis.exists(service.ctx.keys.apiKey(hashApiKey(first)))).toBe(0);
    expect((await whoAmI(other)).status).toBe(200);
  });

  it("is revoked by DELETE /v1/api-keys/key_bootstrap_admin", async () => {
    const key = newKey();
    await installBootstrapKey(service.ctx, key);
    const created = await service.request("POST", "/v1/api-keys", { key, body: { role: "admin", label: "second" } });
    expect(created.status).toBe(201);
    const admin = created.body.key as string;
    const revoked = await service.request("DELETE", `/v1/api-keys/${BOOTSTRAP_KEY_ID}`, { key: admin });
    expect(revoked.status).toBe(204);
    expect((await whoAmI(key)).status).toBe(401);
    const listed = await whoAmI(admin);
    expect((listed.body.items as { id: string }[]).map((k) => k.id)).not.toContain(BOOTSTRAP_KEY_ID);
  });
});
