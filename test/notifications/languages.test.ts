import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../../src/platform/locales.js";
import { startService, type TestService } from "../support/service.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp.js";
import { DE_ADDRESS, accountBody, portConsent } from "../support/fixtures.js";

let service: TestService;
let smtp: SmtpReceiver;
let staff: string;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  service = await startService({ workers: true, env: { SMTP_URL: smtp.url } });
  staff = await service.key("fulfillment");
});
afterAll(async () => {
  await service.close();
  await smtp.close();
});

const REQUIREMENTS = ["validations_completed", "network_ready", "donor_activation_requested"];
const TYPES = [
  "e911.activated",
  "location.changed",
  "port.transfer_scheduled",
  "port.date_changed",
  "port.delayed",
  "port.overdue",
  "port.completed",
];
const longDate = (locale: string, date: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
    new Date(`${date}T12:00:00Z`),
  );

describe.each(SUPPORTED_LOCALES)("every notification type in %s", (locale) => {
  it("is delivered over SMTP in that language, both parts, with the contract's date format", async () => {
    const accountId = `lang-${locale.toLowerCase()}`;
    const email = `${accountId}@customer.example`;
    await service.request("PUT", `/v1/accounts/${accountId}`, {
      body: accountBody({ country: "DE", locale, timeZone: "Europe/Berlin", contacts: { emails: [email] } }),
    });
    const device = `/v1/accounts/${accountId}/devices/desk`;
    await service.request("PUT", device, {
      body: { type: "desk_phone", label: "Empfang", callbackNumber: "+49 89 1234567", serviceCountry: "DE" },
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
      body: { address: { ...DE_ADDRESS, floor: "2" }, reason: "moved" },
    });

    // A port that is scheduled, moved, delayed, scheduled again and completed.
    const port = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
      body: {
        numbers: [`+4930${locale === "en" ? 1 : locale.length}2345678`.slice(0, 13)],
        country: "DE",
        region: "DE-BE",
        donorProvider: "Telekom",
        consent: portConsent(),
      },
    });
    expect(port.status, port.text).toBe(201);
    const path = `/v1/accounts/${accountId}/port-requests/${port.body.id}`;
    await service.request("PUT", `${path}/agreed-date`, { key: staff, body: { date: "2027-03-10" } });
    for (const name of REQUIREMENTS)
      await service.request("PUT", `${path}/requirements/${name}`, { key: staff, body: { satisfied: true } });
    await service.request("PUT", `${path}/agreed-date`, { key: staff, body: { date: "2027-03-17", reason: "Donor" } });
    await service.request("PUT", `${path}/requirements/network_ready`, { key: staff, body: { satisfied: false } });
    await service.request("PUT", `${path}/requirements/network_ready`, { key: staff, body: { satisfied: true } });
    expect((await service.request("POST", `${path}/complete`, { key: staff })).body.status).toBe("completed");

    // A second port whose deadline has passed: overdue.
    const late = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
      body: {
        numbers: ["+4940" + String(1000000 + SUPPORTED_LOCALES.indexOf(locale))],
        country: "DE",
        region: "DE-HH",
        donorProvider: "Telekom",
        consent: portConsent(),
      },
    });
    expect(late.status, late.text).toBe(201);
    const latePath = `/v1/accounts/${accountId}/port-requests/${late.body.id}`;
    await service.request("PUT", `${latePath}/agreed-date`, { key: staff, body: { date: "2026-11-02" } });
    for (const name of REQUIREMENTS)
      await service.request("PUT", `${latePath}/requirements/${name}`, {
        key: staff,
        body: { satisfied: true, at: "2026-11-02T10:00:00+01:00" },
      });

    const mine = () => smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));
    // The late port's deadline had passed when it was scheduled: it is overdue at once, and the
    // customer gets the overdue notice only (never "will be transferred on" a date gone).
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBe(8);
    const listed = (
      await service.request("GET", `/v1/accounts/${accountId}/notifications?type=port.transfer_scheduled`)
    ).body.items;
    // Two schedulings of the first port (before and after the delay); none of the late port.
    expect(listed).toHaveLength(2);

    const bySubject = new Map(mine().map((m) => [m.subject, m]));
    const all = (await service.request("GET", `/v1/accounts/${accountId}/notifications?limit=50`)).body.items as {
      type: string;
      subject: string;
      body: string;
      locale: string;
      status: string;
      delivered: string;
    }[];
    expect(new Set(all.map((n) => n.type))).toEqual(new Set(TYPES));
    // Paging walks the same list, newest first, without gaps.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await service.request(
        "GET",
        `/v1/accounts/${accountId}/notifications?limit=4${cursor ? `&cursor=${cursor}` : ""}`,
      );
      paged.push(...page.body.items.map((n: { id: string }) => n.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((n: any) => n.id));
    for (const notice of all) {
      expect(notice).toMatchObject({ locale, status: "sent", delivered: "smtp" });
      const mail = bySubject.get(notice.subject);
      expect(mail, `${notice.type} mail`).toBeDefined();
      expect(mail!.headers.get("content-language")).toBe(locale);
      expect(mail!.text).toContain(notice.body.split("\n\n")[1]!.split("\n")[0]!);
      expect(mail!.html).toMatch(/^<!doctype html>/);
      expect(mail!.text).not.toMatch(/\{\{|\}\}/);
    }
    const text = (type: string) =>
      all
        .filter((n) => n.type === type)
        .map((n) => n.body)
        .join("\n----\n");
    expect(text("port.transfer_scheduled")).toContain(longDate(locale, "2027-03-10"));
    expect(text("port.date_changed")).toContain(longDate(locale, "2027-03-17"));
    expect(text("port.date_changed")).toContain(longDate(locale, "2027-03-10"));
    expect(text("port.delayed")).toContain(longDate(locale, "2027-03-17"));
    expect(text("port.overdue")).toContain(longDate(locale, "2026-11-03"));
    expect(text("e911.activated")).toContain("089 1234567");
    expect(text("location.changed")).toContain("Leopoldstraße");
  });
});
