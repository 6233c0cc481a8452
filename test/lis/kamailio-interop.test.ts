import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidfValidator } from "../support/pidf-validator.js";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import {
  interopToolsMissing,
  placeEmergencyCall,
  startKamailio,
  startUas,
  type Proxy,
  type Uas,
} from "../support/kamailio.js";

/**
 * A real SIP proxy asks the service for a caller's location: a sipp UAC dials 911 from a
 * softphone's SIP URI through Kamailio, whose `lost` module sends a HELD locationRequest to
 * POST /held and puts the returned PIDF-LO into the INVITE (Geolocation + multipart body,
 * RFC 6442) before forwarding it to a sipp UAS standing in for the answering point.
 */
const HOME = {
  country: "US",
  region: "US-CA",
  city: "Oakland",
  street: "Broadway",
  houseNumber: "400",
  postalCode: "94607",
};
const OFFICE = {
  country: "US",
  region: "US-NY",
  city: "New York",
  street: "Broadway",
  houseNumber: "1585",
  postalCode: "10036",
  floor: "12",
};
const CALLER = "sip:alice@pbx.example";

let service: TestService;
let proxy: Proxy;
let uas: Uas;
let onSite: WebhookReceiver;

beforeAll(async () => {
  const missing = interopToolsMissing();
  if (missing) throw new Error(missing);
  onSite = await startWebhookReceiver();
  service = await startService({ workers: true });
  const routing = await service.key("routing");
  const account = await service.request("PUT", "/v1/accounts/sip-acct", {
    body: accountBody({
      contacts: { emails: ["ops@acme.example"], onSite: { emails: ["desk@acme.example"], webhookUrl: onSite.url } },
    }),
  });
  onSite.setSecret(account.body.webhookSecret as string);
  await service.request("PUT", "/v1/accounts/sip-acct/devices/alice", {
    body: { type: "softphone", callbackNumber: "+1 415 555 0123", serviceCountry: "US", sipUris: [CALLER] },
  });
  await service.request("PUT", "/v1/accounts/sip-acct/devices/alice/location", { body: { address: HOME } });
  await service.request("PUT", "/v1/accounts/sip-acct/emergency-locations/nyc-12", {
    body: { name: "NYC 12th floor", address: OFFICE },
  });
  await service.request("PUT", "/v1/accounts/sip-acct/network-map/nyc-wifi", {
    body: { locationId: "nyc-12", bssid: "a4:5e:60:01:02:03" },
  });
  uas = await startUas();
  const held = new URL(`${service.url}/held`);
  held.username = "kamailio";
  held.password = routing;
  proxy = await startKamailio({
    heldUrl: held.toString(),
    reportUrl: `${service.url}/v1/emergency-calls`,
    routingKey: routing,
    uasPort: uas.port,
  });
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await uas?.stop();
  await service?.close();
  await onSite?.close();
});

/** The INVITE's PIDF-LO body part is a PIDF-LO document valid against shared/standards/pidf/. */
function validPidfPart(invite: string): void {
  const part = /Content-ID: <caller-location@proxy\.invalid>\r?\n\r?\n([\s\S]*?)\r?\n--boundary-held--/.exec(
    invite,
  )?.[1];
  expect(part).toMatch(/^<presence /);
  const dir = mkdtempSync(join(tmpdir(), "interop-"));
  writeFileSync(join(dir, "pidf.xml"), part!);
  const run = spawnSync(pidfValidator(), [join(dir, "pidf.xml")], { encoding: "utf8" });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

/** The INVITEs the answering point received, in order. */
function receivedInvites(): string[] {
  return uas
    .messages()
    .split(/-{5,}[^\n]*\n/)
    .filter((m) => /received/i.test(m.split("\n")[0] ?? "") || /^INVITE /m.test(m))
    .flatMap((m) => (/^INVITE sip:911@/m.test(m) ? [m.slice(m.search(/^INVITE /m))] : []));
}

async function call(): Promise<string> {
  const before = receivedInvites().length;
  const placed = await placeEmergencyCall(proxy.port, CALLER);
  expect(placed.status, `${placed.output.slice(-2000)}\n--- kamailio ---\n${proxy.log().slice(-3000)}`).toBe(0);
  const invites = receivedInvites();
  expect(invites.length).toBeGreaterThan(before);
  return invites.at(-1)!;
}

describe("Kamailio asks the LIS with HELD and the answering point gets the location", () => {
  it("carries the registered location (method Manual)", async () => {
    const invite = await call();
    expect(invite).toMatch(/^Geolocation: <cid:caller-location@proxy\.invalid>/m);
    expect(invite).toMatch(/^Content-Type: multipart\/mixed;\s*boundary=boundary-held/im);
    expect(invite).toContain("Content-Type: application/pidf+xml");
    expect(invite).toContain("<ca:HNO>400</ca:HNO>");
    expect(invite).toContain("<ca:A3>Oakland</ca:A3>");
    expect(invite).toContain("<gp:method>Manual</gp:method>");
    expect(invite).toContain("m=audio");
    validPidfPart(invite);
  }, 30_000);

  it("after an observation moved the softphone to a mapped site, carries that site (method 802.11)", async () => {
    const moved = await service.request("POST", "/v1/accounts/sip-acct/devices/alice/observations", {
      body: { ip: "192.0.2.44", bssid: "A4-5E-60-01-02-03" },
    });
    expect(moved.body).toMatchObject({ status: "matched", emergencyLocationId: "nyc-12" });
    const invite = await call();
    expect(invite).toContain("<ca:HNO>1585</ca:HNO>");
    expect(invite).toContain("<ca:FLR>12</ca:FLR>");
    expect(invite).toContain("<gp:method>802.11</gp:method>");
    expect(invite).not.toContain("Oakland");
    if (process.env.SHOW_INVITE) console.log(invite);
    validPidfPart(invite);
  }, 30_000);

  it("reports the call, and the customer's on-site staff get the alert (Kari's Law)", async () => {
    const invite = await call();
    const callId = /^Call-ID:\s*(\S+)/im.exec(invite)?.[1];
    expect(callId).toBeDefined();
    const hooks = await onSite.waitFor(1, 10_000);
    await expect
      .poll(() => onSite.received.filter((h) => h.payload.data.callId === callId).length, { timeout: 10_000 })
      .toBe(1);
    const alert = onSite.received.find((h) => h.payload.data.callId === callId)!;
    expect(hooks.length).toBeGreaterThanOrEqual(1);
    expect(alert.verified).toBe(true);
    expect(alert.payload).toMatchObject({
      type: "emergency.call_placed",
      data: { callId, number: "911", test: false, callbackNumber: "+14155550123" },
    });
    const calls = await service.request("GET", "/v1/accounts/sip-acct/emergency-calls");
    const record = calls.body.items.find((c: { callId: string }) => c.callId === callId);
    expect(record).toMatchObject({ identity: CALLER, deviceId: "alice", resolved: true, dialed: "911" });
  }, 30_000);
});
