import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

// Before the fix: `# HELP`/`# TYPE` repeated once per queue (promtool rejects it), and the
// completed-jobs counter stayed 0 while jobs completed.
let service: TestService;
beforeAll(async () => {
  service = await startService({ workers: true });
});
afterAll(async () => {
  await service.close();
});

async function activeDevice(accountId: string) {
  await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody() });
  const base = `/v1/accounts/${accountId}/devices/desk`;
  await service.request("PUT", base, {
    body: { type: "desk_phone", callbackNumber: "+14155552671", serviceCountry: "US" },
  });
  await service.request("PUT", `${base}/location`, { body: { address: US_ADDRESS } });
  const disclosure = await service.request("GET", "/v1/disclosures/US");
  await service.request("POST", `/v1/accounts/${accountId}/acknowledgements`, {
    body: { policy: disclosure.body.policy, version: disclosure.body.version, acceptedBy: "Pat" },
  });
  await service.request("POST", `${base}/activate`);
  return base;
}

const completed = (text: string, queue: string) =>
  Number(new RegExp(`^bullmq_job_completed_total\\{queue="${queue}"\\} (\\d+)`, "m").exec(text)?.[1] ?? "NaN");

describe("/metrics", () => {
  it("is valid Prometheus text (promtool), one HELP/TYPE per family, and the completed counter moves", async () => {
    const base = await activeDevice("metrics-a");
    await expect
      .poll(async () => (await service.request("GET", base)).body.e911.status, { timeout: 20_000 })
      .toBe("enabled");
    let text = "";
    await expect
      .poll(
        async () => {
          text = (await service.request("GET", "/metrics")).text;
          return completed(text, "notifications");
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    const help = text.split("\n").filter((line) => line.startsWith("# HELP "));
    const families = help.map((line) => line.split(" ")[2]);
    expect(new Set(families).size).toBe(families.length);
    const types = text.split("\n").filter((line) => line.startsWith("# TYPE "));
    expect(types).toHaveLength(help.length);
    expect(text).toMatch(/^bullmq_job_count\{queue="notifications",state="completed"\} \d+/m);
    const check = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(check.error).toBeUndefined();
    // promtool exits 1 on text it cannot parse, 3 on naming-style findings only. The style
    // findings left are names kept for compatibility: Node's defaults (prom-client) and BullMQ's
    // `bullmq_job_count`, which dashboards already use.
    const output = `${check.stdout}${check.stderr}`;
    expect(output).not.toMatch(/error|parsing/i);
    const findings = output
      .split("\n")
      .filter(Boolean)
      .filter((line) => !/^(nodejs_active_\w+_total|bullmq_job_count) /.test(line));
    expect(findings).toEqual([]);
    expect([0, 3]).toContain(check.status);
  });
});
