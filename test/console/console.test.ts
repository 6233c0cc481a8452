import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../../src/platform/locales.js";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";

/**
 * The console in a real browser (Debian's Chromium, headless, 1280×720) against the real
 * service with its workers: every step a member of staff takes, checked through the API too.
 */

let service: TestService;
let browser: Browser;
let staffKey: string;
const ACCOUNT = "acme-de";
const DE_HOME = {
  country: "DE",
  region: "DE-BY",
  city: "München",
  street: "Leopoldstraße",
  houseNumber: "12",
  postalCode: "80802",
  floor: "2",
};

beforeAll(async () => {
  service = await startService({ workers: true });
  browser = await launchBrowser();
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, {
    body: accountBody({ name: "Acme GmbH", country: "DE", locale: "de" }),
  });
  for (const [deviceId, callbackNumber] of [
    ["desk-12", "+49 89 1234567"],
    ["desk-13", "+49 89 7654321"],
    ["fax-1", "+49 30 901820"],
  ]) {
    await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/${deviceId}`, {
      body: { type: "desk_phone", callbackNumber, serviceCountry: "DE" },
    });
  }
  const located = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/desk-12/location`, {
    body: { address: DE_HOME, reason: "installed" },
  });
  expect(located.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const location = (deviceId: string) => service.request("GET", `/v1/accounts/${ACCOUNT}/devices/${deviceId}/location`);

async function openDevice(page: Page, deviceId: string): Promise<void> {
  await page.goto(`${service.url}/console#/devices/${ACCOUNT}/${deviceId}`);
  await page.getByRole("heading", { name: `Device ${deviceId}` }).waitFor();
  await page.getByRole("button", { name: "Save location" }).waitFor();
  // The form is laid out once the country's address format has arrived.
  await page.locator('[data-field="postalCode"]').waitFor();
}

describe("the fulfillment console", () => {
  it("serves the page with a CSP that forbids anything from elsewhere, and loads nothing from elsewhere", async () => {
    const reply = await fetch(`${service.url}/console`);
    expect(reply.status).toBe(200);
    const csp = reply.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const { page, problems } = await openPage(browser);
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await signIn(page, service.url, staffKey);
    expect([...origins]).toEqual([service.url]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("signs in with a key kept in session storage, refuses a bad one, and signs out", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${service.url}/console`);
    // Focus starts in the key field; Tab goes to the button, and focus is visibly marked.
    await page.getByLabel("API key").waitFor();
    expect(await page.locator(":focus").getAttribute("id")).toBe("api-key");
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Sign in");
    const outline = await page
      .locator(":focus")
      .evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle as string);
    expect(outline).toBe("solid");
    await page.getByLabel("API key").fill("vck_not-a-real-key-at-all-000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not accepted");
    await screenshot(page, "01-sign-in-refused");
    await page.getByLabel("API key").fill(staffKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Search").waitFor();
    // The key is in this tab's session storage, not in the URL or a cookie.
    expect(page.url()).not.toContain(staffKey);
    expect(await page.context().cookies()).toEqual([]);
    await page.reload();
    await page.getByLabel("Search").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("finds a device by a national callback number and opens it from the keyboard", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await page.getByLabel("Search").fill("089 1234567");
    const link = page.getByRole("link", { name: "desk-12" });
    await link.waitFor();
    expect(await page.getByRole("link", { name: "desk-13" }).count()).toBe(0);
    await screenshot(page, "02-search-national-number");
    // Account id: every device of the account.
    await page.getByLabel("Search").fill(ACCOUNT);
    await page.getByRole("link", { name: "fax-1" }).waitFor();
    expect(await page.locator("a.device-link").allTextContents()).toEqual(["desk-12", "desk-13", "fax-1"]);
    // ↓ from the search box to the first result, ↓ to the next, Enter opens it.
    await page.getByLabel("Search").press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Device desk-13" }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows the device: status, e911 status, callback number, the 60-character display line and the history", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await openDevice(page, "desk-12");
    const current = (await location("desk-12")).body;
    await expect.poll(() => page.locator("#display-line").textContent()).toBe(current.displayLine);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Ready");
    expect(text).toContain("Not enabled");
    expect(text).toContain("+49891234567");
    expect(text).toContain(`${current.displayLine.length} of 60 characters`);
    const history = page.getByRole("region", { name: "History" });
    await history.locator("tbody tr").first().waitFor();
    expect(await history.locator("tbody tr").count()).toBe(1);
    expect(await history.locator("tbody tr").first().innerText()).toContain("installed");
    // The edit form in the German layout: postal code before city.
    const order = await page
      .locator("[data-field]")
      .evaluateAll((els) => els.map((el) => (el as { dataset: { field: string } }).dataset.field));
    expect(order.indexOf("postalCode")).toBeLessThan(order.indexOf("city"));
    expect(order.indexOf("street")).toBeLessThan(order.indexOf("houseNumber"));
    for (const label of [
      "Country",
      "Region",
      "City",
      "Street",
      "House number",
      "Building",
      "Floor",
      "Unit",
      "Room",
      "Postal code",
      "Reason",
    ]) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    // Every visible control has a label, every button a name.
    const unlabelled = await page
      .locator("input:visible, select:visible, textarea:visible")
      .evaluateAll((els) =>
        els
          .filter(
            (el: any) => !el.labels?.length && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"),
          )
          .map((el: any) => el.outerHTML as string),
      );
    expect(unlabelled).toEqual([]);
    expect(
      await page
        .locator("button:visible")
        .evaluateAll((els) => els.filter((el: any) => !(el.textContent ?? "").trim()).length),
    ).toBe(0);
    await screenshot(page, "03-device");
    // PIDF-LO download.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PIDF-LO" }).click(),
    ]);
    const xml = readFileSync(await download.path(), "utf8");
    expect(xml).toContain("urn:ietf:params:xml:ns:pidf");
    expect(xml).toContain("80802");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("refuses a bad postal code beside the field and saves nothing", async () => {
    const before = (await location("desk-12")).body;
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await openDevice(page, "desk-12");
    await page.getByLabel("Postal code").fill("8080");
    await page.getByLabel("Reason").fill("typo check");
    await page.getByRole("button", { name: "Save location" }).click();
    const error = page.locator('[data-field="postalCode"] .field-error');
    await expect.poll(() => error.textContent()).toContain("must be a postal code of DE");
    expect(await page.getByLabel("Postal code").getAttribute("aria-invalid")).toBe("true");
    // The error is tied to the field for screen readers too.
    const describedBy = (await page.getByLabel("Postal code").getAttribute("aria-describedby")) ?? "";
    expect(describedBy.split(" ")).toContain(await error.getAttribute("id"));
    expect(await page.locator('[data-field="city"] .field-error').textContent()).toBe("");
    await screenshot(page, "04-bad-postal-code");
    const after = (await location("desk-12")).body;
    expect(after).toEqual(before);
    expect(
      (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/desk-12/location/history`)).body.items,
    ).toHaveLength(1);
    // A missing reason is refused in the page, before anything is sent.
    await page.getByLabel("Postal code").fill("80802");
    await page.getByLabel("Reason").fill("");
    await page.getByRole("button", { name: "Save location" }).click();
    await expect.poll(() => page.locator(".field-error", { hasText: "say why" }).count()).toBe(1);
    expect((await location("desk-12")).body).toEqual(before);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("saves a good change, which reaches the API and shows in the history as the newest version", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await openDevice(page, "desk-12");
    await page.getByLabel("Floor").fill("4");
    await page.getByLabel("Room").fill("4.12");
    await page.getByLabel("Reason").fill("moved upstairs");
    await page.getByRole("button", { name: "Save location" }).click();
    await page.getByText("Saved. The location is now version 2.").waitFor();
    const saved = (await location("desk-12")).body;
    expect(saved).toMatchObject({ version: 2, address: { ...DE_HOME, floor: "4", room: "4.12" } });
    expect(saved.updatedBy).toContain("test fulfillment");
    const rows = page.getByRole("region", { name: "History" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const newest = await rows.first().innerText();
    expect(newest).toMatch(/^2\b/);
    expect(newest).toContain("moved upstairs");
    expect(newest).toContain("test fulfillment");
    await expect.poll(() => page.locator("#display-line").textContent()).toBe(saved.displayLine);
    await screenshot(page, "05-saved");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("says when someone else saved first, shows theirs, keeps the input, and saves over it when asked", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    await openDevice(page, "desk-12");
    const opened = (await location("desk-12")).body;
    // Meanwhile, a colleague saves another change through the API.
    const theirs = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/desk-12/location`, {
      body: { address: { ...opened.address, street: "Ludwigstraße", houseNumber: "1" }, reason: "colleague" },
      headers: { "if-match": `"${opened.version}"` },
    });
    expect(theirs.status).toBe(200);
    await page.getByLabel("Unit").fill("B");
    await page.getByLabel("Reason").fill("desk moved to unit B");
    await page.getByRole("button", { name: "Save location" }).click();
    const conflict = page.locator(".conflict");
    await conflict.getByText("Someone else saved this location first").waitFor();
    expect(await conflict.innerText()).toContain(theirs.body.displayLine);
    // Nothing of ours was saved; our input is still in the form.
    expect((await location("desk-12")).body).toEqual(theirs.body);
    expect(await page.getByLabel("Unit").inputValue()).toBe("B");
    expect(await page.getByLabel("Street").inputValue()).toBe("Leopoldstraße");
    expect(await page.getByLabel("Reason").inputValue()).toBe("desk moved to unit B");
    await expect.poll(() => page.locator("#display-line").textContent()).toBe(theirs.body.displayLine);
    await screenshot(page, "06-conflict");
    // Saving again, knowingly, replaces theirs.
    await page.getByRole("button", { name: "Save location" }).click();
    await page.getByText(`Saved. The location is now version ${theirs.body.version + 1}.`).waitFor();
    expect((await location("desk-12")).body.address).toMatchObject({ street: "Leopoldstraße", unit: "B" });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("works in German, with the country's own layout and ISO 3166-2 region names", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staffKey);
    // The picker offers the service's own list of languages, each named in its own words.
    expect(await (await fetch(`${service.url}/console/locales.json`)).json()).toEqual({
      locales: [...SUPPORTED_LOCALES],
    });
    expect(await page.getByLabel("Language").locator("option").allTextContents()).toEqual([
      "English",
      "Deutsch",
      "Français",
      "Nederlands",
      "Português (Brasil)",
    ]);
    await page.getByLabel("Language").selectOption("de");
    await page.getByLabel("Suche").waitFor();
    await page.goto(`${service.url}/console#/devices/${ACCOUNT}/desk-13`);
    await page.getByRole("heading", { name: "Gerät desk-13" }).waitFor();
    await page.getByRole("button", { name: "Standort speichern" }).waitFor();
    await page.locator('[data-field="postalCode"]').waitFor();
    expect(await page.getByRole("region", { name: "Verlauf" }).innerText()).toContain("noch kein Standort gespeichert");
    const regions = await page.getByLabel("Bundesland / Region", { exact: true }).locator("option").allTextContents();
    expect(regions).toContain("Bayern (DE-BY)");
    expect(regions.length).toBe(17);
    await page.getByLabel("Bundesland / Region", { exact: true }).selectOption("DE-BE");
    await page.getByLabel("Ort", { exact: true }).fill("Berlin");
    await page.getByLabel("Straße", { exact: true }).fill("Unter den Linden");
    await page.getByLabel("Hausnummer", { exact: true }).fill("77");
    await page.getByLabel("Postleitzahl", { exact: true }).fill("10117");
    await page.getByLabel("Grund", { exact: true }).fill("Erstinstallation");
    await page.getByRole("button", { name: "Standort speichern" }).click();
    await page.getByText("Gespeichert. Der Standort hat jetzt Fassung 1.").waitFor();
    expect((await location("desk-13")).body.address).toMatchObject({
      region: "DE-BE",
      city: "Berlin",
      postalCode: "10117",
    });
    await screenshot(page, "07-german");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows a customer key its own account only, without the staff pages", async () => {
    await service.request("PUT", "/v1/accounts/other-co", {
      body: accountBody({ name: "Other", country: "DE", locale: "en" }),
    });
    await service.request("PUT", "/v1/accounts/other-co/devices/desk-99", {
      body: { type: "softphone", callbackNumber: "+49 89 5550199", serviceCountry: "DE" },
    });
    const customer = await service.key("customer", "other-co");
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, customer);
    expect(await page.getByRole("link", { name: "Porting board" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Bulk import" }).count()).toBe(0);
    await page.getByLabel("Search").fill("desk");
    await page.getByRole("link", { name: "desk-99" }).waitFor();
    expect(await page.locator("a.device-link").allTextContents()).toEqual(["desk-99"]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
