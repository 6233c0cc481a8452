import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody, portConsent } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";

let service: TestService;
let browser: Browser;
let staffKey: string;
const ACCOUNT = "port-board";
const BASE = ["validations_completed", "network_ready", "donor_activation_requested"];

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

const portPath = (id: string) => `/v1/accounts/${ACCOUNT}/port-requests/${id}`;

async function open(numbers: string[]): Promise<string> {
  const reply = await service.request("POST", `/v1/accounts/${ACCOUNT}/port-requests`, {
    body: { numbers, country: "DE", region: "DE-BY", donorProvider: "Telekom", consent: portConsent() },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

async function satisfy(id: string, at?: string): Promise<void> {
  for (const name of BASE) {
    const reply = await service.request("PUT", `${portPath(id)}/requirements/${name}`, {
      key: staffKey,
      body: { satisfied: true, ...(at ? { at } : {}) },
    });
    expect(reply.status, reply.text).toBe(200);
  }
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe("porting board in the console", () => {
  it(
    "lists open requests overdue first, explains skipped days, and lets staff tick, date and complete them",
    { timeout: 60_000 },
    async () => {
      // Overdue: everything done a month ago, agreed date three weeks ago.
      const overdue = await open(["+49 89 2000001"]);
      await satisfy(overdue, new Date(Date.now() - 30 * 86_400_000).toISOString());
      expect(
        (
          await service.request("PUT", `${portPath(overdue)}/agreed-date`, {
            key: staffKey,
            body: { date: isoDay(-21) },
          })
        ).status,
      ).toBe(200);
      // Scheduled over Christmas in Bavaria: the 25th and 26th are holidays, the 27th a Sunday.
      const christmas = await open(["+49 89 2000002", "+49 89 2000003"]);
      await satisfy(christmas);
      expect(
        (
          await service.request("PUT", `${portPath(christmas)}/agreed-date`, {
            key: staffKey,
            body: { date: "2026-12-24" },
          })
        ).body.deadline.date,
      ).toBe("2026-12-28");
      // Still waiting for its requirements.
      const waiting = await open(["+49 89 2000004"]);
      await expect
        .poll(async () => (await service.request("GET", portPath(overdue))).body.status, { timeout: 10_000 })
        .toBe("overdue");

      const { page, problems } = await openPage(browser);
      await signIn(page, service.url, staffKey);
      await page.getByRole("link", { name: "Porting board" }).click();
      await page.getByRole("heading", { name: "Porting board" }).waitFor();
      const cards = page.locator("article.port-card");
      await expect.poll(() => cards.count()).toBe(3);
      expect(await cards.locator("h2").allTextContents()).toEqual([
        "+49892000001",
        "+49892000002, +49892000003",
        "+49892000004",
      ]);
      expect(await cards.nth(0).innerText()).toContain("Overdue");
      const scheduled = await cards.nth(1).innerText();
      expect(scheduled).toContain("Scheduled");
      expect(scheduled).toContain("Monday, December 28, 2026");
      expect(scheduled).toMatch(/Friday, December 25, 2026: Christmas Day/);
      expect(scheduled).toMatch(/Sunday, December 27, 2026: weekend/);
      expect(await page.getByRole("status").first().textContent()).toContain("Open requests: 3, of which overdue: 1.");
      await screenshot(page, "10-porting-board");

      // Tick a requirement on the waiting request.
      const third = cards.nth(2);
      await third.getByLabel("Network ready").check();
      await expect
        .poll(async () => (await service.request("GET", portPath(waiting))).body.requirements.network_ready.satisfied)
        .toBe(true);
      await expect.poll(() => cards.nth(2).getByLabel("Network ready").isChecked()).toBe(true);
      // The board was reloaded; keyboard focus stayed on the checkbox.
      expect(await page.locator(":focus").getAttribute("id")).toBe(`${waiting}-network_ready`);
      // Agree a date on it.
      await cards.nth(2).getByLabel("Agreed transfer date").fill("2027-01-15");
      await cards.nth(2).getByRole("button", { name: "Set date" }).click();
      await expect
        .poll(async () => (await service.request("GET", portPath(waiting))).body.agreedDate)
        .toBe("2027-01-15");
      // Wait for the board's reload after the save (the agreed date is written out only from the
      // server's data), so the colleague's change below is newer than what the page shows.
      await expect.poll(() => cards.nth(2).textContent()).toContain("January 15, 2027");
      // A colleague moves the Christmas one's date after the board was loaded: completing it from
      // the stale card is refused (If-Match), the board reloads and says so.
      const moved = await service.request("PUT", `${portPath(christmas)}/agreed-date`, {
        key: staffKey,
        body: { date: "2026-12-23" },
      });
      expect(moved.status).toBe(200);
      await cards.nth(1).getByRole("button", { name: "Mark as completed" }).click();
      // Completing e-mails the customer: the page asks first.
      await page.getByRole("dialog", { name: "E-mail the customer?" }).waitFor();
      await page.getByRole("button", { name: "Continue and notify the customer" }).click();
      const flash = page.locator("p.flash");
      await expect.poll(() => flash.textContent()).toContain("Someone else changed this request first");
      expect(await flash.isVisible()).toBe(true);
      expect((await service.request("GET", portPath(christmas))).body.status).toBe("scheduled");
      await expect.poll(() => cards.nth(1).getByLabel("Agreed transfer date").inputValue()).toBe("2026-12-23");
      // Complete it now: it leaves the board.
      await cards.nth(1).getByRole("button", { name: "Mark as completed" }).click();
      await page.getByRole("button", { name: "Continue and notify the customer" }).click();
      await expect.poll(() => flash.textContent()).toBe("The port request was marked as completed.");
      await expect.poll(async () => (await service.request("GET", portPath(christmas))).body.status).toBe("completed");
      await expect.poll(() => cards.count()).toBe(2);
      await screenshot(page, "11-porting-board-after");
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );
});
