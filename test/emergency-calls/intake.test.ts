import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { newCallId, siteWithPhone } from "./support.js";

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

const mailsTo = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));

describe("POST /v1/emergency-calls", () => {
  it("records the call as evidence with the location it carried, and answers the same record for the same callId", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-intake");
    const callId = newCallId();
    const body = { callId, dialed: "911", accountId: "ec-intake", deviceId, startedAt: "2026-12-01T03:00:00Z" };
    const first = await service.request("POST", "/v1/emergency-calls", { body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      callId,
      accountId: "ec-intake",
      deviceId,
      dialed: "911",
      number: "911",
      test: false,
      callbackNumber: "+14155552671",
      startedAt: "2026-12-01T03:00:00Z",
      status: "notified",
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolved: true,
      alerted: true,
      location: { version: 1, source: "registered", address: { city: "San Francisco" } },
    });
    const again = await service.request("POST", "/v1/emergency-calls", { body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.receivedAt).toBe(first.body.receivedAt);

    const other = await service.request("POST", "/v1/emergency-calls", { body: { ...body, dialed: "9911" } });
    expect(other.status).toBe(409);
    expect(other.body.type).toMatch(/call-report-conflict$/);

    // The location moves later; the record keeps the one the call carried.
    await service.request("PUT", `/v1/accounts/ec-intake/devices/${deviceId}/location`, {
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
    const read = await service.request("GET", `/v1/accounts/ec-intake/emergency-calls/${first.body.id}`);
    expect(read.body.location).toMatchObject({ version: 1, address: { city: "San Francisco" } });
    expect(read.body.timeline[0]).toMatchObject({ type: "placed" });
    const list = await service.request("GET", "/v1/accounts/ec-intake/emergency-calls");
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  it("reads 9911 as 911 on a PBX with outside-line prefix 9 (Kari's Law direct dialling)", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-prefix", { outsideLinePrefixes: ["9"] });
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "9911", accountId: "ec-prefix", deviceId },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.number).toBe("911");
  });

  it("refuses bad reports with 400 naming the field, and customer keys with 403", async () => {
    const missing = await service.request("POST", "/v1/emergency-calls", {
      body: { dialed: "911", accountId: "ec-intake", deviceId: "x" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain("callId");
    const noDialed = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), accountId: "ec-intake", deviceId: "x" },
    });
    expect(noDialed.status).toBe(400);
    expect(noDialed.body.errors.map((e: { path: string }) => e.path)).toContain("dialed");
    await siteWithPhone(service, "ec-cust");
    const customer = await service.key("customer", "ec-cust");
    const refused = await service.request("POST", "/v1/emergency-calls", {
      key: customer,
      body: { callId: newCallId(), dialed: "911", accountId: "ec-cust", deviceId: "lobby-phone" },
    });
    expect(refused.status).toBe(403);
  });

  it("records a call from an unknown caller as unresolved (404) and shows it to staff", async () => {
    const callId = newCallId();
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId, dialed: "911", accountId: "no-such-account", deviceId: "ghost" },
    });
    expect(reply.status).toBe(404);
    const staff = await service.key("fulfillment");
    const feed = await service.request("GET", "/v1/emergency-calls?status=open", { key: staff });
    const found = feed.body.items.find((c: { callId: string }) => c.callId === callId);
    expect(found).toMatchObject({ resolved: false, accountId: null, status: "notified", alerted: false });
    expect(found.warnings).toEqual(expect.arrayContaining(["unknown-account", "unknown-caller"]));
    const byIdentity = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", identity: "sip:+14155550000@pbx.example" },
    });
    expect(byIdentity.status).toBe(404);
  });

  it("alerts the account of a known account's unknown device all the same", async () => {
    await siteWithPhone(service, "ec-ghost");
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "ec-ghost", deviceId: "not-registered" },
    });
    expect(reply.status).toBe(404);
    await smtp.waitFor(1);
    await expect.poll(() => mailsTo("desk@ec-ghost.example").length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo("desk@ec-ghost.example")[0]!.text).toContain("not-registered");
  });

  it("records a non-emergency number with number null and a warning, and alerts nobody", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-nonemergency");
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "4155550100", accountId: "ec-nonemergency", deviceId },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ number: null, alerted: false, notificationIds: [] });
    expect(reply.body.warnings).toContain("not-an-emergency-number");
  });

  it("accepts the provisioning hook emergency.call with the same body", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-hook");
    const { Webhook } = await import("standardwebhooks");
    const callId = newCallId();
    const payload = JSON.stringify({
      type: "emergency.call",
      data: { callId, dialed: "911", accountId: "ec-hook", deviceId },
    });
    const id = `msg_${callId}`;
    const now = new Date();
    const reply = await service.request("POST", "/v1/hooks/provisioning", {
      key: null,
      raw: payload,
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(service.hookSecret).sign(id, now, payload),
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ type: "emergency.call", accountId: "ec-hook", deviceId, status: "notified" });
    const list = await service.request("GET", "/v1/accounts/ec-hook/emergency-calls");
    expect(list.body.items[0]).toMatchObject({ callId, number: "911" });
  });
});

describe("the on-site alert", () => {
  it("reaches the on-site e-mail and webhook once each, with callback number, location, device and link", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-alert", { hooks });
    const callId = newCallId();
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId, dialed: "911", accountId: "ec-alert", deviceId },
    });
    expect(reply.status).toBe(201);
    const id = reply.body.id as string;
    await expect.poll(() => mailsTo("desk@ec-alert.example").length, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => hooks.received.filter((h) => h.verified && h.payload.data.emergencyCallId === id).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mail = mailsTo("desk@ec-alert.example")[0]!;
    expect(mail.subject).toContain("EMERGENCY CALL: 911");
    expect(mail.text).toContain("+14155552671");
    expect(mail.text).toContain("100 Market St");
    expect(mail.text).toContain("Lobby");
    expect(mail.text).toContain(`/console/#/emergency-calls/ec-alert/${id}`);
    expect(mailsTo("office@ec-alert.example")).toHaveLength(0);
    const hook = hooks.received.find((h) => h.payload.data.emergencyCallId === id)!;
    expect(hook.payload).toMatchObject({
      type: "emergency.call_placed",
      data: { callId, callbackNumber: "+14155552671", number: "911", test: false, location: { version: 1 } },
    });
    await expect
      .poll(async () => {
        const call = await service.request("GET", `/v1/accounts/ec-alert/emergency-calls/${id}`);
        return call.body.timeline.filter((e: { type: string }) => e.type === "alert_sent").length;
      })
      .toBe(2);
    const notices = await service.request("GET", "/v1/accounts/ec-alert/notifications?type=emergency.call_placed");
    expect(notices.body.items).toHaveLength(2);
    expect(notices.body.items.every((n: { status: string }) => n.status === "sent")).toBe(true);
  });

  it("retries a webhook that fails and still delivers it exactly once", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-retry", { hooks });
    hooks.failNext(2);
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "ec-retry", deviceId },
    });
    const id = reply.body.id as string;
    await expect
      .poll(() => hooks.received.filter((h) => h.verified && h.payload.data.emergencyCallId === id).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const notices = await service.request("GET", "/v1/accounts/ec-retry/notifications?type=emergency.call_placed");
    expect(notices.body.items.find((n: { channel: string }) => n.channel === "webhook")).toMatchObject({
      status: "sent",
      attempts: 3,
    });
  });

  it("goes to the account's contacts when it has no on-site contacts", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-fallback", { onSite: false });
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "ec-fallback", deviceId },
    });
    expect(reply.body.warnings).toContain("no-on-site-contacts");
    await expect.poll(() => mailsTo("office@ec-fallback.example").length, { timeout: 10_000 }).toBe(1);
  });

  it.each([
    ["en", "EMERGENCY CALL", "Callback number"],
    ["de", "NOTRUF", "Rückrufnummer"],
    ["fr", "APPEL D’URGENCE", "Numéro de rappel"],
    ["nl", "NOODOPROEP", "Terugbelnummer"],
    ["pt-BR", "CHAMADA DE EMERGÊNCIA", "Número de retorno"],
  ])("is written in the account's language: %s", async (locale, subject, callbackLabel) => {
    const accountId = `ec-lang-${locale.toLowerCase()}`;
    const { deviceId } = await siteWithPhone(service, accountId, { locale });
    await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId, deviceId },
    });
    await expect.poll(() => mailsTo(`desk@${accountId}.example`).length, { timeout: 10_000 }).toBe(1);
    const mail = mailsTo(`desk@${accountId}.example`)[0]!;
    expect(mail.subject).toContain(subject);
    expect(mail.text).toContain(callbackLabel);
    expect(mail.text).toContain("+14155552671");
    expect(mail.headers.get("content-language")).toBe(locale);
  });
});

describe("933 test calls", () => {
  it("are recorded as test calls and alert as a test, with the location they carried", async () => {
    const { deviceId } = await siteWithPhone(service, "ec-test", { hooks });
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "933", accountId: "ec-test", deviceId },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ test: true, number: "933", location: { version: 1 }, escalationDueAt: null });
    await expect.poll(() => mailsTo("desk@ec-test.example").length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo("desk@ec-test.example")[0]!.subject).toContain("TEST CALL");
    await expect
      .poll(() => hooks.received.filter((h) => h.payload.data.emergencyCallId === reply.body.id).length, {
        timeout: 10_000,
      })
      .toBe(1);
    expect(hooks.received.find((h) => h.payload.data.emergencyCallId === reply.body.id)!.payload.type).toBe(
      "emergency.test_call",
    );
    const tests = await service.request("GET", `/v1/accounts/ec-test/emergency-calls?deviceId=${deviceId}&test=true`);
    expect(tests.body.items).toHaveLength(1);
    expect(tests.body.items[0].location.address.city).toBe("San Francisco");
  });
});
