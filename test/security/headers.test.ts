import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountWithDevice } from "../support/fixtures.js";

// Each of these failed before the fix (issue 14, item 7).
let service: TestService;
beforeAll(async () => {
  service = await startService({ env: { AUTH_FAILURES_PER_MINUTE: "20" } });
});
afterAll(async () => {
  await service.close();
});

/** A request with the path sent as written (fetch would resolve `..` segments first). */
function raw(method: string, path: string, key = service.adminKey): Promise<{ status: number; body: string }> {
  const url = new URL(service.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { authorization: `Bearer ${key}` } },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("response headers", () => {
  it("API answers carry nosniff and no-store", async () => {
    const { accountId } = await accountWithDevice(service);
    const reply = await service.request("GET", `/v1/accounts/${accountId}`);
    expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
    expect(reply.headers.get("cache-control")).toBe("no-store");
    const problem = await service.request("GET", "/v1/accounts/nobody-here");
    expect(problem.headers.get("x-content-type-options")).toBe("nosniff");
    expect(problem.headers.get("cache-control")).toBe("no-store");
  });

  it("the location's JSON and PIDF-LO vary on Accept and have distinct ETags", async () => {
    const { accountId, deviceId } = await accountWithDevice(service);
    const path = `/v1/accounts/${accountId}/devices/${deviceId}/location`;
    expect((await service.request("PUT", path, { body: { address: US_ADDRESS } })).status).toBe(200);
    const json = await service.request("GET", path);
    const xml = await service.request("GET", path, { headers: { accept: "application/pidf+xml" } });
    expect(json.headers.get("vary")).toMatch(/Accept/);
    expect(xml.headers.get("vary")).toMatch(/Accept/);
    expect(json.headers.get("etag")).toBe('"1"');
    expect(xml.headers.get("etag")).not.toBe(json.headers.get("etag"));
  });

  it("/docs has a Content-Security-Policy without inline scripts", async () => {
    const reply = await fetch(`${service.url}/docs/`);
    expect(reply.status).toBe(200);
    const csp = reply.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(await reply.text()).not.toMatch(/<script>[^<]/);
  });
});

describe("ids and methods", () => {
  it("answers 400 for ids made only of dots", async () => {
    for (const id of [".", "..", "..."]) {
      const account = await raw("PUT", `/v1/accounts/${id}`);
      expect(account.status, id).toBe(400);
      expect(JSON.parse(account.body).errors[0].path).toBe("accountId");
    }
    const { accountId } = await accountWithDevice(service);
    const device = await raw("GET", `/v1/accounts/${accountId}/devices/..`);
    expect(device.status).toBe(400);
    expect((await raw("GET", `/v1/accounts/${accountId}/devices/a.b`)).status).toBe(404);
  });

  it("answers HEAD on GET routes like GET, without a body", async () => {
    const { accountId } = await accountWithDevice(service);
    const head = await raw("HEAD", `/v1/accounts/${accountId}`);
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    const put = await raw("PATCH", `/v1/accounts/${accountId}`);
    expect(put.status).toBe(405);
  });
});

describe("failed authentications", () => {
  it("answers 429 after the limit of unknown keys per address and minute; known keys go on", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 300 }, () =>
        service.request("GET", "/v1/accounts", { key: `vck_${randomBytes(24).toString("base64url")}` }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(280);
    const limited = guesses.find((g) => g.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.type).toMatch(/too-many-failed-authentications$/);
    // The admin key was verified before the guessing: its holder is not held up.
    expect((await service.request("GET", "/v1/api-keys")).status).toBe(200);
    // Emergency answers are never limited: an unknown key there is still a plain 401.
    const classify = await service.request("POST", "/v1/emergency/classify", {
      key: `vck_${randomBytes(24).toString("base64url")}`,
      body: { country: "US", dialed: "911" },
    });
    expect(classify.status).toBe(401);
  });
});
