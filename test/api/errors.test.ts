import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

function expectProblem(reply: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(reply.body.type).toMatch(new RegExp(`/problems/${code}$`));
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe("string");
}

describe("the Redis this run uses", () => {
  it("is a Redis Cluster exactly when the run provides one", async () => {
    expect(service.ctx.redis instanceof Cluster).toBe(inject("redisCluster"));
    expect(await service.ctx.redis.ping()).toBe("PONG");
  });
});

describe("problem details for bad input", () => {
  it("answers unknown routes with a 404 problem", async () => {
    expectProblem(await service.request("GET", "/v2/nothing"), 404, "not-found");
  });

  it("needs a key (401) and refuses a wrong one", async () => {
    expectProblem(await service.request("GET", "/v1/accounts/a1", { key: null }), 401, "unauthorized");
    expectProblem(
      await service.request("GET", "/v1/accounts/a1", { key: "vck_not-a-real-key-at-all-000000" }),
      401,
      "unauthorized",
    );
  });

  it("rejects malformed JSON with 400 and changes nothing", async () => {
    const reply = await service.request("PUT", "/v1/accounts/a1", {
      raw: '{"name": "x",',
      headers: { "content-type": "application/json" },
    });
    expectProblem(reply, 400, "malformed-json");
    expectProblem(await service.request("GET", "/v1/accounts/a1"), 404, "not-found");
  });

  it("rejects bodies over 256 KB with 413", async () => {
    const reply = await service.request("PUT", "/v1/accounts/a1", { body: accountBody({ name: "x".repeat(300_000) }) });
    expectProblem(reply, 413, "payload-too-large");
  });

  it("rejects non-JSON bodies with 415", async () => {
    const reply = await service.request("PUT", "/v1/accounts/a1", {
      raw: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(reply, 415, "unsupported-media-type");
  });

  it("refuses JSON in another charset or with a content coding (415), and accepts a byte order mark", async () => {
    const utf16 = await service.request("PUT", "/v1/accounts/a1", {
      raw: JSON.stringify(accountBody()),
      headers: { "content-type": "application/json; charset=utf-16" },
    });
    expectProblem(utf16, 415, "unsupported-media-type");
    const gzipped = await service.request("PUT", "/v1/accounts/a1", {
      raw: JSON.stringify(accountBody()),
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });
    expectProblem(gzipped, 415, "unsupported-media-type");
    expect(gzipped.headers.get("accept-encoding")).toBe("identity");
    expectProblem(await service.request("GET", "/v1/accounts/a1"), 404, "not-found");

    const bom = await service.request("PUT", "/v1/accounts/bom-1", {
      raw: `\ufeff${JSON.stringify(accountBody())}`,
      headers: { "content-type": "Application/JSON; charset=UTF-8" },
    });
    expect(bom.status).toBe(201);
    const problemJson = await service.request("PUT", "/v1/accounts/bom-2", {
      raw: JSON.stringify(accountBody()),
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(problemJson.status).toBe(201);
  });

  it("reads no body before the key is checked: 401, not 400, for malformed JSON without a key", async () => {
    const reply = await service.request("PUT", "/v1/accounts/a1", {
      key: null,
      raw: '{"name": ',
      headers: { "content-type": "application/json" },
    });
    expectProblem(reply, 401, "unauthorized");
  });

  it("answers a known path with the wrong method 405 and lists the allowed ones", async () => {
    const reply = await service.request("DELETE", "/v1/emergency/classify");
    expectProblem(reply, 405, "method-not-allowed");
    expect(reply.headers.get("allow")).toBe("POST");
    expect((await service.request("PUT", "/v1/accounts/a1/devices")).headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers a path with broken percent-encoding 400, not 404", async () => {
    for (const path of ["/v1/accounts/%", "/v1/accounts/%E0%A4%A", "/v1/accounts/a%zz/devices"])
      expectProblem(await service.request("GET", path), 400, "bad-request");
  });

  it("matches a trailing slash and a long id the same as any other path", async () => {
    expect((await service.request("GET", "/v1/emergency-numbers/DE/")).status).toBe(200);
    const long = await service.request("GET", `/v1/accounts/${"a".repeat(300)}`);
    expectProblem(long, 400, "validation-failed");
    expect(long.body.errors[0].path).toBe("accountId");
  });

  it("names every wrong-typed or missing field", async () => {
    const reply = await service.request("PUT", "/v1/accounts/a1", {
      body: { name: 42, country: "UK", locale: "xx", contacts: { emails: ["not-an-email"] } },
    });
    expectProblem(reply, 400, "validation-failed");
    const paths = (reply.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(["contacts.emails.0", "country", "locale", "name"]);
  });

  it("rejects a body that is not an object, and an empty one", async () => {
    expectProblem(await service.request("PUT", "/v1/accounts/a1", { body: [1, 2] }), 400, "validation-failed");
    expectProblem(await service.request("PUT", "/v1/accounts/a1", { body: "text" }), 400, "validation-failed");
    expectProblem(await service.request("PUT", "/v1/accounts/a1", { body: {} }), 400, "validation-failed");
  });

  it("rejects ids with characters that could break the key layout", async () => {
    const reply = await service.request("PUT", "/v1/accounts/%7Ba%7D", { body: accountBody() });
    expectProblem(reply, 400, "validation-failed");
    expect(reply.body.errors[0].path).toBe("accountId");
  });

  it("keeps unicode text intact", async () => {
    const reply = await service.request("PUT", "/v1/accounts/unicode-1", {
      body: accountBody({ name: "Zahnärzte Müller & Søn 📞" }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBe("Zahnärzte Müller & Søn 📞");
  });

  it("serves the OpenAPI 3.1 document and the docs page without a key", async () => {
    const doc = await service.request("GET", "/openapi.json", { key: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/v1/accounts/{accountId}/devices/{deviceId}/location",
        "/v1/hooks/provisioning",
        "/v1/disclosures/{country}",
      ]),
    );
    const docs = await service.request("GET", "/docs/", { key: null });
    expect(docs.status).toBe(200);
    expect(docs.text).toContain("swagger-ui");
  });

  it("answers /healthz always and /readyz 503 without workers", async () => {
    expect((await service.request("GET", "/healthz", { key: null })).status).toBe(200);
    const ready = await service.request("GET", "/readyz", { key: null });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, redis: "up", workers: 0 });
  });
});
