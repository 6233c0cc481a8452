import { lookup } from "node:dns/promises";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundDispatcher, outboundFetch, refusalOf, type Resolve } from "../../src/platform/outbound-http.js";
import { startService, type TestService } from "../support/service.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

// Before the fix, webhooks went out with the global fetch: a name resolving to 127.0.0.1 was
// accepted in production and the signed e911 webhook was delivered to loopback.

let hooks: WebhookReceiver;
let port: string;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  port = new URL(hooks.url).port;
});
afterAll(async () => {
  await hooks.close();
});

/** A resolver that answers `receiver.test` with loopback and anything else as DNS would. */
const testResolver =
  (address: string): Resolve =>
  (_host, _options, callback) =>
    callback(null, [{ address, family: address.includes(":") ? 6 : 4 }]);

async function post(url: string, dispatcher: ReturnType<typeof createOutboundDispatcher>) {
  try {
    const response = await outboundFetch(url, { dispatcher, method: "POST", body: "{}", redirect: "manual" });
    await response.body?.cancel();
    return { status: response.status, refused: null };
  } catch (error) {
    return { status: 0, refused: refusalOf(error) };
  }
}

describe("the outbound dispatcher checks the address it connects to", () => {
  it("refuses a name resolving to loopback in production; nothing reaches the listener", async () => {
    const before = hooks.received.length;
    const dispatcher = createOutboundDispatcher({ allowPrivate: false, resolve: testResolver("127.0.0.1") });
    const result = await post(`http://receiver.test:${port}/hooks`, dispatcher);
    expect(result.refused).toMatch(/loopback/);
    expect(hooks.received.length).toBe(before);
  });

  it("refuses metadata in every spelling even when private targets are allowed", async () => {
    const dispatcher = createOutboundDispatcher({ allowPrivate: true, resolve: testResolver("169.254.169.254") });
    for (const url of [
      "http://metadata.google.internal./x",
      "http://METADATA.google.internal/x",
      "http://169.254.169.254/latest",
      "http://[::ffff:169.254.169.254]/latest",
      "http://[::ffff:a9fe:a9fe]/latest",
      "http://[fd00:ec2::254]/latest",
      "http://2852039166/latest",
      "http://169.254.169.254.nip.io.test/latest",
    ]) {
      const result = await post(url, dispatcher);
      expect(result.refused, url).toMatch(/metadata|link-local/);
    }
  });

  it("refuses benchmarking, multicast, broadcast and unspecified addresses in every mode", async () => {
    for (const address of ["198.18.0.1", "198.19.255.1", "224.0.0.1", "255.255.255.255", "0.0.0.0", "::", "ff02::1"]) {
      const dispatcher = createOutboundDispatcher({ allowPrivate: true, resolve: testResolver(address) });
      const result = await post(`http://somewhere.test:${port}/x`, dispatcher);
      expect(result.refused, address).not.toBeNull();
    }
  });

  it("delivers to a loopback receiver when private targets are allowed (development)", async () => {
    const before = hooks.received.length;
    const dispatcher = createOutboundDispatcher({ allowPrivate: true, resolve: testResolver("127.0.0.1") });
    const result = await post(`http://receiver.test:${port}/hooks`, dispatcher);
    expect(result.refused).toBeNull();
    expect(result.status).toBe(401); // the receiver has no secret: it answers, unverified
    expect(hooks.received.length).toBe(before + 1);
  });
});

describe("webhook delivery in production mode", () => {
  let service: TestService;
  const host = hostname();
  beforeAll(async () => {
    service = await startService({ workers: true, env: { NODE_ENV: "production", NOTIFICATION_BACKOFF_MS: "100" } });
  });
  afterAll(async () => {
    await service.close();
  });

  it("refuses a webhook whose host name resolves to loopback, records it as failed with the reason", async () => {
    // The machine's own name resolves to loopback through /etc/hosts: the URL text says nothing.
    expect((await lookup(host)).address).toMatch(/^127\.|^::1$/);
    const before = hooks.received.length;
    const accountId = "ssrf-hostname";
    const account = await service.request("PUT", `/v1/accounts/${accountId}`, {
      body: accountBody({
        contacts: { emails: ["ops@acme.example"], webhookUrl: `http://${host}:${port}/hooks` },
      }),
    });
    expect(account.status, account.text).toBe(201);
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
    const webhook = async () =>
      (await service.request("GET", `/v1/accounts/${accountId}/notifications?type=e911.activated`)).body.items.find(
        (n: { channel: string }) => n.channel === "webhook",
      );
    await expect.poll(async () => (await webhook())?.status, { timeout: 15_000 }).toBe("failed");
    const failed = await webhook();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/webhook target refused: .*loopback/);
    expect(hooks.received.length).toBe(before);
  });

  it("refuses metadata and benchmark targets at write time, with or without a trailing dot", async () => {
    for (const url of [
      "http://metadata.google.internal./x",
      "http://[::ffff:169.254.169.254]/x",
      "http://198.18.0.1/x",
      "http://224.0.0.1/x",
      "http://255.255.255.255/x",
      "http://localhost./x",
    ]) {
      const reply = await service.request("PUT", "/v1/accounts/ssrf-write", {
        body: accountBody({ contacts: { emails: ["a@b.example"], webhookUrl: url } }),
      });
      expect(reply.status, url).toBe(400);
      expect(reply.body.errors[0].path).toBe("contacts.webhookUrl");
    }
  });
});
