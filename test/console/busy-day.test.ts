import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody, DE_ADDRESS, portConsent } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";
import { englishOnlyPhrases, englishOnScreen } from "./english-leaks.js";

// Issue 20: the console and the API for a busy day — the Activate button with the gate's
// reasons, the queue dashboard from a browser.
let service: TestService;
let browser: Browser;
let staffKey: string;

beforeAll(async () => {
  service = await startService({ workers: true });
  browser = await launchBrowser();
  staffKey = await service.key("fulfillment");
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function acknowledge(accountId: string, country: string): Promise<void> {
  const disclosure = await service.request("GET", `/v1/disclosures/${country}`);
  const ack = await service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
    body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Office manager" },
  });
  expect(ack.status).toBeLessThan(300);
}

describe("Activate from the device view", () => {
  it("lists every unmet reason (location with a link to the form), then activates and follows e911 until enabled", async () => {
    const accountId = "act-co";
    await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country: "DE", locale: "de" }) });
    const base = `/v1/accounts/${accountId}/devices/desk-1`;
    await service.request("PUT", base, {
      body: { type: "desk_phone", callbackNumber: "089 1234567", serviceCountry: "DE" },
    });
    // The API's 409 names every unmet requirement in `errors`.
    const refused = await service.request("POST", `${base}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/location-required$/);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(["location", "acknowledgement"]);

    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await page.goto(`${service.url}/console#/devices/${accountId}/desk-1`);
    await page.getByRole("button", { name: "Activate" }).click();
    const reasons = page.getByRole("alert").filter({ hasText: "cannot be activated yet" });
    await reasons.waitFor();
    expect(await reasons.locator("li").count()).toBe(2);
    await reasons.getByRole("link", { name: "Register the location" }).click();
    expect(await page.locator("form :focus").count()).toBe(1);
    await screenshot(page, "20-activate-refused");

    await service.request("PUT", `${base}/location`, { body: { address: DE_ADDRESS, reason: "set up" } });
    await acknowledge(accountId, "DE");
    await page.reload();
    await page.getByRole("button", { name: "Activate" }).click();
    // Followed live: "Being enabled", then "Enabled" without a reload (the outbox delivers).
    await page.locator(".badge.e911-enabled").waitFor({ timeout: 20_000 });
    expect(await page.locator(".badge.e911-enabled").textContent()).toBe("Enabled");
    expect((await service.request("GET", base)).body.e911.status).toBe("enabled");
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe("the queue dashboard from a browser", () => {
  it("an admin opens /admin/queues from the console with a short-lived HttpOnly cookie (never the key); revoking the key ends it", async () => {
    const created = await service.request("POST", "/v1/api-keys", { body: { role: "admin", label: "night admin" } });
    expect(created.status).toBe(201);
    const adminKey: string = created.body.key;

    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, adminKey);
    const [dashboard] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("link", { name: "Queue dashboard" }).click(),
    ]);
    const dashboardProblems: string[] = [];
    dashboard.on("pageerror", (error) => dashboardProblems.push(error.message));
    dashboard.on("console", (message) => {
      // bull-board's page links Google Fonts; the policy keeps the page to this service.
      if (message.type() === "error" && !message.text().includes("fonts.googleapis.com"))
        dashboardProblems.push(message.text());
    });
    await dashboard.waitForLoadState();
    await dashboard.getByText("location-imports", { exact: false }).first().waitFor({ timeout: 20_000 });
    await screenshot(dashboard, "21-queue-dashboard");
    expect(dashboardProblems).toEqual([]);

    const cookies = await page.context().cookies(service.url + "/admin/queues");
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie).toMatchObject({
      name: "vc_admin",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/admin",
    });
    expect(cookie!.value).not.toContain(adminKey);
    expect(cookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    // Scoped to /admin: the API never sees it, and the API alone still wants the bearer key.
    expect(await page.context().cookies(service.url + "/v1/console/session")).toHaveLength(0);

    const withCookie = { headers: { cookie: `vc_admin=${cookie!.value}` }, key: null };
    expect((await service.request("GET", "/admin/queues/api/queues", withCookie)).status).toBe(200);
    expect((await service.request("GET", "/admin/queues/api/queues", { key: null })).status).toBe(401);
    const revoked = await service.request("DELETE", `/v1/api-keys/${created.body.id}`);
    expect(revoked.status).toBeLessThan(300);
    expect((await service.request("GET", "/admin/queues/api/queues", withCookie)).status).toBe(401);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("only admin keys get a dashboard session", async () => {
    const reply = await service.request("POST", "/v1/console/admin-session", { key: staffKey });
    expect(reply.status).toBe(403);
    expect(reply.headers.get("set-cookie")).toBeNull();
  });
});

describe("the German console shows no English", () => {
  it(
    "search, device, edit (a refused save), activation, history, porting and import read in German only",
    { timeout: 90_000 },
    async () => {
      const accountId = "kunde-de";
      await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country: "DE", locale: "de" }) });
      const base = `/v1/accounts/${accountId}/devices/empfang`;
      await service.request("PUT", base, {
        body: { type: "desk_phone", callbackNumber: "089 7654321", serviceCountry: "DE", label: "Empfang" },
      });
      await service.request("PUT", `${base}/location`, {
        body: { address: { ...DE_ADDRESS, floor: "2" }, reason: "Erstinstallation" },
      });
      await service.request("PUT", `/v1/accounts/${accountId}/devices/lager`, {
        body: { type: "desk_phone", callbackNumber: "089 7654322", serviceCountry: "DE" },
      });
      // A port whose deadline passes over Christmas (holiday names) and Bavaria (region names).
      const port = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
        body: {
          numbers: ["+49 89 3000001"],
          country: "DE",
          region: "DE-BY",
          donorProvider: "Telekom",
          consent: portConsent(),
        },
      });
      expect(port.status, port.text).toBe(201);
      for (const name of ["validations_completed", "network_ready", "donor_activation_requested"])
        await service.request("PUT", `/v1/accounts/${accountId}/port-requests/${port.body.id}/requirements/${name}`, {
          key: staffKey,
          body: { satisfied: true },
        });
      await service.request("PUT", `/v1/accounts/${accountId}/port-requests/${port.body.id}/agreed-date`, {
        key: staffKey,
        body: { date: "2026-12-24" },
      });
      // English names the service must not show in German: the region's and the holidays'.
      const englishRegions = (await service.request("GET", "/v1/address-formats/DE")).body.regions
        .map((r: any) => r.name as string)
        .filter((name: string) => ["Bavaria", "Lower Saxony", "North Rhine-Westphalia"].includes(name));
      expect(englishRegions).toContain("Bavaria");
      const phrases = englishOnlyPhrases([...englishRegions, "Christmas Day", "Boxing Day", "St. Stephen's Day"]);
      const leaks: Record<string, string[]> = {};
      const check = async (screen: string) => {
        const found = await englishOnScreen(page, phrases);
        if (found.length) leaks[screen] = found;
      };

      // The clerk sits in New York; the device is in Munich.
      const { page, problems } = await openPage(browser, { locale: "de-DE", timezoneId: "America/New_York" });
      await signIn(page, service.url, staffKey);
      await page.getByLabel("Language").selectOption("de");
      await page.getByLabel("Suche").fill("089 7654321");
      await page.getByRole("button", { name: "Finden" }).click();
      await page.getByRole("link", { name: "empfang" }).waitFor();
      await check("search");

      await page.getByRole("link", { name: "empfang" }).click();
      await page.getByRole("button", { name: "Standort speichern" }).waitFor();
      await page.getByRole("region", { name: "Verlauf" }).locator("tbody tr").first().waitFor();
      await check("device and history");
      // One clock: the device's times in its location's zone, named; the clerk's own on hover.
      const changed = page.getByRole("region", { name: "Verlauf" }).locator("tbody tr time").first();
      expect(await changed.textContent()).toMatch(/\d{2}:\d{2} MEZ$/);
      expect(await changed.getAttribute("title")).toMatch(
        /^Ihre Zeit: .*\d{2}:\d{2} (GMT-5|EST|Nordamerikanische Ostküsten-Normalzeit)$/,
      );

      // Edit: a refused save shows the service's field messages, in German.
      await page.getByLabel("Postleitzahl", { exact: true }).fill("8080");
      await page.getByLabel("Grund", { exact: true }).fill("Umzug");
      await page.getByRole("button", { name: "Standort speichern" }).click();
      await page.getByText("muss eine Postleitzahl in DE sein", { exact: false }).first().waitFor();
      await check("edit (refused save)");

      // Activation refused: the gate's reasons, in German.
      await page.getByRole("button", { name: "Aktivieren" }).click();
      await page.getByText("Dieses Gerät kann noch nicht aktiviert werden").waitFor();
      expect(await page.locator("#activation li").allTextContents()).toEqual([
        expect.stringContaining("Das Konto hat die Richtlinie"),
      ]);
      await check("activation");
      await screenshot(page, "22-device-de");

      await page.getByRole("link", { name: "Portierungsübersicht" }).click();
      await page.getByText("1. Weihnachtstag", { exact: false }).first().waitFor();
      await check("porting");
      await screenshot(page, "23-porting-de");

      await page.getByRole("link", { name: "Massenimport" }).click();
      const csv = [
        "accountId;deviceId;country;city;street;houseNumber;postalCode;unit;reason",
        `${accountId};empfang;DE;München;Leopoldstraße;14;80802;3a;Umzug im Haus`,
        `${accountId};lager;DE;München;Leopoldstraße;14;8080;;Neu`,
      ].join("\r\n");
      await page
        .getByLabel("CSV-Datei")
        .setInputFiles({ name: "umzug.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await page.getByRole("button", { name: "Hochladen und prüfen (Probelauf)" }).click();
      await page.locator("#dry-run-result").waitFor({ timeout: 30_000 });
      await page.locator("#dry-run-changes").waitFor();
      await check("import dry run");
      await screenshot(page, "24-import-de");

      expect(leaks).toEqual({});
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );
});

describe("the one clock rule in e-mails", () => {
  it("a location change at an active device: the location's time with its zone, and the account's own zone too", async () => {
    const accountId = "clock-co";
    await service.request("PUT", `/v1/accounts/${accountId}`, {
      body: accountBody({ country: "DE", locale: "de", timeZone: "America/New_York" }),
    });
    const base = `/v1/accounts/${accountId}/devices/desk`;
    await service.request("PUT", base, {
      body: { type: "desk_phone", callbackNumber: "089 1111111", serviceCountry: "DE" },
    });
    await service.request("PUT", `${base}/location`, { body: { address: DE_ADDRESS, reason: "set up" } });
    await acknowledge(accountId, "DE");
    expect((await service.request("POST", `${base}/activate`)).status).toBe(200);
    await service.request("PUT", `${base}/location`, {
      body: { address: { ...DE_ADDRESS, floor: "4" }, reason: "moved" },
    });
    await expect
      .poll(
        async () =>
          (await service.request("GET", `/v1/accounts/${accountId}/notifications?type=location.changed`)).body.items
            .length,
      )
      .toBe(1);
    const [notice] = (await service.request("GET", `/v1/accounts/${accountId}/notifications?type=location.changed`))
      .body.items;
    // "… um 14:05 MEZ (… um 08:05 GMT-5)": Munich's time named, then the account's.
    expect(notice.body).toMatch(/\d{2}:\d{2} MEZ \(.*\d{2}:\d{2} (GMT-5|EST)\)/);
  });
});
