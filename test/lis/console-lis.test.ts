import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, signIn } from "../console/browser.js";

let service: TestService;
let browser: Browser;
let staffKey: string;
const ACCOUNT = "lis-console";
const HOME = {
  country: "US",
  region: "US-CA",
  city: "Oakland",
  street: "Broadway",
  houseNumber: "400",
  postalCode: "94607",
};

beforeAll(async () => {
  service = await startService({ workers: true });
  browser = await launchBrowser();
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody() });
  await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/desk`, {
    body: { type: "desk_phone", callbackNumber: "+1 415 555 0110", serviceCountry: "US" },
  });
  await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/desk/location`, { body: { address: HOME } });
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe("console: network map, device mobility and dispatchable location, attention list", () => {
  it(
    "builds a map in the page, imports a CSV, and shows a suspected move on the device and in the staff list",
    { timeout: 90_000 },
    async () => {
      const { page, problems } = await openPage(browser);
      await signIn(page, service.url, staffKey);
      await page.getByRole("link", { name: "Network map" }).click();
      await page.getByLabel("Account").fill(ACCOUNT);
      await page.getByRole("button", { name: "Show map" }).click();
      await page.getByRole("heading", { name: "Emergency locations" }).waitFor();

      await page.getByLabel("Location id").fill("hq-2");
      await page.getByLabel("Name", { exact: true }).fill("HQ floor 2");
      await page.getByLabel("Region").fill(US_ADDRESS.region);
      await page.getByLabel("City").fill(US_ADDRESS.city);
      await page.getByLabel("Street").fill("Market St");
      await page.getByLabel("House number").fill(US_ADDRESS.houseNumber);
      await page.getByLabel("Postal code").fill(US_ADDRESS.postalCode);
      await page.getByLabel("Floor").fill("2");
      await page.getByRole("button", { name: "Save emergency location" }).click();
      await page.getByRole("cell", { name: "HQ floor 2" }).waitFor();

      await page.getByLabel("Entry id").fill("hq-lan");
      await page.getByLabel("Value").fill("10.2.0.0/16");
      await page.getByRole("button", { name: "Save map entry" }).click();
      await page.locator("#map-entries").getByRole("cell", { name: "10.2.0.0/16" }).waitFor();

      await page.getByLabel("CSV file").setInputFiles({
        name: "map.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          `accountId,entryId,locationId,bssid\n${ACCOUNT},ap-1,hq-2,00-1A-2B-3C-4D-5E\n${ACCOUNT},ap-bad,hq-2,zz\n`,
        ),
      });
      await page.getByRole("button", { name: "Check (dry run)" }).click();
      await expect
        .poll(() => page.locator("#map-import-result").textContent(), { timeout: 30_000 })
        .toContain("1 rows good, 1 with errors");
      await page.getByRole("button", { name: "Import the checked file" }).click();
      await page.locator("#map-entries").getByRole("cell", { name: "00:1a:2b:3c:4d:5e" }).waitFor({ timeout: 30_000 });

      // The desk phone shows up on HQ's LAN: a fixed device on a network mapped elsewhere.
      const seen = await service.request("POST", `/v1/accounts/${ACCOUNT}/devices/desk/observations`, {
        body: { ip: "10.2.3.4" },
      });
      expect(seen.body.status).toBe("suspected-move");
      await page.getByRole("link", { name: "Needs attention" }).click();
      await page
        .locator("#attention")
        .getByRole("link", { name: `${ACCOUNT} / desk` })
        .click();
      await page.getByRole("heading", { name: "Dispatchable location" }).waitFor();
      expect(await page.locator("#dispatchable-status").textContent()).toBe("Suspected move");
      expect(await page.locator("#dispatchable-line").textContent()).toContain("400 Broadway");
      await expect.poll(() => page.getByText("Fixed", { exact: true }).count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
  );
});
