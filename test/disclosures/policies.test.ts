import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emergencyNumbersFor } from "../../src/emergency/classify.js";
import { POLICY_TEXTS, RELAY_SERVICES, policyForCountry, policyTextFor } from "../../src/disclosures/policies.js";
import { policyTextHash } from "../../src/disclosures/text-hash.js";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { SUPPORTED_LOCALES, type Locale } from "../../src/platform/locales.js";
import { accountBody, DE_ADDRESS } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

describe("policy texts", () => {
  it.each(POLICY_TEXTS.map((text) => [text.key, text] as const))(
    "%s: the texts match the version customers acknowledge (change a text → new version and hash)",
    (_, text) => {
      expect(policyTextHash(text)).toBe(text.textHash);
    },
  );

  it("uses the US and the Canadian 911 texts in North America and the supplement's limitations elsewhere", () => {
    expect(policyTextFor("US").key).toBe("911-service-availability.US");
    expect(policyTextFor("CA").key).toBe("911-service-availability.CA");
    expect(policyForCountry("CA")).toBe("911-service-availability");
    for (const country of COVERED_COUNTRIES.filter((c) => c !== "US" && c !== "CA"))
      expect(policyForCountry(country)).toBe("emergency-limitations");
  });

  it("names only relay numbers the emergency catalogue routes as emergency numbers", () => {
    for (const [country, relay] of Object.entries(RELAY_SERVICES))
      expect(emergencyNumbersFor(country).map((n) => n.number)).toContain(relay.number);
  });
});

/**
 * Each required item, as it reads in each language (a phrase of the sentence that carries it).
 * CRTC 2005-21/2005-61 for Canada, 47 CFR § 9.11(a)(5) for the US, 004 SERVICE LIMITATIONS elsewhere.
 */
const REQUIRED: Record<string, Record<Locale, RegExp>> = {
  "suspended (non-payment)": {
    en: /suspended.*non-payment/s,
    de: /gesperrt.*Zahlungsverzug/s,
    fr: /suspen.*défaut de paiement/s,
    nl: /opgeschort.*achterstallige betaling/s,
    "pt-BR": /suspensa.*falta de pagamento/s,
  },
  "LAN/WAN blocking": {
    en: /local or wide area network blocks/,
    de: /lokales Netzwerk bzw\. Weitverkehrsnetz .*blockiert/s,
    fr: /réseau local ou étendu bloque/,
    nl: /lokale netwerk of WAN .*blokkeert/s,
    "pt-BR": /rede local ou de longa distância bloquear/,
  },
};
const US_REQUIRED: Record<string, Record<Locale, RegExp>> = {
  "non-native telephone number": {
    en: /non-native number/,
    de: /ortsfremde Rufnummer/,
    fr: /numéro non local/,
    nl: /niet-lokaal nummer/,
    "pt-BR": /número não local/,
  },
  "delay before the location is in the ALI database": {
    en: /delay.*ALI/s,
    de: /dauern.*ALI-Datenbank/s,
    fr: /délai.*base de données ALI/s,
    nl: /enige tijd duren.*ALI-database/s,
    "pt-BR": /intervalo.*banco de dados ALI/s,
  },
};
const CA_REQUIRED: Record<string, Record<Locale, RegExp>> = {
  "do not hang up": {
    en: /Do not hang up/,
    de: /Legen Sie nicht auf/,
    fr: /Ne raccrochez pas/,
    nl: /Hang niet op/,
    "pt-BR": /Não desligue/,
  },
  "call back at once if disconnected": {
    en: /disconnected, call 9-1-1 back immediately/,
    de: /Bricht die Verbindung ab, rufen Sie sofort erneut 9-1-1 an/,
    fr: /coupé, rappelez immédiatement le 9-1-1/,
    nl: /verbroken, bel dan onmiddellijk opnieuw 9-1-1/,
    "pt-BR": /cair, ligue imediatamente de novo para o 9-1-1/,
  },
  "may first reach a third-party call centre": {
    en: /third-party call centre/,
    de: /externen Callcenter/,
    fr: /centre d’appels tiers/,
    nl: /extern callcenter/,
    "pt-BR": /central de atendimento terceirizada/,
  },
  "inform every user": {
    en: /inform every person who uses the service/,
    de: /informieren Sie alle Personen, die den Dienst nutzen/,
    fr: /en informer toutes les personnes qui utilisent le service/,
    nl: /breng iedereen die de dienst gebruikt hiervan op de hoogte/,
    "pt-BR": /informe todas as pessoas que utilizam o serviço/,
  },
};

describe("GET /v1/disclosures/{country}", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startService();
  });
  afterAll(async () => {
    await service.close();
  });
  const text = async (country: string, locale: Locale): Promise<string> => {
    const reply = await service.request("GET", `/v1/disclosures/${country}?locale=${locale}`);
    expect(reply.status).toBe(200);
    expect(reply.body.text).not.toMatch(/\{\{|\}\}/);
    return reply.body.text as string;
  };

  it.each(SUPPORTED_LOCALES)("serves the localized text with the country's emergency numbers (%s)", async (locale) => {
    const gb = await service.request("GET", `/v1/disclosures/GB?locale=${locale}`);
    expect(gb.body).toMatchObject({
      country: "GB",
      locale,
      policy: "emergency-limitations",
      version: policyTextFor("GB").version,
    });
    expect(gb.body.text).toContain("999");
    expect(gb.body.text).toContain("112");
    const us = await service.request("GET", `/v1/disclosures/US?locale=${locale}`);
    expect(us.body.policy).toBe("911-service-availability");
    expect(us.body.text).toContain("911");
  });

  it.each(SUPPORTED_LOCALES)("has every required item in every text (%s)", async (locale) => {
    for (const country of ["DE", "GB", "AU", "BR", "IE", "FR"]) {
      const body = await text(country, locale);
      for (const [item, phrases] of Object.entries(REQUIRED))
        expect(body, `${country} ${item}`).toMatch(phrases[locale]);
    }
    const us = await text("US", locale);
    for (const [item, phrases] of Object.entries({ ...REQUIRED, ...US_REQUIRED }))
      expect(us, `US ${item}`).toMatch(phrases[locale]);
    const ca = await text("CA", locale);
    for (const [item, phrases] of Object.entries({ ...REQUIRED, ...CA_REQUIRED }))
      expect(ca, `CA ${item}`).toMatch(phrases[locale]);
    expect(ca).not.toBe(us);
  });

  it.each(SUPPORTED_LOCALES)(
    "names the text relay number where the country has one and does not call TTY unsupported there (%s)",
    async (locale) => {
      const gb = await text("GB", locale);
      const au = await text("AU", locale);
      expect(gb).toContain("18000");
      expect(gb).toContain("Relay UK");
      expect(au).toMatch(/\b106\b/);
      for (const body of [gb, au]) expect(body).not.toMatch(/TTY|ATS\)/);
      // The voice emergency numbers line does not list the relay number.
      expect(gb.split("\n")[1]).not.toContain("18000");
      const de = await text("DE", locale);
      expect(de).toMatch(/TTY|ATS/);
    },
  );

  it("says verplaatsing, not verhuizing, for moving a device in Dutch", async () => {
    for (const country of ["US", "CA"]) {
      const nl = await text(country, "nl");
      expect(nl).toContain("verplaatsing");
      expect(nl).not.toMatch(/verhuiz/);
    }
  });

  it("writes the texts in the requested language", async () => {
    expect(await text("DE", "de")).toContain("Deutschland");
    expect(await text("DE", "fr")).toContain("Allemagne");
  });

  it("refuses an unknown country or locale naming the field", async () => {
    const uk = await service.request("GET", "/v1/disclosures/UK");
    expect(uk.status).toBe(400);
    expect(uk.body.errors[0].path).toBe("country");
    const xx = await service.request("GET", "/v1/disclosures/GB?locale=xx");
    expect(xx.status).toBe(400);
    expect(xx.body.errors[0].path).toBe("locale");
  });
});

describe("acknowledgements per policy and country", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startService();
  });
  afterAll(async () => {
    await service.close();
  });

  const AU_ADDRESS = {
    country: "AU",
    region: "AU-NSW",
    city: "Sydney",
    street: "Macquarie Street",
    houseNumber: "1",
    postalCode: "2000",
  };

  async function accountWithDevices(accountId: string) {
    expect(
      (await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country: "DE" }) })).status,
    ).toBe(201);
    for (const [deviceId, country, number, address] of [
      ["de-1", "DE", "+49 89 1234567", DE_ADDRESS],
      ["au-1", "AU", "+61 2 9374 4000", AU_ADDRESS],
    ] as const) {
      const put = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
        body: { type: "desk_phone", callbackNumber: number, serviceCountry: country },
      });
      expect(put.status).toBe(201);
      const located = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
        body: { address },
      });
      expect(located.status).toBe(200);
    }
  }
  const ack = (accountId: string, body: Record<string, unknown>) =>
    service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
      body: { policy: "emergency-limitations", version: policyTextFor("DE").version, acceptedBy: "Jane Doe", ...body },
    });
  const activate = (accountId: string, deviceId: string) =>
    service.request("POST", `/v1/accounts/${accountId}/devices/${deviceId}/activate`);

  it("the German acknowledgement does not unlock an Australian device; the Australian one does", async () => {
    const accountId = "acks-de-au";
    await accountWithDevices(accountId);
    const de = await ack(accountId, {});
    expect(de.status).toBe(201);
    expect(de.body.country).toBe("DE");
    expect((await activate(accountId, "de-1")).status).toBe(200);
    const refused = await activate(accountId, "au-1");
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/acknowledgement-required$/);
    expect((await ack(accountId, { country: "AU" })).status).toBe(201);
    expect((await activate(accountId, "au-1")).status).toBe(200);
    const list = await service.request("GET", `/v1/accounts/${accountId}/acknowledgements`);
    expect(list.body.items.map((a: { country: string }) => a.country)).toEqual(["DE", "AU"]);
  });

  it("refuses a policy that does not apply to the country, or another text's version, naming the field", async () => {
    const accountId = "acks-wrong";
    await accountWithDevices(accountId);
    const wrongPolicy = await ack(accountId, { country: "US", policy: "emergency-limitations" });
    expect(wrongPolicy.status).toBe(400);
    expect(wrongPolicy.body.errors[0].path).toBe("policy");
    const oldVersion = await ack(accountId, { version: "2026-11-23" });
    expect(oldVersion.status).toBe(400);
    expect(oldVersion.body.errors[0].path).toBe("version");
    const badCountry = await ack(accountId, { country: "UK" });
    expect(badCountry.status).toBe(400);
    expect(badCountry.body.errors[0].path).toBe("country");
  });

  it("an acknowledgement stored before per-country ones counts for the account's own country only, and an older text shows acknowledgement-outdated", async () => {
    const accountId = "acks-legacy";
    await accountWithDevices(accountId);
    const { ctx } = service;
    // As the service stored them before: per policy, without a country, of the previous text.
    const legacy = (version: string) =>
      JSON.stringify({
        accountId,
        policy: "emergency-limitations",
        version,
        acceptedBy: "Old",
        acceptedAt: "2026-01-01T00:00:00.000Z",
        recordedBy: "admin",
      });
    await ctx.redis.hset(
      ctx.keys.acknowledgements(accountId),
      "emergency-limitations",
      legacy(policyTextFor("DE").version),
    );
    expect((await activate(accountId, "de-1")).status).toBe(200);
    expect((await activate(accountId, "au-1")).status).toBe(409);

    await ctx.redis.hset(ctx.keys.acknowledgements(accountId), "emergency-limitations", legacy("2026-11-23"));
    const device = await service.request("GET", `/v1/accounts/${accountId}/devices/de-1`);
    expect(device.body.status).toBe("active");
    expect(device.body.warnings).toEqual(["acknowledgement-outdated"]);
    const listed = await service.request("GET", `/v1/accounts/${accountId}/devices?warning=acknowledgement-outdated`);
    expect(listed.body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(["de-1"]);
    expect((await ack(accountId, {})).status).toBe(201);
    expect((await service.request("GET", `/v1/accounts/${accountId}/devices/de-1`)).body.warnings).toEqual([]);
  });
});
