import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

let service: TestService;
let smtpPort: number;
let smtp: SmtpReceiver | null = null;
let hooks: WebhookReceiver;
beforeAll(async () => {
  smtpPort = await freePort();
  hooks = await startWebhookReceiver();
  // Nothing listens on the SMTP port yet: the mail server is down.
  service = await startService({
    workers: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFICATION_BACKOFF_MS: "300" },
  });
});
afterAll(async () => {
  await service.close();
  await smtp?.close();
  await hooks.close();
});

async function activeDevice(accountId: string, contacts: Record<string, unknown> = {}) {
  const account = await service.request("PUT", `/v1/accounts/${accountId}`, {
    body: accountBody({ contacts: { emails: [`${accountId}@customer.example`], ...contacts } }),
  });
  const base = `/v1/accounts/${accountId}/devices/desk`;
  await service.request("PUT", base, {
    body: { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" },
  });
  await service.request("PUT", `${base}/location`, { body: { address: US_ADDRESS } });
  const disclosure = await service.request("GET", "/v1/disclosures/US");
  await service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
    body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat" },
  });
  await service.request("POST", `${base}/activate`);
  return { base, account: account.body };
}

describe("delivery outages", () => {
  it("keeps e911 pending during an SMTP outage, shows why, and enables it only after recovery", async () => {
    const { base } = await activeDevice("outage-smtp");
    await expect
      .poll(
        async () =>
          (await service.request("GET", "/v1/accounts/outage-smtp/notifications?type=e911.activated")).body.items[0]
            ?.lastError ?? null,
        { timeout: 10_000 },
      )
      .toMatch(/ECONNREFUSED|connect/i);
    const during = await service.request("GET", base);
    expect(during.body.e911).toMatchObject({
      status: "pending",
      enabledAt: null,
      notificationId: null,
      detail: expect.stringMatching(/e-mail not delivered yet.*(ECONNREFUSED|connect)/i),
    });

    smtp = await startSmtpReceiver(smtpPort);
    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 20_000 })
      .toBe("enabled");
    expect(smtp.messages).toHaveLength(1);
    const [notice] = (await service.request("GET", "/v1/accounts/outage-smtp/notifications?type=e911.activated")).body
      .items;
    expect(notice.attempts).toBeGreaterThan(1);
    expect(notice).toMatchObject({ status: "sent", delivered: "smtp", lastError: null });
  });

  it("stops retrying a webhook the receiver refuses with a 4xx, and keeps the error", async () => {
    const { account } = await activeDevice("hook-refused", { webhookUrl: hooks.url });
    // The receiver verifies with another secret than the account's: it answers 401.
    hooks.setSecret(`whsec_${Buffer.from("not-the-accounts-secret-000").toString("base64")}`);
    expect(account.webhookSecret).toMatch(/^whsec_/);
    await expect
      .poll(
        async () =>
          (await service.request("GET", "/v1/accounts/hook-refused/notifications?type=e911.activated")).body.items.find(
            (n: { channel: string }) => n.channel === "webhook",
          )?.status,
        { timeout: 10_000 },
      )
      .toBe("failed");
    const webhook = (
      await service.request("GET", "/v1/accounts/hook-refused/notifications?type=e911.activated")
    ).body.items.find((n: { channel: string }) => n.channel === "webhook");
    expect(webhook).toMatchObject({ attempts: 1, lastError: "webhook answered 401" });
    expect(hooks.received.filter((r) => r.payload?.data?.accountId === "hook-refused")).toHaveLength(1);
  });

  it("refuses webhook URLs that are not http(s), link-local, cloud metadata or over 2 KB (400, nothing stored)", async () => {
    for (const url of [
      "ftp://example.com/x",
      "http://169.254.169.254/latest/meta-data",
      "http://metadata.google.internal/x",
      `https://example.com/${"a".repeat(2100)}`,
    ]) {
      const reply = await service.request("PUT", "/v1/accounts/bad-hook", {
        body: accountBody({ contacts: { emails: ["a@b.example"], webhookUrl: url } }),
      });
      expect(reply.status, url).toBe(400);
      expect(reply.body.errors[0].path).toBe("contacts.webhookUrl");
    }
    expect((await service.request("GET", "/v1/accounts/bad-hook")).status).toBe(404);
    const locale = await service.request("PUT", "/v1/accounts/bad-locale", { body: accountBody({ locale: "es" }) });
    expect(locale.status).toBe(400);
    expect(locale.body.errors[0]).toMatchObject({ path: "locale", message: expect.stringContaining("pt-BR") });
  });
});
