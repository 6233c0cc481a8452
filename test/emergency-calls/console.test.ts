import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, signIn } from "../console/browser.js";
import { startService, type TestService } from "../support/service.js";
import { newCallId, siteWithPhone } from "./support.js";

let service: TestService;
let browser: Browser;
beforeAll(async () => {
  service = await startService();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await service.close();
});

describe("the console's live emergency-call feed", () => {
  it("shows a new call within a second, with banner, and takes it off when acknowledged", async () => {
    const { deviceId } = await siteWithPhone(service, "console-ec");
    const staff = await service.key("fulfillment");
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, staff);
    await page.getByRole("link", { name: "Emergency calls" }).click();
    await page.getByRole("heading", { name: "Emergency calls", level: 1 }).waitFor();

    const posted = performance.now();
    const reply = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "911", accountId: "console-ec", deviceId },
    });
    expect(reply.status).toBe(201);
    const item = page.locator(`[data-call-id="${reply.body.id}"]`);
    await item.waitFor({ timeout: 5_000 });
    const shownAfterMs = performance.now() - posted;
    expect(shownAfterMs).toBeLessThan(1_500);
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: "Unacknowledged emergency calls" }).count())
      .toBe(1);
    expect(await page.title()).toContain("EMERGENCY CALL");
    await expect.poll(() => item.textContent()).toContain("+14155552671");
    expect(await item.textContent()).toContain("Lobby");
    await screenshot(page, "emergency-feed");

    await item.getByLabel("Acknowledged by").fill("Security desk (Kim)");
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await item.waitFor({ state: "detached" });
    const read = await service.request("GET", `/v1/accounts/console-ec/emergency-calls/${reply.body.id}`);
    expect(read.body).toMatchObject({ status: "acknowledged", acknowledgedBy: "Security desk (Kim)" });
    await expect.poll(() => page.locator("#emergency-banner").isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("shows a call's view with location, callback number and timeline, and the device's last test call", async () => {
    const { deviceId } = await siteWithPhone(service, "console-ec-view");
    const test = await service.request("POST", "/v1/emergency-calls", {
      body: { callId: newCallId(), dialed: "933", accountId: "console-ec-view", deviceId },
    });
    expect(test.body.test).toBe(true);
    const customer = await service.key("customer", "console-ec-view");
    const { page, problems } = await openPage(browser);
    await signIn(page, service.url, customer);
    await page.goto(`${service.url}/console#/devices/console-ec-view/${deviceId}`);
    const section = page.getByRole("region", { name: "Emergency calls from this device" });
    await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain("Last test call");
    expect(await section.textContent()).toContain("100 Market St");
    await section.getByRole("link").first().click();
    await page.getByRole("heading", { name: "Emergency call", level: 1 }).waitFor();
    const view = page.locator(".emergency-call-view");
    await expect.poll(() => view.textContent()).toContain("Call placed");
    expect(await view.textContent()).toContain("+14155552671");
    expect(await view.textContent()).toContain("location version 1");
    await page.getByLabel("Acknowledged by").fill("Office manager");
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => view.textContent()).toContain("Office manager");
    expect(problems).toEqual([]);
  });
});
