import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { DE_ADDRESS, US_ADDRESS, accountBody } from "../support/fixtures.js";

let service: TestService;
let smtp: SmtpReceiver;
let hooks: WebhookReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver();
  service = await startService({ workers: true, env: { SMTP_URL: smtp.url, NOTIFICATION_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await service.close();
  await smtp.close();
  await hooks.close();
});

async function readyDevice(
  accountId: string,
  options: { country?: "US" | "DE"; locale?: string; webhook?: boolean } = {},
) {
  const country = options.country ?? "US";
  const contacts: Record<string, unknown> = { emails: [`${accountId}@customer.example`] };
  if (options.webhook) contacts.webhookUrl = hooks.url;
  const account = await service.request("PUT", `/v1/accounts/${accountId}`, {
    body: accountBody({ country, locale: options.locale ?? "en", contacts }),
  });
  if (account.body.webhookSecret) hooks.setSecret(account.body.webhookSecret);
  const base = `/v1/accounts/${accountId}/devices/phone`;
  await service.request("PUT", base, {
    body: {
      type: "desk_phone",
      label: "Front desk",
      callbackNumber: country === "DE" ? "089 1234567" : "+1 415 555 2671",
      serviceCountry: country,
    },
  });
  await service.request("PUT", `${base}/location`, { body: { address: country === "DE" ? DE_ADDRESS : US_ADDRESS } });
  const disclosure = await service.request("GET", `/v1/disclosures/${country}`);
  await service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
    body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Office manager" },
  });
  return base;
}

describe("e911 activation flow", () => {
  it("enables e911 only after the activation e-mail is delivered over SMTP, localized", async () => {
    const before = smtp.messages.length;
    const base = await readyDevice("flow-de", { country: "DE", locale: "de" });
    const activated = await service.request("POST", `${base}/activate`);
    expect(activated.body.e911).toMatchObject({ status: "pending", enabledAt: null, notificationId: null });

    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toMatchObject({ text: "flow-de@customer.example" });
    expect(mail!.headers.get("content-language")).toBe("de");
    expect(mail!.subject).toContain("Front desk");
    expect(mail!.text).toContain("Leopoldstraße");
    expect(mail!.text).toContain("089 1234567");
    expect(mail!.html).toContain("Leopoldstraße");
    expect(mail!.text).not.toContain("{{");

    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 10_000 })
      .toBe("enabled");
    const device = await service.request("GET", base);
    const notifications = await service.request("GET", "/v1/accounts/flow-de/notifications?type=e911.activated");
    expect(notifications.body.items).toHaveLength(1);
    const notice = notifications.body.items[0];
    expect(notice).toMatchObject({
      type: "e911.activated",
      channel: "email",
      locale: "de",
      status: "sent",
      delivered: "smtp",
      attempts: 1,
      ref: { deviceId: "phone" },
    });
    expect(device.body.e911).toMatchObject({ status: "enabled", notificationId: notice.id, enabledAt: notice.sentAt });
    expect(mail!.messageId).toBe(`<${notice.id}@voip-compliance.example>`);
  });

  it("retries a refused e-mail with backoff and enables e911 only once it is accepted", async () => {
    const before = smtp.messages.length;
    smtp.failNext(2);
    const base = await readyDevice("flow-retry");
    await service.request("POST", `${base}/activate`);
    await smtp.waitFor(before + 1);
    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 10_000 })
      .toBe("enabled");
    const [notice] = (await service.request("GET", "/v1/accounts/flow-retry/notifications")).body.items;
    expect(notice).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(smtp.messages.slice(before)).toHaveLength(1);
  });

  it("keeps e911 pending and the notification failed, with the error, when delivery never succeeds", async () => {
    smtp.failNext(100);
    try {
      const base = await readyDevice("flow-fail");
      await service.request("POST", `${base}/activate`);
      await expect
        .poll(
          async () => (await service.request("GET", "/v1/accounts/flow-fail/notifications")).body.items[0]?.status,
          { timeout: 15_000 },
        )
        .toBe("failed");
      const [notice] = (await service.request("GET", "/v1/accounts/flow-fail/notifications")).body.items;
      expect(notice.attempts).toBe(6);
      expect(notice.lastError).toMatch(/451|try again/);
      const device = await service.request("GET", base);
      expect(device.body.e911).toMatchObject({
        status: "pending",
        enabledAt: null,
        notificationId: null,
        detail: expect.stringMatching(/could not be delivered.*451/),
      });
    } finally {
      smtp.failNext(0);
    }
  });

  it("sends a signed webhook beside the e-mail, and a location.changed notice when an active device moves", async () => {
    const before = smtp.messages.length;
    const base = await readyDevice("flow-hook", { webhook: true });
    await service.request("POST", `${base}/activate`);
    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 10_000 })
      .toBe("enabled");
    const [hook] = await hooks.waitFor(1);
    expect(hook!.verified).toBe(true);
    expect(hook!.payload).toMatchObject({
      type: "e911.activated",
      data: { accountId: "flow-hook", deviceId: "phone" },
    });

    await service.request("PUT", `${base}/location`, {
      body: { address: { ...US_ADDRESS, floor: "12" }, reason: "moved" },
    });
    await smtp.waitFor(before + 2);
    await hooks.waitFor(2);
    const moved = smtp.messages.slice(before).find((m) => m.subject?.includes("changed"));
    expect(moved?.text).toContain("12");
    // The emergency-routing registration follows the move.
    await expect
      .poll(
        async () =>
          JSON.parse(
            (await service.ctx.redis.get(service.ctx.keys.emergencyRegistration("flow-hook", "phone"))) ?? "{}",
          ).locationVersion,
        { timeout: 5_000 },
      )
      .toBe(2);
    const list = await service.request("GET", "/v1/accounts/flow-hook/notifications");
    expect(list.body.items.map((n: { type: string; channel: string }) => `${n.type}/${n.channel}`)).toEqual([
      "location.changed/webhook",
      "location.changed/email",
      "e911.activated/webhook",
      "e911.activated/email",
    ]);
    const ids = hooks.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("does not send again when a delivery job runs twice", async () => {
    const before = smtp.messages.length;
    const base = await readyDevice("flow-dup");
    await service.request("POST", `${base}/activate`);
    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 10_000 })
      .toBe("enabled");
    const [notice] = (await service.request("GET", "/v1/accounts/flow-dup/notifications")).body.items;
    // A duplicate job (new job id, same notification) finds it sent and does nothing.
    const job = await service.ctx.queues.notifications.add(
      "deliver",
      { accountId: "flow-dup", notificationId: notice.id },
      { jobId: "duplicate-test" },
    );
    await expect
      .poll(async () => (await service.ctx.queues.notifications.getJob(job.id!))?.returnvalue, { timeout: 5_000 })
      .toBe("already-done");
    expect(smtp.messages.slice(before)).toHaveLength(1);
  });
});
