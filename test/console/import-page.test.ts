import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";

let service: TestService;
let browser: Browser;
let staffKey: string;
const ACCOUNT = "bulk-co";
const ROWS = 3_000;
// One row per device (a device listed twice in a file is flagged and not written), and two
// more for the bad rows.
const DEVICES = ROWS + 2;

beforeAll(async () => {
  service = await startService({ workers: true });
  browser = await launchBrowser();
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody({ country: "GB", locale: "en" }) });
  const ids = Array.from({ length: DEVICES }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = ids.pop(); i !== undefined; i = ids.pop()) {
        await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/hd-${i}`, {
          body: {
            type: "softphone",
            callbackNumber: `+44 20 7946 ${String(i % 10_000).padStart(4, "0")}`,
            serviceCountry: "GB",
          },
        });
      }
    }),
  );
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

function csvFile(): string {
  const lines = ["accountId;deviceId;country;city;street;houseNumber;postalCode;floor;reason"];
  for (let i = 0; i < ROWS; i++)
    lines.push(`${ACCOUNT};hd-${i};GB;London;Whitehall;${1 + (i % 90)};SW1A 2AA;${i % 9};hot-desk rota`);
  // Three bad rows: a postal code of no country, a device that does not exist, no reason.
  lines.push(
    `${ACCOUNT};hd-${ROWS};GB;London;Whitehall;1;ABC;1;typo`,
    `${ACCOUNT};ghost;GB;London;Whitehall;1;SW1A 2AA;1;nobody`,
    `${ACCOUNT};hd-${ROWS + 1};GB;London;Whitehall;1;SW1A 2AA;1;`,
  );
  return `${lines.join("\r\n")}\r\n`;
}

describe("bulk import in the console", () => {
  it(
    "uploads a CSV, dry-runs it (every row's errors, nothing written), imports with a progress bar, offers the reports",
    { timeout: 90_000 },
    async () => {
      const { page, problems } = await openPage(browser);
      await signIn(page, service.url, staffKey);
      await page.getByRole("link", { name: "Bulk import" }).click();
      await page.getByRole("heading", { name: "Bulk import of device locations" }).waitFor();
      await page
        .getByLabel("CSV file")
        .setInputFiles({ name: "moves.csv", mimeType: "text/csv", buffer: Buffer.from(csvFile(), "utf8") });
      await page.getByRole("button", { name: "Upload and check (dry run)" }).click();

      const dryResult = page.locator("#dry-run-result");
      await dryResult.waitFor({ timeout: 30_000 });
      expect(await dryResult.textContent()).toBe(
        `Rows checked: ${ROWS + 3}. Can be saved: ${ROWS}. With errors: 3. Nothing was changed.`,
      );
      expect(await page.getByLabel("Dry run progress").getAttribute("value")).toBe("100");
      const problemRows = page.locator("table.problems tbody tr");
      expect(await problemRows.count()).toBe(3);
      const problemText = await page.locator("table.problems").innerText();
      expect(problemText).toContain(String(ROWS + 2)); // spreadsheet row of the first bad line
      expect(problemText).toContain("postalCode");
      expect(problemText).toContain("ghost");
      expect(problemText).toContain("reason");
      // Each row's before → after: the devices have no location yet, so every field is new.
      const changes = await page.locator("#dry-run-changes").innerText();
      expect(changes).toContain("Whitehall");
      expect(changes).toContain("(empty)");
      // The dry run wrote nothing.
      expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-0`)).body.location).toBeNull();
      await screenshot(page, "08-import-dry-run");

      const [dryReport] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download the report (CSV)" }).click(),
      ]);
      const dryCsv = readFileSync(await dryReport.path(), "utf8");
      expect(dryCsv.split(/\r\n/).filter((l) => l.includes(",invalid,"))).toHaveLength(3);

      // The real run: watch the bar while it moves.
      const bar = page.getByLabel("Import progress");
      await page.getByRole("button", { name: `Import the rows without errors (${ROWS})` }).click();
      await bar.waitFor();
      const values = new Set<string>();
      const applyResult = page.locator("#apply-result");
      for (let i = 0; i < 600 && !(await applyResult.count()); i++) {
        values.add((await bar.getAttribute("value")) ?? "");
        await page.waitForTimeout(25);
      }
      await applyResult.waitFor();
      expect(await applyResult.textContent()).toMatch(
        new RegExp(`^Rows: ${ROWS + 3}\\. Saved: \\d+\\. Already up to date: \\d+\\. Not saved: 3\\.$`),
      );
      expect(await bar.getAttribute("value")).toBe("100");
      const intermediate = [...values].map(Number).filter((v) => v > 0 && v < 100);
      expect(intermediate.length, `progress values seen: ${[...values].join(", ")}`).toBeGreaterThan(0);
      await screenshot(page, "09-import-done");

      const device = (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-0`)).body;
      expect(device.location.address).toMatchObject({ country: "GB", city: "London", postalCode: "SW1A 2AA" });
      const history = (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-0/location/history`)).body
        .items;
      expect(history[0].reason).toBe("hot-desk rota");
      const [applyReport] = await Promise.all([
        page.waitForEvent("download"),
        page
          .getByRole("region", { name: "Import", exact: true })
          .getByRole("button", { name: "Download the report (CSV)" })
          .click(),
      ]);
      const applyCsv = readFileSync(await applyReport.path(), "utf8");
      expect(applyCsv.charCodeAt(0)).toBe(0xfeff);
      expect(applyCsv).toContain(",saved,");
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );

  it(
    "flags a device listed twice, writes neither of its rows, and applies the mode chosen (replace clears what the file leaves out)",
    {
      timeout: 60_000,
    },
    async () => {
      const put = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/hd-1/location`, {
        body: {
          address: {
            country: "GB",
            city: "London",
            street: "Whitehall",
            houseNumber: "70",
            postalCode: "SW1A 2AS",
            floor: "4",
          },
        },
      });
      expect(put.status).toBe(200);
      const before0 = (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-0`)).body.location;
      const csv =
        [
          "accountId;deviceId;country;city;street;houseNumber;postalCode;reason",
          `${ACCOUNT};hd-0;GB;London;Downing Street;10;SW1A 2AA;moved`,
          `${ACCOUNT};hd-1;GB;London;Downing Street;11;SW1A 2AB;moved`,
          `${ACCOUNT};hd-0;GB;London;Downing Street;12;SW1A 2AA;moved again`,
        ].join("\r\n") + "\r\n";

      const { page, problems } = await openPage(browser);
      await signIn(page, service.url, staffKey);
      await page.getByRole("link", { name: "Bulk import" }).click();
      await page.getByRole("heading", { name: "Bulk import of device locations" }).waitFor();
      expect(await page.getByRole("radio", { name: /Merge/ }).isChecked()).toBe(true); // the safe default
      await page.getByRole("radio", { name: /Replace/ }).check();
      await page
        .getByLabel("CSV file")
        .setInputFiles({ name: "moves.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await page.getByRole("button", { name: "Upload and check (dry run)" }).click();
      const dryResult = page.locator("#dry-run-result");
      await dryResult.waitFor({ timeout: 30_000 });
      expect(await dryResult.textContent()).toBe(
        "Rows checked: 3. Can be saved: 1. With errors: 2. Nothing was changed.",
      );
      const problemText = await page.locator("table.problems").innerText();
      expect(problemText).toContain("is listed more than once in this file (rows 2, 4)");
      await screenshot(page, "09b-import-duplicates");

      await page.getByRole("button", { name: "Import the rows without errors (1)" }).click();
      await page.locator("#apply-result").waitFor({ timeout: 30_000 });
      const hd1 = (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-1`)).body.location.address;
      expect(hd1).toMatchObject({ street: "Downing Street", houseNumber: "11", postalCode: "SW1A 2AB" });
      expect(hd1.floor).toBeUndefined(); // replace: the file gives no floor, so the old one is gone
      const hd0 = (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/hd-0`)).body.location;
      expect(hd0).toEqual(before0); // listed twice: neither row written
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );
});
