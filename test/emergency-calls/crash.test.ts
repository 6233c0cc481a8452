import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWorkerProcess } from "../support/worker-process.js";
import { newCallId, siteWithPhone } from "./support.js";

// The API runs in this process without workers; workers run in child processes we SIGKILL.
let service: TestService;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  service = await startService({
    workers: false,
    env: { SMTP_URL: smtp.url, NOTIFICATION_BACKOFF_MS: "50", WORKER_LOCK_DURATION_MS: "2000" },
  });
});
afterAll(async () => {
  await service.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));

describe("a worker killed mid-alert", () => {
  it("delivers the on-site e-mail exactly once after another worker takes over", async () => {
    const { deviceId } = await siteWithPhone(service, "crash-alert");
    const arrived = smtp.hangNext();
    const first = await startWorkerProcess(service.env);
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "crash-alert", deviceId },
    });
    expect(reply.status).toBe(201);
    await arrived; // the first worker is blocked in the middle of the SMTP transaction
    await first.kill();
    const second = await startWorkerProcess(service.env);
    try {
      await expect.poll(() => mailsTo("desk@crash-alert.example").length, { timeout: 20_000 }).toBe(1);
      await expect
        .poll(
          async () =>
            (await service.request("GET", "/v1/accounts/crash-alert/notifications?type=emergency.call_placed")).body
              .items[0].status,
          { timeout: 10_000 },
        )
        .toBe("sent");
      expect(mailsTo("desk@crash-alert.example")).toHaveLength(1);
    } finally {
      await second.kill();
    }
  });

  it("escalates a call whose escalation came due while no worker was running", async () => {
    const { deviceId } = await siteWithPhone(service, "crash-escalate", {
      escalation: { afterSeconds: 3, emails: ["manager@crash-escalate.example"] },
    });
    const worker = await startWorkerProcess(service.env);
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "crash-escalate", deviceId },
    });
    await expect.poll(() => mailsTo("desk@crash-escalate.example").length, { timeout: 20_000 }).toBe(1);
    await worker.kill();
    // Due while nothing runs: the delayed job is in Redis, not in the dead process.
    const path = `/v1/accounts/crash-escalate/emergency-calls/${reply.body.id}`;
    expect((await service.request("GET", path)).body.status).toBe("notified");
    const next = await startWorkerProcess(service.env);
    try {
      await expect.poll(() => mailsTo("manager@crash-escalate.example").length, { timeout: 20_000 }).toBe(1);
      expect((await service.request("GET", path)).body.status).toBe("escalated");
    } finally {
      await next.kill();
    }
  });
});
