import { pidfValidator } from "../support/pidf-validator.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { DE_ADDRESS, US_ADDRESS, accountBody, accountWithDevice } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

describe("emergency numbers", () => {
  it("lists every covered country with sourced numbers", async () => {
    const all = await service.request("GET", "/v1/emergency-numbers");
    expect(all.status).toBe(200);
    const countries = all.body.countries.map((c: { country: string }) => c.country);
    expect(countries).toEqual(
      expect.arrayContaining(["US", "CA", "GB", "IE", "DE", "AU", "BR", "FR", "NL", "BE", "PL"]),
    );
    expect(countries).toHaveLength(32);
    const br = await service.request("GET", "/v1/emergency-numbers/BR");
    const supplement = br.body.numbers
      .filter((n: { sources: string[] }) => n.sources.includes("regional-supplement"))
      .map((n: { number: string }) => n.number);
    expect(supplement.sort()).toEqual(["190", "192", "193", "197"]);
    const gb = await service.request("GET", "/v1/emergency-numbers/GB");
    expect(gb.body.numbers.map((n: { number: string }) => n.number)).toEqual(expect.arrayContaining(["999", "112"]));
    expect((await service.request("GET", "/v1/emergency-numbers/UK")).status).toBe(400);
  });

  it("shows retired numbers and network aliases distinctly, with the number they connect as", async () => {
    const ee = await service.request("GET", "/v1/emergency-numbers/EE");
    expect(ee.status).toBe(200);
    expect(ee.body.numbers[0]).toMatchObject({ number: "112" });
    expect(ee.body.numbers[0].retired).toBeUndefined();
    expect(ee.body.numbers).toContainEqual(
      expect.objectContaining({ number: "110", retired: true, connectsAs: "112", retiredOn: "2020-03-01" }),
    );
    const lv = await service.request("GET", "/v1/emergency-numbers/LV");
    expect(lv.body.numbers).toContainEqual(
      expect.objectContaining({ number: "02", retired: true, connectsAs: "110", retiredOn: null }),
    );
    const us = await service.request("GET", "/v1/emergency-numbers/US");
    const alias = us.body.numbers.find((n: { number: string }) => n.number === "112");
    expect(alias).toMatchObject({ connectsAs: "911" });
    expect(alias.retired).toBeUndefined();
    const dk = await service.request("GET", "/v1/emergency-numbers/DK");
    expect(dk.body.numbers.map((n: { number: string }) => n.number)).toEqual(["112"]);
  });

  it.each([
    ["EE", "110", "112"],
    ["LT", "0 3", "112"],
    ["HR", "94", "194"],
    ["SE", "90 000", "112"],
  ])("classifies the retired number %s %s as emergency, connected as %s", async (country, dialed, number) => {
    const reply = await service.request("POST", "/v1/emergency/classify", { body: { country, dialed } });
    expect(reply.body).toEqual({ country, dialed, emergency: true, number });
  });

  it.each([
    ["US", "911", true, "911"],
    ["US", "9-1-1#", true, "911"],
    ["US", "9111", false, null],
    ["GB", "999", true, "999"],
    ["DE", "1 1 0", true, "110"],
    ["AU", "000", true, "000"],
    ["BR", "197", true, "197"],
    ["DE", "11", false, null],
  ])("classifies %s %s", async (country, dialed, emergency, number) => {
    const reply = await service.request("POST", "/v1/emergency/classify", { body: { country, dialed } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ country, dialed, emergency, number });
  });

  it("refuses malformed classify input with the field named", async () => {
    const reply = await service.request("POST", "/v1/emergency/classify", {
      body: { country: "de", dialed: "x".repeat(100) },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["country", "dialed"]);
    for (const bad of ["", "91a", "1".repeat(33)]) {
      const refused = await service.request("POST", "/v1/emergency/classify", { body: { country: "US", dialed: bad } });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.errors[0].path).toBe("dialed");
    }
    const unknown = await service.request("POST", "/v1/emergency/classify", { body: { country: "ZZ", dialed: "112" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("country");
  });
});

describe("dial check", () => {
  it("never refuses an emergency number, even without a location; warns instead", async () => {
    const ids = await accountWithDevice(service, { accountId: "dial-a" });
    const reply = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "911" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      emergency: true,
      number: "911",
      blocked: false,
      callbackNumber: "+14155550100",
      location: null,
    });
    expect(reply.body.warnings).toEqual(expect.arrayContaining(["location-not-registered", "e911-not-enabled"]));
  });

  it("honours the account's outside-line prefix (Kari's Law: with and without it)", async () => {
    await service.request("PUT", "/v1/accounts/dial-pbx", {
      body: accountBody({ dialing: { outsideLinePrefixes: ["9"] } }),
    });
    await service.request("PUT", "/v1/accounts/dial-pbx/devices/desk", {
      body: { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" },
    });
    await service.request("PUT", "/v1/accounts/dial-pbx/devices/desk/location", { body: { address: US_ADDRESS } });
    for (const dialed of ["911", "9911", "9,911", "9 911"]) {
      const reply = await service.request("POST", "/v1/accounts/dial-pbx/devices/desk/dial-check", {
        body: { dialed },
      });
      expect(reply.body, dialed).toMatchObject({ emergency: true, number: "911" });
      expect(reply.body.location.displayLine).toBeTruthy();
    }
    const ordinary = await service.request("POST", "/v1/accounts/dial-pbx/devices/desk/dial-check", {
      body: { dialed: "94155552671" },
    });
    expect(ordinary.body).toMatchObject({ emergency: false, number: null });
  });

  it("warns outside the service location and still recognises the local and the home number", async () => {
    const ids = await accountWithDevice(service, { accountId: "dial-roam" });
    const local = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "112", currentCountry: "DE" },
    });
    expect(local.body).toMatchObject({ emergency: true, number: "112", country: "DE" });
    expect(local.body.warnings).toContain("outside-service-location");
    const nowhere = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "112", currentCountry: "XX" },
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors[0].path).toBe("currentCountry");
    const abroad = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "911", currentCountry: "CH" },
    });
    expect(abroad.body).toMatchObject({ emergency: true, number: "911", country: "US" });
    const home = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "911", currentCountry: "DE" },
    });
    expect(home.body).toMatchObject({ emergency: true, number: "911", country: "US" });
  });

  it("is 404 for another account's device", async () => {
    const ids = await accountWithDevice(service, { accountId: "dial-other" });
    const customer = await service.key("customer", "dial-a");
    const reply = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      key: customer,
      body: { dialed: "911" },
    });
    expect(reply.status).toBe(404);
  });
});

describe("German call blocking", () => {
  it("blocks ordinary numbers in a range, records who and when, and never blocks an emergency number", async () => {
    const ids = await accountWithDevice(service, { accountId: "block-de", country: "DE" });
    const customer = await service.key("customer", ids.accountId);
    const added = await service.request("POST", `/v1/accounts/${ids.accountId}/blocked-ranges`, {
      key: customer,
      body: { prefix: "0900", note: "premium-rate" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      prefix: "0900",
      note: "premium-rate",
      createdBy: expect.stringContaining("test customer"),
      createdAt: expect.any(String),
    });
    const premium = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "0900 123456" },
    });
    expect(premium.body).toMatchObject({ emergency: false, blocked: true, blockedBy: added.body.id });
    const ordinary = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "089 1234567" },
    });
    expect(ordinary.body.blocked).toBe(false);

    for (const prefix of ["1", "11", "112", "110"]) {
      const refused = await service.request("POST", `/v1/accounts/${ids.accountId}/blocked-ranges`, {
        body: { prefix },
      });
      expect(refused.status, prefix).toBe(400);
      expect(refused.body.type).toMatch(/blocks-emergency-number$/);
      expect(refused.body.errors[0]).toMatchObject({
        path: "prefix",
        message: expect.stringContaining(prefix.length === 3 ? prefix : "112"),
      });
    }
    const emergency = await service.request(
      "POST",
      `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`,
      { body: { dialed: "112" } },
    );
    expect(emergency.body).toMatchObject({ emergency: true, blocked: false });

    const list = await service.request("GET", `/v1/accounts/${ids.accountId}/blocked-ranges`);
    expect(list.body.items.map((r: { prefix: string }) => r.prefix)).toEqual(["0900"]);
    expect(list.body.version).toBe(1);
    expect(list.headers.get("etag")).toBe('"1"');
    const stale = await service.request("DELETE", `/v1/accounts/${ids.accountId}/blocked-ranges/${added.body.id}`, {
      headers: { "if-match": '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(
      (
        await service.request("DELETE", `/v1/accounts/${ids.accountId}/blocked-ranges/${added.body.id}`, {
          headers: { "if-match": '"1"' },
        })
      ).status,
    ).toBe(204);
    const log = await service.ctx.redis.lrange(service.ctx.keys.blockedRangeLog(ids.accountId), 0, -1);
    expect(log.map((e) => JSON.parse(e).event)).toEqual(["added", "removed"]);
    const after = await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
      body: { dialed: "0900 123456" },
    });
    expect(after.body.blocked).toBe(false);
  });
});

describe("call blocking in each country's dialling plan", () => {
  const dial = async (ids: { accountId: string; deviceId: string }, dialed: string) =>
    (
      await service.request("POST", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`, {
        body: { dialed },
      })
    ).body;

  it("lets a German-only account block 00 and 118, and catches 0900 dialled with +49 or 0049", async () => {
    const ids = await accountWithDevice(service, { accountId: "block-de-only", country: "DE" });
    const blocked: Record<string, string> = {};
    for (const prefix of ["00", "118", "115", "116", "19", "0900"]) {
      const added = await service.request("POST", `/v1/accounts/${ids.accountId}/blocked-ranges`, { body: { prefix } });
      expect(added.status, prefix).toBe(201);
      blocked[prefix] = added.body.id;
    }
    for (const dialed of ["0900 123456", "+49 900 123456", "0049 900 123456", "+49900123456", "0049900123456"]) {
      expect(await dial(ids, dialed), dialed).toMatchObject({
        emergency: false,
        blocked: true,
        blockedBy: blocked["0900"],
      });
    }
    expect(await dial(ids, "0044 20 7946 0000")).toMatchObject({ blocked: true, blockedBy: blocked["00"] });
    expect(await dial(ids, "11833")).toMatchObject({ blocked: true, blockedBy: blocked["118"] });
    for (const dialed of ["089 1234567", "+49 89 1234567", "0049 89 1234567"]) {
      expect(await dial(ids, dialed), dialed).toMatchObject({ blocked: false });
    }
    for (const dialed of ["110", "112", "1 1 2"]) {
      expect(await dial(ids, dialed), dialed).toMatchObject({ emergency: true, blocked: false });
    }
  });

  it("refuses a range that covers an emergency number of a country where the account has devices", async () => {
    const ids = await accountWithDevice(service, { accountId: "block-de-au", country: "DE" });
    await service.request("PUT", `/v1/accounts/${ids.accountId}/devices/sydney`, {
      body: { type: "softphone", callbackNumber: "+61 2 9374 4000", serviceCountry: "AU" },
    });
    const refused = await service.request("POST", `/v1/accounts/${ids.accountId}/blocked-ranges`, {
      body: { prefix: "00" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.type).toMatch(/blocks-emergency-number$/);
    expect(refused.body.errors[0]).toMatchObject({ path: "prefix", message: expect.stringContaining("000 (AU)") });
    expect(
      (await service.request("POST", `/v1/accounts/${ids.accountId}/blocked-ranges`, { body: { prefix: "118" } }))
        .status,
    ).toBe(201);
  });

  it("reads the account's ranges in its US and GB devices' own dialling plans", async () => {
    const de = await accountWithDevice(service, { accountId: "block-multi", country: "DE" });
    const us = { accountId: de.accountId, deviceId: "nyc" };
    const gb = { accountId: de.accountId, deviceId: "london" };
    await service.request("PUT", `/v1/accounts/${de.accountId}/devices/nyc`, {
      body: { type: "desk_phone", callbackNumber: "+1 212 555 0123", serviceCountry: "US" },
    });
    await service.request("PUT", `/v1/accounts/${de.accountId}/devices/london`, {
      body: { type: "desk_phone", callbackNumber: "+44 20 7946 0000", serviceCountry: "GB" },
    });
    for (const prefix of ["00", "0900"]) {
      expect(
        (await service.request("POST", `/v1/accounts/${de.accountId}/blocked-ranges`, { body: { prefix } })).status,
      ).toBe(201);
    }
    // 9 would cover the US's 911, 99 GB's 999: refused now that the account has devices there.
    for (const prefix of ["9", "99"]) {
      expect(
        (await service.request("POST", `/v1/accounts/${de.accountId}/blocked-ranges`, { body: { prefix } })).status,
        prefix,
      ).toBe(400);
    }
    // US dialling: 011 is the international prefix, 00 is not; 0900 is no US number.
    expect(await dial(us, "011 44 20 7946 0000")).toMatchObject({ blocked: false });
    expect(await dial(us, "1 900 555 0100")).toMatchObject({ blocked: false });
    expect(await dial(us, "911")).toMatchObject({ emergency: true, blocked: false });
    // GB dialling: 00 is the international prefix there too; a national call is not abroad.
    expect(await dial(gb, "0049 89 1234567")).toMatchObject({ blocked: true });
    expect(await dial(gb, "020 7946 0000")).toMatchObject({ blocked: false });
    expect(await dial(gb, "999")).toMatchObject({ emergency: true, blocked: false });
    // The German device: 0900 and 00 as before.
    expect(await dial(de, "0049 900 123456")).toMatchObject({ blocked: true });
  });
});

describe("PIDF-LO", () => {
  it("serves the location as a PIDF-LO document that validates against the shared schemas", async () => {
    const ids = await accountWithDevice(service, { accountId: "pidf-a", country: "DE" });
    await service.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: { address: { ...DE_ADDRESS, floor: "3", room: "3.14" } },
    });
    const reply = await service.request("GET", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      headers: { accept: "application/pidf+xml" },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/pidf\+xml/);
    expect(reply.text).toContain("Leopoldstraße");
    expect(reply.text).toContain("tel:+49891234567");
    const file = join(mkdtempSync(join(tmpdir(), "pidf-api-")), "location.xml");
    writeFileSync(file, reply.text);
    const result = spawnSync(pidfValidator(), [file], { encoding: "utf8" });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const json = await service.request("GET", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`);
    expect(json.body.address.city).toBe("München");
  });
});
