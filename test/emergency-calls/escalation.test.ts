import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateEmergencyCall } from "../../src/emergency-calls/escalation.js";
import { jobIds } from "../../src/platform/queues.js";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { newCallId, siteWithPhone } from "./support.js";

let service: TestService;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  service = await startService({ workers: true, env: { SMTP_URL: smtp.url, NOTIFICATION_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await service.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));

async function placeCall(accountId: string, afterSeconds: number) {
  const { deviceId } = await siteWithPhone(service, accountId, {
    escalation: { afterSeconds, emails: [`manager@${accountId}.example`] },
  });
  const reply = await service.request("POST", "/v1/emergency-calls", {
    body: { callId: newCallId(), dialed: "911", accountId, deviceId },
  });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; escalationDueAt: string };
}

describe("escalation", () => {
  it("e-mails the escalation contacts when nobody acknowledged in time, once", async () => {
    const call = await placeCall("esc-unacked", 1);
    await expect.poll(() => mailsTo("manager@esc-unacked.example").length, { timeout: 15_000 }).toBe(1);
    const mail = mailsTo("manager@esc-unacked.example")[0]!;
    expect(mail.subject).toContain("NOT ACKNOWLEDGED");
    expect(mail.text).toContain("1 second");
    const read = await service.request("GET", `/v1/accounts/esc-unacked/emergency-calls/${call.id}`);
    expect(read.body.status).toBe("escalated");
    expect(read.body.timeline.map((e: { type: string }) => e.type)).toContain("escalated");
    // A late or repeated job changes nothing.
    expect(await escalateEmergencyCall(service.ctx, { owner: "esc-unacked", emergencyCallId: call.id })).toBe(
      "already-escalated",
    );
    const notices = await service.request(
      "GET",
      "/v1/accounts/esc-unacked/notifications?type=emergency.call_escalated",
    );
    expect(notices.body.items).toHaveLength(1);
    // Acknowledging after the escalation still records who saw it.
    const ack = await service.request("POST", `/v1/accounts/esc-unacked/emergency-calls/${call.id}/acknowledge`, {
      body: { by: "Night guard" },
    });
    expect(ack.body).toMatchObject({ status: "acknowledged", acknowledgedBy: "Night guard" });
  });

  it("does not escalate an acknowledged call: the job is removed and a late one does nothing", async () => {
    const call = await placeCall("esc-acked", 600);
    const job = { owner: "esc-acked", emergencyCallId: call.id };
    // Queued just after the answer (the intake does not wait for it).
    await expect
      .poll(async () => (await service.ctx.queues.emergencyAlerts.getJob(jobIds.emergencyEscalation(job)))?.id)
      .toBe(jobIds.emergencyEscalation(job));
    const customer = await service.key("customer", "esc-acked");
    const path = `/v1/accounts/esc-acked/emergency-calls/${call.id}/acknowledge`;
    const first = await service.request("POST", path, { key: customer, body: { by: "Front desk (Sam)" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "acknowledged", acknowledgedBy: "Front desk (Sam)" });
    const second = await service.request("POST", path, { key: customer, body: { by: "Someone else" } });
    expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect(second.body.acknowledgedBy).toBe("Front desk (Sam)");
    expect(second.body.timeline.filter((e: { type: string }) => e.type === "acknowledged")).toHaveLength(1);

    expect(await service.ctx.queues.emergencyAlerts.getJob(jobIds.emergencyEscalation(job))).toBeUndefined();
    // Even at the due time (the clock moved past it), a job that fired anyway finds the acknowledgement.
    const realNow = service.ctx.now;
    service.ctx.now = () => new Date(Date.parse(call.escalationDueAt) + 1_000);
    try {
      expect(await escalateEmergencyCall(service.ctx, job)).toBe("acknowledged");
    } finally {
      service.ctx.now = realNow;
    }
    expect(mailsTo("manager@esc-acked.example")).toHaveLength(0);

    const staff = await service.key("fulfillment");
    const feed = await service.request("GET", "/v1/emergency-calls?status=open&limit=200", { key: staff });
    expect(feed.body.items.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });

  it("is not due before its time, whatever wakes it", async () => {
    const call = await placeCall("esc-early", 600);
    const outcome = await escalateEmergencyCall(service.ctx, { owner: "esc-early", emergencyCallId: call.id });
    expect(outcome).toEqual({ notBefore: Date.parse(call.escalationDueAt) });
  });

  it("hides another account's call from a customer key (404)", async () => {
    const call = await placeCall("esc-mine", 600);
    await siteWithPhone(service, "esc-theirs");
    const theirs = await service.key("customer", "esc-theirs");
    const foreign = await service.request("POST", `/v1/accounts/esc-mine/emergency-calls/${call.id}/acknowledge`, {
      key: theirs,
      body: { by: "Intruder" },
    });
    expect(foreign.status).toBe(404);
    const wrongAccount = await service.request(
      "POST",
      `/v1/accounts/esc-theirs/emergency-calls/${call.id}/acknowledge`,
      {
        key: theirs,
        body: { by: "Intruder" },
      },
    );
    expect(wrongAccount.status).toBe(404);
    const read = await service.request("GET", `/v1/accounts/esc-mine/emergency-calls/${call.id}`);
    expect(read.body.status).toBe("notified");
  });
});
