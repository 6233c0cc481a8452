import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "../support/api-process.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process.js";

// One deployment: the API in this process and in a second process, two worker processes, one Redis.
// The key cache is trusted for a minute here, so only the revocation broadcast can end it sooner.
let service: TestService;
let other: ApiProcess;
let workers: WorkerProcess[] = [];
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  service = await startService({
    workers: false,
    env: { SMTP_URL: smtp.url, API_KEY_CACHE_TTL_MS: "60000", RATE_LIMIT_RPS: "0" },
  });
  [other, ...workers] = await Promise.all([
    startApiProcess(service.env),
    startWorkerProcess(service.env),
    startWorkerProcess(service.env),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([other?.stop(), ...workers.map((w) => w.kill())]);
  await service?.close();
  await smtp?.close();
});

/** A request to the second API process, with the admin key unless another is given. */
async function viaOther(
  method: string,
  path: string,
  body?: unknown,
  key = service.adminKey,
): Promise<{ status: number; body: any; etag: string | null }> {
  const response = await fetch(other.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, etag: response.headers.get("etag") };
}

describe("several API and worker processes on one Redis", () => {
  it("refuses a key in every API process as soon as one of them revokes it", async () => {
    const created = await service.request("POST", "/v1/api-keys", { body: { role: "fulfillment", label: "temp" } });
    const key = created.body.key as string;
    // Both processes now hold the key in their cache.
    expect((await service.request("GET", "/v1/disclosures/US", { key })).status).toBe(200);
    expect((await viaOther("GET", "/v1/disclosures/US", undefined, key)).status).toBe(200);

    expect((await service.request("DELETE", `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    await expect
      .poll(async () => (await viaOther("GET", "/v1/disclosures/US", undefined, key)).status, { timeout: 5_000 })
      .toBe(401);
  });

  it("shows each process's writes to the other at once, versions and all", async () => {
    await service.request("PUT", "/v1/accounts/scale-r", { body: accountBody() });
    const device = "/v1/accounts/scale-r/devices/desk";
    expect(
      (await viaOther("PUT", device, { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" }))
        .status,
    ).toBe(201);
    const first = await service.request("PUT", `${device}/location`, { body: { address: US_ADDRESS } });
    expect(first.status).toBe(200);
    const read = await viaOther("GET", device);
    expect(read.body.location.address).toEqual(US_ADDRESS);
    // A write with the version one process answered succeeds on the other, a stale one is 412.
    const moved = await viaOther("PUT", `${device}/location`, {
      address: { ...US_ADDRESS, floor: "6" },
      reason: "moved",
    });
    expect(moved.status).toBe(200);
    const stale = await service.request("PUT", `${device}/location`, {
      body: { address: { ...US_ADDRESS, floor: "7" } },
      headers: { "if-match": first.headers.get("etag")! },
    });
    expect(stale.status).toBe(412);
  });

  it("delivers each activation e-mail exactly once with two workers taking jobs", async () => {
    await service.request("PUT", "/v1/accounts/scale-w", {
      body: accountBody({ contacts: { emails: ["scale@acme.example"] } }),
    });
    const disclosure = await service.request("GET", "/v1/disclosures/US");
    await service.request("POST", "/v1/accounts/scale-w/acknowledgements", {
      body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat" },
    });
    const devices = Array.from({ length: 12 }, (_, i) => `/v1/accounts/scale-w/devices/d${i}`);
    // Half the devices are set up and activated through each API process.
    await Promise.all(
      devices.map(async (path, i) => {
        const put = (p: string, body?: unknown) =>
          i % 2 ? viaOther("PUT", p, body) : service.request("PUT", p, { body });
        await put(path, { type: "desk_phone", callbackNumber: `+1415555${String(2600 + i)}`, serviceCountry: "US" });
        await put(`${path}/location`, { address: { ...US_ADDRESS, floor: String(i + 1) } });
        const activated =
          i % 2 ? await viaOther("POST", `${path}/activate`) : await service.request("POST", `${path}/activate`);
        expect(activated.status).toBe(200);
      }),
    );
    for (const path of devices) {
      await expect
        .poll(async () => (await service.request("GET", path)).body.e911.status, { timeout: 20_000 })
        .toBe("enabled");
    }
    const mails = smtp.messages.filter((m) => JSON.stringify(m.to).includes("scale@acme.example"));
    expect(mails).toHaveLength(devices.length);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(devices.length);
  });
});
