import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process.js";
import { newCallId, siteWithPhone } from "./support.js";

// WORKER_QUEUES gives emergency alerts worker processes of their own: such a process delivers the
// on-site alert and leaves every other queue (here: the customer notices) to the other workers.
let service: TestService;
let smtp: SmtpReceiver;
let alertsOnly: WorkerProcess | undefined;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  service = await startService({ workers: false, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await alertsOnly?.kill();
  await service.close();
  await smtp.close();
});

describe("a worker process for emergency alerts only (WORKER_QUEUES=emergency-alerts)", () => {
  it("delivers the on-site alert and leaves a notice queued before it to the other workers", async () => {
    const { deviceId } = await siteWithPhone(service, "alerts-only");
    // A job on the notifications queue, waiting before the call is reported: a worker for
    // emergency alerts only must leave it alone.
    await service.ctx.queues.notifications.add("deliver", {
      accountId: "alerts-only",
      notificationId: "waiting-notice",
    });
    const waitingBefore = await service.ctx.queues.notifications.getWaitingCount();
    expect(waitingBefore).toBeGreaterThan(0);

    alertsOnly = await startWorkerProcess({ ...service.env, WORKER_QUEUES: "emergency-alerts" });
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "alerts-only", deviceId },
    });
    expect(reply.status).toBe(201);
    await expect
      .poll(() => smtp.messages.filter((m) => JSON.stringify(m.to).includes("desk@alerts-only.example")).length, {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await service.ctx.queues.notifications.getWaitingCount()).toBe(waitingBefore);
  }, 30_000);
});
