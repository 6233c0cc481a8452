import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidfValidator } from "../support/pidf-validator.js";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

let service: TestService;
let routing: string;
beforeAll(async () => {
  service = await startService();
  routing = await service.key("routing");
  await service.request("PUT", "/v1/accounts/held-a", { body: accountBody() });
  await service.request("PUT", "/v1/accounts/held-a/emergency-locations/hq-3", {
    body: { name: "HQ floor 3", address: { ...US_ADDRESS, floor: "3", room: "301" } },
  });
  await service.request("PUT", "/v1/accounts/held-a/network-map/hq3-net", {
    body: { locationId: "hq-3", subnet: "10.30.0.0/16" },
  });
  await service.request("PUT", "/v1/accounts/held-a/devices/soft", {
    body: {
      type: "softphone",
      callbackNumber: "+1 415 555 0101",
      serviceCountry: "US",
      sipUris: ["sip:alice@pbx.example"],
    },
  });
  await service.request("PUT", "/v1/accounts/held-a/devices/soft/location", {
    body: {
      address: {
        country: "US",
        region: "US-CA",
        city: "Oakland",
        street: "Broadway",
        houseNumber: "400",
        postalCode: "94607",
      },
    },
  });
  // Two devices sharing one callback number: tel: is ambiguous for them.
  for (const id of ["twin-1", "twin-2"])
    await service.request("PUT", `/v1/accounts/held-a/devices/${id}`, {
      body: { type: "desk_phone", callbackNumber: "+1 415 555 0199", serviceCountry: "US" },
    });
});
afterAll(async () => {
  await service.close();
});

const request = (device: string, types = "civic", attrs = 'responseTime="emergencyRouting"', exact = false) =>
  `<?xml version="1.0"?>
<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" ${attrs}>
  <locationType exact="${exact}">${types}</locationType>
  <device xmlns="urn:ietf:params:xml:ns:geopriv:held:id">${device}</device>
</locationRequest>`;

async function held(body: string | Buffer, options: { auth?: string; type?: string } = {}) {
  const response = await fetch(`${service.url}/held`, {
    method: "POST",
    headers: {
      "content-type": options.type ?? "application/held+xml; charset=utf-8",
      authorization: options.auth ?? `Bearer ${routing}`,
    },
    body,
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

const errorCode = (text: string) => /<error[^>]*code="([^"]+)"/.exec(text)?.[1];

function validPidf(xml: string): void {
  const dir = mkdtempSync(join(tmpdir(), "held-"));
  const file = join(dir, "pidf.xml");
  const presence = /<presence[\s\S]*<\/presence>/.exec(xml)?.[0];
  expect(presence).toBeDefined();
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n${presence!}`);
  const run = spawnSync(pidfValidator(), [file], { encoding: "utf8" });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

describe("HELD", () => {
  it("answers by SIP URI with the registered location as valid PIDF-LO, Basic or Bearer", async () => {
    const basic = `Basic ${Buffer.from(`kamailio:${routing}`).toString("base64")}`;
    const reply = await held(request("<uri>sip:alice@PBX.example;transport=udp</uri>"), { auth: basic });
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^application\/held\+xml/);
    expect(reply.text).toContain("<locationResponse");
    expect(reply.text).toContain("<ca:HNO>400</ca:HNO>");
    expect(reply.text).toContain("<gp:method>Manual</gp:method>");
    validPidf(reply.text);
  });

  it("follows an observation: by IP, mapped site, method Wiremap; a locationURI to dereference", async () => {
    await service.request("POST", "/v1/accounts/held-a/devices/soft/observations", {
      body: { ip: "10.30.1.2" },
      key: routing,
    });
    const reply = await held(request('<ip v="4">10.30.1.2</ip>', "civic locationURI"));
    expect(reply.text).toContain("<ca:ROOM>301</ca:ROOM>");
    expect(reply.text).toContain("<gp:method>Wiremap</gp:method>");
    validPidf(reply.text);
    const uri = /<locationURI>([^<]+)<\/locationURI>/.exec(reply.text)?.[1];
    expect(uri).toMatch(/\/held\/locations\/[A-Za-z0-9_-]{32}$/);
    expect(reply.text).toMatch(/<locationUriSet expires="\d{4}-/);
    const deref = await fetch(uri!, { headers: { authorization: `Bearer ${routing}` } });
    expect(deref.status).toBe(200);
    expect(await deref.text()).toContain("<ca:ROOM>301</ca:ROOM>");
    const customer = await service.key("customer", "held-a");
    expect((await fetch(uri!, { headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    expect(
      (
        await fetch(`${service.url}/held/locations/${"x".repeat(32)}`, {
          headers: { authorization: `Bearer ${routing}` },
        })
      ).status,
    ).toBe(404);
  });

  it("never guesses: unknown and ambiguous identities are locationUnknown", async () => {
    expect(errorCode((await held(request("<uri>sip:nobody@pbx.example</uri>"))).text)).toBe("locationUnknown");
    expect(errorCode((await held(request("<uri>tel:+14155550199</uri>"))).text)).toBe("locationUnknown");
    expect(errorCode((await held(request('<ip v="4">192.0.2.99</ip>'))).text)).toBe("locationUnknown");
    // twin-1 has no location at all, and tel: names one device only when exactly one holds it.
    const tel = await held(request("<uri>tel:+1-415-555-0101</uri>"));
    expect(tel.text).toContain("<ca:ROOM>301</ca:ROOM>");
  });

  it("refuses bad requests with HELD errors in a 200, never a 5xx", async () => {
    const cases: [string | Buffer, string, string?][] = [
      ["<locationRequest", "xmlError"],
      [
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held">&x;</locationRequest>',
        "xmlError",
      ],
      [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held">&lol2;</locationRequest>',
        "xmlError",
      ],
      ['<locationRequest xmlns="urn:example:other"/>', "xmlError"],
      ['<locationResponse xmlns="urn:ietf:params:xml:ns:geopriv:held"/>', "unsupportedMessage"],
      [request("<uri>sip:alice@pbx.example</uri>", "civic", 'responseTime="soon"'), "requestError"],
      [request("<uri>sip:alice@pbx.example</uri>", "pretty"), "requestError"],
      [request("<mac>00:11:22:33:44:55</mac>"), "badIdentifier"],
      [request('<ip v="6">fe80::1%eth0</ip>'), "badIdentifier"],
      [request("<uri>http://example.com/</uri>"), "badIdentifier"],
      [request("<uri>sip:alice@pbx.example</uri>", "geodetic", undefined, true), "cannotProvideLiType"],
      [request(""), "locationUnknown"],
      [Buffer.alloc(1024 * 1024, "a"), "requestError"],
      [request("<uri>sip:alice@pbx.example</uri>"), "requestError", "application/json"],
    ];
    for (const [body, code, type] of cases) {
      const reply = await held(body, type ? { type } : {});
      expect(reply.status, String(body).slice(0, 80)).toBe(200);
      expect(errorCode(reply.text), String(body).slice(0, 120)).toBe(code);
    }
  });

  it("resolves an emergency-call report by SIP identity the same way (routing key)", async () => {
    const reply = await service.request("POST", "/v1/emergency-calls", {
      key: routing,
      body: { callId: `lis-${Date.now()}`, dialed: "911", identity: "sip:alice@pbx.example" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ accountId: "held-a", deviceId: "soft" });
  });

  it("wants a routing or admin key", async () => {
    expect((await held(request("<uri>sip:alice@pbx.example</uri>"), { auth: "" })).status).toBe(401);
    const customer = await service.key("customer", "held-a");
    expect((await held(request("<uri>sip:alice@pbx.example</uri>"), { auth: `Bearer ${customer}` })).status).toBe(403);
    const admin = await held(request("<uri>sip:alice@pbx.example</uri>"), { auth: `Bearer ${service.adminKey}` });
    expect(admin.text).toContain("<locationResponse");
  });
});
