import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody, portConsent } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";

/**
 * The porting board's actions in a real browser: create a request from numbers as a person types
 * them (each refused number shown with its reason, then consent), cancel with a reason, the
 * completed/cancelled filter, a confirmation before every action that e-mails the customer, a
 * visible outcome after it, and times labelled with their zone.
 */

let service: TestService;
let browser: Browser;
let staffKey: string;
const ACCOUNT = "port-actions";
const portPath = (id: string) => `/v1/accounts/${ACCOUNT}/port-requests/${id}`;

beforeAll(async () => {
  service = await startService({ workers: true });
  browser = await launchBrowser();
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody({ country: "DE", locale: "de" }) });
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function requests(): Promise<any[]> {
  return (await service.request("GET", `/v1/accounts/${ACCOUNT}/port-requests`)).body.items;
}

async function notices(type: string): Promise<number> {
  const reply = await service.request("GET", `/v1/accounts/${ACCOUNT}/notifications?type=${type}`);
  return reply.body.items.filter((n: { channel: string }) => n.channel === "email").length;
}

async function board(): Promise<Page> {
  const { page, problems } = await openPage(browser);
  await signIn(page, service.url, staffKey);
  await page.getByRole("link", { name: "Porting board" }).click();
  await page.getByRole("heading", { name: "Porting board" }).waitFor();
  page.on("close", () => expect(problems).toEqual([]));
  return page;
}

/** A scheduled request made through the API, agreed `days` ahead. */
async function scheduled(number: string, days: number): Promise<string> {
  const created = await service.request("POST", `/v1/accounts/${ACCOUNT}/port-requests`, {
    body: { numbers: [number], country: "DE", region: "DE-BY", donorProvider: "Telekom", consent: portConsent() },
  });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await service.request("PUT", `${portPath(id)}/agreed-date`, { key: staffKey, body: { date } });
  for (const name of ["validations_completed", "network_ready", "donor_activation_requested"])
    await service.request("PUT", `${portPath(id)}/requirements/${name}`, {
      key: staffKey,
      body: { satisfied: true, at: "2026-11-20T10:00:00+01:00" },
    });
  return id;
}

describe("porting actions in the console", () => {
  it(
    "creates a request from typed numbers, showing each refused number and the missing consent",
    { timeout: 60_000 },
    async () => {
      const page = await board();
      await page.getByRole("button", { name: "New port request" }).click();
      const form = page.getByRole("form", { name: "New port request" });
      await form.getByLabel("Account").fill(ACCOUNT);
      await form.getByLabel("Region (optional)").fill("de-by");
      await form.getByLabel("Donor provider").fill("Telekom");
      await form.getByLabel("Numbers", { exact: true }).fill("089 2000010\n12\n+1 415 555 2671\n\n");
      await form.getByRole("button", { name: "Create port request" }).click();
      const numberErrors = form.locator(".number-errors li");
      await expect
        .poll(() => numberErrors.allTextContents())
        .toEqual(["“12”: is not a valid number of DE", "“+1 415 555 2671”: is not a valid number of DE"]);
      expect(await form.getByLabel("Numbers", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await requests()).toEqual([]);

      // Numbers corrected; EU numbers need the end user's consent.
      await form.getByLabel("Numbers", { exact: true }).fill("089 2000010, 089 2000011");
      await form.getByRole("button", { name: "Create port request" }).click();
      await expect.poll(() => form.locator("fieldset .field-error").first().textContent()).toContain("Art. 106(6)");
      expect(await requests()).toEqual([]);

      await form.getByLabel("Consent given by").fill("Erika Mustermann");
      await form.getByLabel(/Consent given on \(time zone /).fill("2026-11-20T10:30");
      await form.getByLabel("How consent was given").selectOption("recorded-call");
      await form.getByLabel("Document or recording reference").fill("call-4711");
      await screenshot(page, "12-porting-new-request");
      await form.getByRole("button", { name: "Create port request" }).click();
      const flash = page.locator("p.flash");
      await expect.poll(() => flash.textContent()).toBe(`Port request created for account ${ACCOUNT} with 2 numbers.`);
      expect(await flash.isVisible()).toBe(true);
      const [created] = await requests();
      expect(created).toMatchObject({
        numbers: ["+49892000010", "+49892000011"],
        region: "DE-BY",
        consent: { givenBy: "Erika Mustermann", method: "recorded-call", reference: "call-4711" },
      });
      // The card shows the consent, its time labelled with the request's zone.
      const card = page.locator("article.port-card", { hasText: "+49892000010" });
      await expect
        .poll(() => card.innerText())
        .toMatch(/Consent: Erika Mustermann · .+ \(Europe\/Berlin\) · Recorded call · reference call-4711/);
      await page.close();
    },
  );

  it(
    "asks before e-mailing the customer, shows the outcome, and labels every time with its zone",
    { timeout: 60_000 },
    async () => {
      const id = await scheduled("+49 89 2000020", 5);
      const page = await board();
      const card = page.locator("article.port-card", { hasText: "+49892000020" });
      await card.waitFor();
      // "done Nov 20, 2026, 10:00 AM (Europe/Berlin) by …": the zone is named.
      expect(await card.innerText()).toMatch(/done .+2026.+ \(Europe\/Berlin\) by/);

      // Withdrawing a requirement after scheduling e-mails a delay notice: going back changes nothing.
      await card.getByLabel("Network ready").uncheck();
      const dialog = page.getByRole("dialog", { name: "E-mail the customer?" });
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(`e-mails account ${ACCOUNT} that the porting is delayed`);
      await dialog.getByRole("button", { name: "Go back" }).click();
      await expect.poll(() => card.getByLabel("Network ready").isChecked()).toBe(true);
      expect((await service.request("GET", portPath(id))).body.status).toBe("scheduled");
      expect(await notices("port.delayed")).toBe(0);

      // Completing: asked, confirmed, done, and said on the page.
      await card.getByRole("button", { name: "Mark as completed" }).click();
      await page
        .getByRole("dialog", { name: "E-mail the customer?" })
        .getByRole("button", { name: "Continue and notify the customer" })
        .click();
      const flash = page.locator("p.flash");
      await expect.poll(() => flash.textContent()).toBe("The port request was marked as completed.");
      expect(await flash.isVisible()).toBe(true);
      expect((await service.request("GET", portPath(id))).body.status).toBe("completed");
      await expect.poll(() => notices("port.completed")).toBe(1);

      // The completed filter shows it, read-only, with its completion time and zone.
      await page.getByLabel("Show").selectOption("completed");
      const done = page.locator("article.port-card", { hasText: "+49892000020" });
      await expect.poll(() => done.innerText()).toMatch(/Completed .+ \(Europe\/Berlin\), on time/);
      expect(await done.getByRole("button", { name: "Mark as completed" }).count()).toBe(0);
      expect(await done.getByLabel("Network ready").isDisabled()).toBe(true);
      await screenshot(page, "13-porting-completed-filter");
      await page.close();
    },
  );

  it("cancels with a reason, and lists the request under Cancelled", { timeout: 60_000 }, async () => {
    const id = await scheduled("+49 89 2000030", 6);
    const page = await board();
    const card = page.locator("article.port-card", { hasText: "+49892000030" });
    await card.getByRole("button", { name: "Cancel request…" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this port request?" });
    await dialog.getByRole("button", { name: "Cancel the request" }).click();
    expect(await dialog.locator(".field-error").textContent()).toBe("Fill in this field.");
    expect((await service.request("GET", portPath(id))).body.status).toBe("scheduled");
    await dialog.getByLabel("Reason for cancelling").fill("The customer stays with the donor");
    await dialog.getByRole("button", { name: "Cancel the request" }).click();
    const flash = page.locator("p.flash");
    await expect.poll(() => flash.textContent()).toBe("The port request was cancelled.");
    expect(await flash.isVisible()).toBe(true);
    expect((await service.request("GET", portPath(id))).body.status).toBe("cancelled");
    const timeline = await service.request("GET", `${portPath(id)}/history`);
    expect(timeline.body.items[0]).toMatchObject({ event: "status", new: "cancelled" });
    expect(timeline.body.items.find((e: { event: string }) => e.event === "cancelled").note).toBe(
      "The customer stays with the donor",
    );

    await page.getByLabel("Show").selectOption("cancelled");
    await expect
      .poll(() => page.locator("article.port-card").allInnerTexts())
      .toEqual([expect.stringContaining("+49892000030")]);
    expect(await page.locator("article.port-card").innerText()).toContain("Cancelled");
    await page.getByLabel("Show").selectOption("open");
    await expect.poll(() => page.locator("article.port-card", { hasText: "+49892000030" }).count()).toBe(0);
    await page.close();
  });

  it("shows the compensation owed on an overdue German request", { timeout: 60_000 }, async () => {
    const created = await service.request("POST", `/v1/accounts/${ACCOUNT}/port-requests`, {
      body: {
        numbers: ["+49 89 2000040"],
        country: "DE",
        region: "DE-BY",
        donorProvider: "Telekom",
        consent: portConsent(),
      },
    });
    const id = created.body.id as string;
    await service.request("PUT", `${portPath(id)}/agreed-date`, { key: staffKey, body: { date: "2026-11-02" } });
    for (const name of ["validations_completed", "network_ready", "donor_activation_requested"])
      await service.request("PUT", `${portPath(id)}/requirements/${name}`, {
        key: staffKey,
        body: { satisfied: true, at: "2026-11-02T10:00:00+01:00" },
      });
    const owed = (await service.request("GET", portPath(id))).body.compensation;
    expect(owed).toMatchObject({ currency: "EUR", citation: "§ 59 TKG" });
    const page = await board();
    const card = page.locator("article.port-card", { hasText: "+49892000040" });
    const amount = new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(owed.amount);
    await expect
      .poll(() => card.innerText())
      .toContain(`Compensation owed so far: ${amount} (§ 59 TKG; delayed days counted: ${owed.days})`);
    await page.close();
  });
});
