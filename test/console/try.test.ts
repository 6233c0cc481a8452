import { afterAll, beforeAll, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { launchBrowser, openPage, screenshot, signIn } from "./browser.js";
import type { Browser } from "playwright-core";
let service: TestService; let browser: Browser;
beforeAll(async () => { service = await startService({ workers: true }); browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); await service?.close(); });
it("loads", async () => {
  const { page, problems } = await openPage(browser);
  await page.goto(`${service.url}/console`);
  await page.getByLabel("API key").waitFor();
  await screenshot(page, "try-signin");
  await signIn(page, service.url, service.adminKey);
  await screenshot(page, "try-search");
  console.log(problems);
});
