import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localisedHolidayName } from "../../src/calendar/holidays.js";
import { t } from "../../src/platform/i18n.js";
import { SUPPORTED_LOCALES, type Locale } from "../../src/platform/locales.js";
import { DE_ADDRESS, accountBody, portConsent } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

/**
 * Porting to the letter: consent where the rules require it, compensation under the ported
 * numbers' country's rules (not the account's), and notices that say what happened, in the
 * customer's language.
 */

let service: TestService;
let staff: string;
beforeAll(async () => {
  service = await startService({ workers: true });
  staff = await service.key("fulfillment");
});
afterAll(async () => {
  await service.close();
});

const portPath = (accountId: string, id: string) => `/v1/accounts/${accountId}/port-requests/${id}`;

async function account(accountId: string, overrides: Record<string, unknown>) {
  const reply = await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody(overrides) });
  expect(reply.status, reply.text).toBeLessThan(300);
}

async function open(accountId: string, body: Record<string, unknown>) {
  const reply = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, { body });
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string; consent: unknown; compensation: unknown };
}

/** Agrees `date` and satisfies every requirement (extras included) at `at`. */
async function schedule(accountId: string, id: string, date: string, at?: string) {
  await service.request("PUT", `${portPath(accountId, id)}/agreed-date`, { key: staff, body: { date } });
  const current = await service.request("GET", portPath(accountId, id));
  let last: any;
  for (const name of Object.keys(current.body.requirements)) {
    last = await service.request("PUT", `${portPath(accountId, id)}/requirements/${name}`, {
      key: staff,
      body: { satisfied: true, ...(at ? { at } : {}) },
    });
    expect(last.status, last.text).toBe(200);
  }
  return last.body;
}

async function notices(accountId: string, type: string) {
  const reply = await service.request("GET", `/v1/accounts/${accountId}/notifications?type=${type}`);
  return (reply.body.items as { body: string; subject: string; channel: string }[]).filter(
    (n) => n.channel === "email",
  );
}

const longDate = (locale: string, date: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(`${date}T12:00:00Z`));
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("consent (EECC Art. 106(6))", () => {
  it("is required for numbers of an EU country: 400 naming consent, nothing created", async () => {
    await account("consent-eu", { country: "US", locale: "en" });
    const missing = await service.request("POST", "/v1/accounts/consent-eu/port-requests", {
      body: { numbers: ["+49 89 1234567"], country: "DE", donorProvider: "Telekom" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: "consent", message: expect.stringContaining("Art. 106(6)") }]);
    const future = await service.request("POST", "/v1/accounts/consent-eu/port-requests", {
      body: {
        numbers: ["+49 89 1234567"],
        country: "DE",
        donorProvider: "Telekom",
        consent: portConsent({ at: "2099-01-01T00:00:00Z" }),
      },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe("consent.at");
    const method = await service.request("POST", "/v1/accounts/consent-eu/port-requests", {
      body: {
        numbers: ["+49 89 1234567"],
        country: "DE",
        donorProvider: "Telekom",
        consent: portConsent({ method: "telepathy" }),
      },
    });
    expect(method.status).toBe(400);
    expect(method.body.errors[0].path).toBe("consent.method");
    expect((await service.request("GET", "/v1/accounts/consent-eu/port-requests")).body.items).toEqual([]);
  });

  it("is recorded as a fact (who, when, how, which document) and appears in the timeline", async () => {
    await account("consent-kept", { country: "DE", locale: "de" });
    const given = portConsent({ at: "2026-11-02T09:30:00+01:00", method: "recorded-call", reference: "call-7781" });
    const created = await open("consent-kept", {
      numbers: ["+49 30 1234567"],
      country: "DE",
      donorProvider: "Telekom",
      consent: given,
    });
    expect(created.consent).toEqual({
      givenBy: given.givenBy,
      at: "2026-11-02T08:30:00.000Z",
      method: "recorded-call",
      reference: "call-7781",
    });
    const timeline = await service.request("GET", `${portPath("consent-kept", created.id)}/history`);
    expect(timeline.body.items.find((e: { event: string }) => e.event === "consent")).toMatchObject({
      new: { givenBy: given.givenBy, method: "recorded-call" },
      by: expect.any(String),
    });
  });

  it("is optional where no rule requiring it was verified (Australia), and recorded when given", async () => {
    await account("consent-au", { country: "AU", locale: "en" });
    const without = await open("consent-au", {
      numbers: ["(02) 9123 4567"],
      country: "AU",
      region: "AU-NSW",
      donorProvider: "Telstra",
    });
    expect(without.consent).toBeNull();
    const withIt = await open("consent-au", {
      numbers: ["(02) 9123 4568"],
      country: "AU",
      region: "AU-NSW",
      donorProvider: "Telstra",
      consent: portConsent({ method: "online", reference: undefined }),
    });
    expect(withIt.consent).toMatchObject({ method: "online", reference: null });
  });
});

describe("compensation follows the ported numbers' country, not the account's", () => {
  it("a German account porting Australian numbers late: no EU paragraph, no amount", async () => {
    await account("split-de-au", { country: "DE", locale: "de" });
    const { id } = await open("split-de-au", {
      numbers: ["(03) 9123 4567"],
      country: "AU",
      region: "AU-VIC",
      donorProvider: "Telstra",
    });
    const late = await schedule("split-de-au", id, "2026-11-02", "2026-11-02T10:00:00+11:00");
    expect(late).toMatchObject({ status: "overdue", compensation: null });
    const [overdue] = await notices("split-de-au", "port.overdue");
    expect(overdue!.body).not.toMatch(/Europäischen Union|Entschädigung/);
    // National format with its own brackets, never doubled.
    expect(overdue!.body).toContain("(03) 9123 4567 – +61 3 9123 4567");
    expect(overdue!.body).not.toContain("((");
  });

  it("an Australian account porting German numbers late: § 59 TKG, EUR 10 per further working day", async () => {
    await account("split-au-de", { country: "AU", locale: "en" });
    const { id } = await open("split-au-de", {
      numbers: ["+49 30 2345678", "+49 30 2345679"],
      country: "DE",
      region: "DE-BE",
      donorProvider: "Telekom",
      consent: portConsent(),
    });
    const late = await schedule("split-au-de", id, "2026-11-02", "2026-11-02T10:00:00+01:00");
    expect(late.status).toBe("overdue");
    expect(late.compensation).toMatchObject({
      currency: "EUR",
      citation: "§ 59 TKG",
      final: false,
      basis: { per: "request", day: "working", amountPerDay: 10 },
    });
    expect(late.compensation.days).toBeGreaterThan(10);
    expect(late.compensation.amount).toBe(late.compensation.days * 10);
    const [overdue] = await notices("split-au-de", "port.overdue");
    const euro = (n: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(n);
    expect(overdue!.body).toContain("Under § 59 TKG, compensation of €10.00 for each further working day of delay");
    expect(overdue!.body).toContain(`it amounts to ${euro(late.compensation.amount)}`);
    const timeline = await service.request("GET", `${portPath("split-au-de", id)}/history`);
    expect(timeline.body.items.map((e: { event: string }) => e.event)).toContain("compensation");
  });

  it("Portugal: the completed notice states the final amount per number and full day", async () => {
    await account("late-pt", { country: "BR", locale: "pt-BR", timeZone: "America/Sao_Paulo" });
    const { id } = await open("late-pt", {
      numbers: ["+351 21 123 4567", "+351 21 123 4568"],
      country: "PT",
      donorProvider: "MEO",
      consent: portConsent(),
    });
    const late = await schedule("late-pt", id, "2026-11-02", "2026-11-02T09:00:00Z");
    expect(late).toMatchObject({ status: "overdue", deadline: { date: "2026-11-03" } });
    const done = await service.request("POST", `${portPath("late-pt", id)}/complete`, {
      key: staff,
      body: { activatedAt: "2026-11-06T10:00:00Z" },
    });
    // 4 and 5 November are full days of delay; two numbers at EUR 2.50.
    expect(done.body).toMatchObject({
      status: "completed",
      completedOnTime: false,
      compensation: { amount: 10, days: 2, final: true, basis: { per: "number", fullDaysOnly: true } },
    });
    const [completed] = await notices("late-pt", "port.completed");
    const euro = (n: number) => new Intl.NumberFormat("pt-BR", { style: "currency", currency: "EUR" }).format(n);
    expect(completed!.body).toContain(euro(2.5));
    expect(completed!.body).toContain(`no total de ${euro(10)}`);
    expect(completed!.body).toContain("Regulamento da Portabilidade (ANACOM)");
  });

  it("on time: no compensation, no paragraph", async () => {
    await account("ontime-it", { country: "IT", locale: "en" });
    const { id } = await open("ontime-it", {
      numbers: ["+39 06 1234 5678"],
      country: "IT",
      donorProvider: "TIM",
      consent: portConsent(),
    });
    const scheduled = await schedule("ontime-it", id, isoDay(3));
    expect(scheduled.status).toBe("scheduled");
    const done = await service.request("POST", `${portPath("ontime-it", id)}/complete`, { key: staff });
    expect(done.body).toMatchObject({ completedOnTime: true, compensation: null });
    const [completed] = await notices("ontime-it", "port.completed");
    expect(completed!.body).not.toMatch(/compensation/i);
  });
});

describe.each(SUPPORTED_LOCALES)("notices in %s", (locale: Locale) => {
  const accountId = `notices-${locale.toLowerCase()}`;
  const translate = t(locale, "notifications");
  beforeAll(async () => {
    await account(accountId, { country: "DE", locale, timeZone: "Europe/Berlin" });
  });

  it("a past agreed date is said to have passed, never announced as to come; with reference and interruption", async () => {
    const { id } = await open(accountId, {
      numbers: [`+49 89 7${SUPPORTED_LOCALES.indexOf(locale)}12345`],
      country: "DE",
      region: "DE-BY",
      donorProvider: "Telekom",
      consent: portConsent(),
    });
    const yesterday = isoDay(-1);
    const scheduled = await schedule(accountId, id, yesterday);
    expect(scheduled.status).toBe("scheduled");
    const [notice] = await notices(accountId, "port.transfer_scheduled");
    const transferDate = longDate(locale, yesterday, "Europe/Berlin");
    expect(notice!.body).toContain(translate("port.transfer_scheduled.datePassed", { transferDate }));
    expect(notice!.body).not.toContain(translate("port.transfer_scheduled.onDate", { transferDate }));
    expect(notice!.subject).not.toContain(transferDate);
    expect(notice!.body).toContain(id);
    expect(notice!.body).toContain(
      {
        en: "Expected service interruption",
        de: "Voraussichtliche Unterbrechung",
        fr: "Interruption prévue",
        nl: "Verwachte onderbreking",
        "pt-BR": "Interrupção prevista",
      }[locale],
    );
    expect(notice!.body).not.toContain("((");
  });

  it("names the days the deadline passes over, holidays in the customer's language", async () => {
    const { id } = await open(accountId, {
      numbers: [`+49 89 8${SUPPORTED_LOCALES.indexOf(locale)}12345`],
      country: "DE",
      region: "DE-BY",
      donorProvider: "Telekom",
      consent: portConsent(),
    });
    await schedule(accountId, id, "2026-12-24");
    const notice = (await notices(accountId, "port.transfer_scheduled")).find((n) => n.body.includes(id))!;
    expect(notice.body).toContain(
      translate("port.transfer_scheduled.onDate", { transferDate: longDate(locale, "2026-12-24", "Europe/Berlin") }),
    );
    for (const date of ["2026-12-25", "2026-12-26"])
      expect(notice.body).toContain(
        `${longDate(locale, date, "Europe/Berlin")} (${localisedHolidayName(date, "DE", "DE-BY", locale)})`,
      );
    expect(notice.body).toContain(
      `${longDate(locale, "2026-12-27", "Europe/Berlin")} (${translate("skipped.weekend")})`,
    );
    if (locale === "de") expect(notice.body).toContain("1. Weihnachtstag");
    if (locale !== "en") expect(notice.body).not.toContain("Christmas");
  });

  it("writes civic labels in the customer's language", async () => {
    const device = `/v1/accounts/${accountId}/devices/desk`;
    await service.request("PUT", device, {
      body: { type: "desk_phone", callbackNumber: "+49 89 1234567", serviceCountry: "DE" },
    });
    await service.request("PUT", `${device}/location`, { body: { address: DE_ADDRESS } });
    const disclosure = await service.request("GET", `/v1/disclosures/DE?locale=${locale}`);
    await service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
      body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Office" },
    });
    await service.request("POST", `${device}/activate`);
    await expect
      .poll(async () => (await service.request("GET", device)).body.e911.status, { timeout: 10_000 })
      .toBe("enabled");
    await service.request("PUT", `${device}/location`, {
      body: { address: { ...DE_ADDRESS, floor: "2", room: "14" }, reason: "moved" },
    });
    const [changed] = await notices(accountId, "location.changed");
    const floor = { en: "Floor 2", de: "2. Etage", fr: "Étage 2", nl: "Verdieping 2", "pt-BR": "2º andar" }[locale];
    const room = { en: "Room 14", de: "Raum 14", fr: "Salle 14", nl: "Ruimte 14", "pt-BR": "Sala 14" }[locale];
    expect(changed!.body).toContain(`Leopoldstraße 12, ${floor}, ${room}, 80802 München`);
    if (locale !== "en") expect(changed!.body).not.toMatch(/Floor|Room/);
  });
});

describe("GET /v1/porting/deadline?locale=", () => {
  it("names skipped holidays in the language asked for", async () => {
    const german = await service.request(
      "GET",
      "/v1/porting/deadline?country=DE&region=DE-BY&agreedDate=2026-12-24&locale=de",
    );
    expect(german.body.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      "1. Weihnachtstag",
      "2. Weihnachtstag",
      "weekend",
    ]);
    const english = await service.request("GET", "/v1/porting/deadline?country=DE&region=DE-BY&agreedDate=2026-12-24");
    expect(english.body.skipped[0].reason).toBe("Christmas Day");
  });
  it("names the override table's days in that language too (Hungary's 2026 rest day, Brazil's Consciência Negra)", async () => {
    const hungary = await service.request("GET", "/v1/porting/deadline?country=HU&agreedDate=2026-12-23&locale=de");
    expect(hungary.body.skipped[0]).toEqual({ date: "2026-12-24", reason: "Arbeitsfreier Brückentag" });
    const brazil = await service.request(
      "GET",
      "/v1/porting/deadline?country=BR&region=BR-SP&agreedDate=2026-11-19&locale=pt-BR",
    );
    expect(brazil.body.skipped[0]).toEqual({
      date: "2026-11-20",
      reason: "Dia Nacional de Zumbi e da Consciência Negra",
    });
  });
  it("refuses a malformed locale naming it", async () => {
    const reply = await service.request("GET", "/v1/porting/deadline?country=DE&agreedDate=2026-12-24&locale=de_DE!");
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe("locale");
  });
});
