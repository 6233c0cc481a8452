import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { loggableError, scrub } from "../../src/platform/logger.js";

// Everything the service logs at debug level, while it handles addresses, keys, e-mail
// addresses and numbers, and while deliveries fail.
const lines: string[] = [];
let service: TestService;
let smtp: SmtpReceiver;
const STREET = "Whisperwillow";
const EMAIL = "privacy-officer@clinic.example";
const NUMBER = "+14155550177";
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  smtp.rejectRecipient(EMAIL);
  service = await startService({
    workers: true,
    env: { LOG_LEVEL: "debug", SMTP_URL: smtp.url, NOTIFICATION_BACKOFF_MS: "20" },
    logTo: { write: (line: string) => void lines.push(line) },
  });
});
afterAll(async () => {
  await service.close();
  await smtp.close();
});

describe("logs", () => {
  it("record each request and failed job without addresses, e-mail addresses, numbers or keys; job payloads hold none either", async () => {
    await service.request("PUT", "/v1/accounts/logged", { body: accountBody({ contacts: { emails: [EMAIL] } }) });
    const base = "/v1/accounts/logged/devices/desk";
    await service.request("PUT", base, { body: { type: "desk_phone", callbackNumber: NUMBER, serviceCountry: "US" } });
    const address = { ...US_ADDRESS, street: STREET };
    expect((await service.request("PUT", `${base}/location`, { body: { address } })).status).toBe(200);
    expect(
      (await service.request("PUT", `${base}/location`, { body: { address: { ...address, postalCode: "nope" } } }))
        .status,
    ).toBe(400);
    const bogusKey = "vck_this-key-does-not-exist-0000000000";
    expect((await service.request("GET", base, { key: bogusKey })).status).toBe(401);
    const disclosure = await service.request("GET", "/v1/disclosures/US");
    await service.request("POST", "/v1/accounts/logged/acknowledgements", {
      body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat" },
    });
    expect((await service.request("POST", `${base}/activate`)).status).toBe(200);
    // The activation e-mail is refused for good: the job fails and is logged.
    await expect.poll(() => lines.some((line) => line.includes('"msg":"job failed"')), { timeout: 15_000 }).toBe(true);

    const log = lines.join("");
    expect(log).toContain('"route":"/v1/accounts/{accountId}/devices/{deviceId}/location"');
    expect(log).toMatch(/"status":401/);
    for (const secret of [STREET, EMAIL, NUMBER, NUMBER.slice(2), bogusKey, service.adminKey])
      expect(log).not.toContain(secret);

    // Nor do the jobs: their payloads name records by id, and workers read the records.
    const { ctx } = service;
    const payloads: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await ctx.redis.scan(cursor, "MATCH", `${ctx.keys.queuePrefix()}:*`, "COUNT", 500);
      cursor = next;
      for (const key of keys)
        if ((await ctx.redis.type(key)) === "hash") payloads.push((await ctx.redis.hget(key, "data")) ?? "");
    } while (cursor !== "0");
    expect(payloads.filter(Boolean).length).toBeGreaterThan(1);
    for (const secret of [STREET, EMAIL, NUMBER, service.adminKey]) expect(payloads.join("\n")).not.toContain(secret);
  });

  it("mask e-mail addresses, phone numbers and URLs in error messages, and keep what an operator needs", () => {
    expect(scrub("550 <a.b+c@example.co.uk>: user unknown")).toBe("550 <[email]>: user unknown");
    expect(scrub("callback +1 (415) 555-0177 and 4155550177 failed")).toBe("callback [number] and [number] failed");
    expect(scrub("POST https://hooks.example/t/s3cr3t?x=1 answered 500")).toBe("POST [url] answered 500");
    expect(scrub("connect ECONNREFUSED 127.0.0.1:6379")).toBe("connect ECONNREFUSED 127.0.0.1:6379");
    const error = Object.assign(new Error("rejected <pat@example.com>"), { code: "EENVELOPE", responseCode: 550 });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ name: "Error", message: "rejected <[email]>", code: "EENVELOPE", status: 550 });
    expect(logged.stack).toMatch(/^\s+at /);
    expect(logged.stack).not.toContain("pat@example.com");
  });
});
