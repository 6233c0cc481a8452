import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWorkerProcess } from "../support/worker-process.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

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

describe("a worker killed mid-job", () => {
  it("delivers the activation e-mail exactly once and enables e911 after another worker takes over", async () => {
    await service.request("PUT", "/v1/accounts/crash-a", { body: accountBody() });
    const base = "/v1/accounts/crash-a/devices/desk";
    await service.request("PUT", base, {
      body: { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" },
    });
    await service.request("PUT", `${base}/location`, { body: { address: US_ADDRESS } });
    const disclosure = await service.request("GET", "/v1/disclosures/US");
    await service.request("POST", "/v1/accounts/crash-a/acknowledgements", {
      body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat" },
    });

    const arrived = smtp.hangNext();
    const first = await startWorkerProcess(service.env);
    await service.request("POST", `${base}/activate`);
    await arrived; // the first worker is now blocked in the middle of the SMTP transaction
    await first.kill();
    expect((await service.request("GET", base)).body.e911.status).toBe("pending");

    const second = await startWorkerProcess(service.env);
    try {
      await expect
        .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 15_000 })
        .toBe("enabled");
      const accepted = smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes("ops@acme.example"));
      expect(accepted).toHaveLength(1);
      const [notice] = (await service.request("GET", "/v1/accounts/crash-a/notifications?type=e911.activated")).body
        .items;
      expect(notice).toMatchObject({ status: "sent", delivered: "smtp" });
    } finally {
      await second.kill();
    }
  });

  it("still marks an overdue port request when the worker was dead at the deadline", async () => {
    await service.request("PUT", "/v1/accounts/crash-p", { body: accountBody({ country: "GB", locale: "en" }) });
    const created = await service.request("POST", "/v1/accounts/crash-p/port-requests", {
      body: { numbers: ["+442079460000"], country: "GB", region: "GB-ENG", donorProvider: "BT" },
    });
    const path = `/v1/accounts/crash-p/port-requests/${created.body.id}`;
    const staff = await service.key("fulfillment");
    await service.request("PUT", `${path}/agreed-date`, { key: staff, body: { date: "2026-11-02" } });
    const worker = await startWorkerProcess(service.env);
    await worker.kill();
    // Scheduled two seconds before its deadline (the end of 3 November): the API's clock is pinned
    // to that moment, so the request is `scheduled` and its deadline job is due two seconds later,
    // while no worker runs. (A request scheduled after its deadline is overdue at once.)
    const realNow = service.ctx.now;
    service.ctx.now = () => new Date("2026-11-03T23:59:58.000Z");
    try {
      for (const name of ["validations_completed", "network_ready", "donor_activation_requested"]) {
        await service.request("PUT", `${path}/requirements/${name}`, {
          key: staff,
          body: { satisfied: true, at: "2026-11-02T09:00:00Z" },
        });
      }
    } finally {
      service.ctx.now = realNow;
    }
    // The deadline (3 Nov 2026) is past and no worker ran at that moment: nothing has marked it yet.
    expect((await service.request("GET", path)).body.status).toBe("scheduled");
    const next = await startWorkerProcess(service.env);
    try {
      await expect
        .poll(async () => (await service.request("GET", path)).body.status, { timeout: 15_000 })
        .toBe("overdue");
      await expect
        .poll(
          async () =>
            (await service.request("GET", "/v1/accounts/crash-p/notifications?type=port.overdue")).body.items.length,
          { timeout: 5_000 },
        )
        .toBe(1);
    } finally {
      await next.kill();
    }
  });
});
