import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { accountBody } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

let service: TestService;
let staffKey: string;
const ACCOUNT = "import-co";

beforeAll(async () => {
  service = await startService({ workers: true, env: { RATE_LIMIT_RPS: "0" } });
  staffKey = await service.key("fulfillment");
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody({ country: "DE", locale: "de" }) });
  await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/us-phone`, {
    body: { type: "desk_phone", callbackNumber: "+1 415 555 2671", serviceCountry: "US" },
  });
  for (let i = 0; i < 500; i++) {
    const reply = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/d${i}`, {
      body: { type: "desk_phone", callbackNumber: `+49 89 ${1_000_000 + i}`, serviceCountry: "DE" },
    });
    expect(reply.status).toBe(201);
  }
});
afterAll(async () => {
  await service.close();
});

const HEADER = "accountId,deviceId,country,region,city,street,houseNumber,postalCode,floor,room,reason";
const row = (deviceId: string, overrides: Partial<Record<string, string>> = {}) => {
  const v = {
    accountId: ACCOUNT,
    deviceId,
    country: "DE",
    region: "DE-BY",
    city: "München",
    street: "Leopoldstraße",
    houseNumber: "12",
    postalCode: "80802",
    floor: "1",
    room: "",
    reason: "office move",
    ...overrides,
  };
  return HEADER.split(",")
    .map((c) =>
      /[",;\n]/.test(v[c as keyof typeof v] ?? "")
        ? `"${(v[c as keyof typeof v] ?? "").replace(/"/g, '""')}"`
        : (v[c as keyof typeof v] ?? ""),
    )
    .join(",");
};

async function createImport(csv: string, key = staffKey) {
  return service.request("POST", "/v1/location-imports", { key, body: { name: "test.csv", csv, complete: true } });
}

async function runToEnd(id: string, mode: "dry-run" | "apply", onPoll?: (body: any) => void) {
  const started = await service.request("POST", `/v1/location-imports/${id}/runs`, { key: staffKey, body: { mode } });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const reply = await service.request("GET", `/v1/location-imports/${id}`, { key: staffKey });
    onPoll?.(reply.body);
    const run = reply.body.runs[mode];
    if (run && (run.status === "done" || run.status === "failed")) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

describe("location imports", () => {
  it("dry run: reports every row's errors by column, writes nothing", async () => {
    const csv = [
      HEADER,
      row("d1"),
      row("d2", { postalCode: "8080" }),
      row("d3", { reason: "" }),
      row("nobody"),
      row("us-phone"),
      row("d4", { region: "XX", city: "" }),
      `${ACCOUNT},d5,DE`,
      row("d6", { street: 'Straße "am Markt", Hof', floor: "=1+1" }),
      row("=1+2"),
      "",
    ].join("\r\n");
    const created = await createImport(csv);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^imp_/),
      upload: { parts: 1, complete: true },
      runs: {},
    });
    const run = await runToEnd(created.body.id, "dry-run");
    expect(run).toMatchObject({ status: "done", total: 9, processed: 9, ok: 2, failed: 7, percent: 100 });
    const report = await service.request("GET", `/v1/location-imports/${created.body.id}/report?mode=dry-run`, {
      key: staffKey,
    });
    const byRow = Object.fromEntries(
      report.body.items.map((r: any) => [
        r.row,
        { outcome: r.outcome, paths: r.errors.map((e: any) => e.path).sort() },
      ]),
    );
    expect(byRow).toEqual({
      2: { outcome: "valid", paths: [] },
      3: { outcome: "invalid", paths: ["postalCode"] },
      4: { outcome: "invalid", paths: ["reason"] },
      5: { outcome: "invalid", paths: ["deviceId"] },
      6: { outcome: "invalid", paths: ["country"] },
      7: { outcome: "invalid", paths: ["city", "region"] },
      // Only three fields: too few, and no city, street, house number, postal code (required in DE) or reason.
      8: { outcome: "invalid", paths: ["", "city", "houseNumber", "postalCode", "reason", "street"] },
      9: { outcome: "valid", paths: [] },
      10: { outcome: "invalid", paths: ["deviceId"] },
    });
    // Nothing was written.
    for (const id of ["d1", "d6"])
      expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/${id}`)).body.location).toBeNull();
    // Problems only, and the CSV form of the report.
    const problems = await service.request(
      "GET",
      `/v1/location-imports/${created.body.id}/report?mode=dry-run&problems=true&limit=2&offset=1`,
      { key: staffKey },
    );
    expect(problems.body.items.map((r: any) => r.row)).toEqual([4, 5]);
    const csvReport = await service.request(
      "GET",
      `/v1/location-imports/${created.body.id}/report?mode=dry-run&format=csv`,
      { key: staffKey },
    );
    expect(csvReport.headers.get("content-type")).toContain("text/csv");
    // Read with a parser of its own, strict RFC 4180 as the report promises (BOM, comma, CRLF),
    // not with the service's lenient import reader.
    const lines: string[][] = parse(csvReport.text, { bom: true, delimiter: ",", record_delimiter: "\r\n" });
    expect(lines[0]).toEqual(["row", "accountId", "deviceId", "outcome", "locationVersion", "column", "message"]);
    expect(lines.every((l) => l.length === 7)).toBe(true);
    expect(lines.find((l) => l[0] === "3")).toEqual([
      "3",
      ACCOUNT,
      "d2",
      "invalid",
      "",
      "postalCode",
      expect.stringContaining("postal code of DE"),
    ]);
    // A cell from the uploaded file that a spreadsheet would run as a formula is defused.
    expect(lines.find((l) => l[0] === "10")?.[2]).toBe("'=1+2");
  });

  it("real run: saves the good rows through the location use case, with the reason in the history", async () => {
    const csv = [
      HEADER,
      row("d10", { floor: "3" }),
      row("d11", { postalCode: "1" }),
      row("d12", { street: 'Straße "am Markt", Hof' }),
    ].join("\n");
    const created = await createImport(csv);
    const run = await runToEnd(created.body.id, "apply");
    expect(run).toMatchObject({ status: "done", total: 3, ok: 2, failed: 1 });
    const d10 = await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d10/location/history`);
    expect(d10.body.items.map((e: any) => [e.version, e.address.floor, e.reason])).toEqual([[1, "3", "office move"]]);
    expect(d10.body.items[0].changedBy).toContain("test fulfillment");
    expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d12/location`)).body.address.street).toBe(
      'Straße "am Markt", Hof',
    );
    expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d11`)).body.location).toBeNull();
    // A run happens once per import: asking again answers with the finished run.
    const again = await service.request("POST", `/v1/location-imports/${created.body.id}/runs`, {
      key: staffKey,
      body: { mode: "apply" },
    });
    expect(again.body.runs.apply).toMatchObject({ status: "done", ok: 2 });
    expect(
      (await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d10/location/history`)).body.items,
    ).toHaveLength(1);
  });

  it("refuses a file whose header is wrong, naming the columns", async () => {
    const created = await createImport("account,deviceId,country,city,zip,reason\nx,y,DE,Berlin,10117,r\n");
    const run = await runToEnd(created.body.id, "dry-run");
    expect(run.status).toBe("failed");
    expect(run.fileErrors.map((e: any) => e.path)).toEqual(["account", "zip", "accountId"]);
  });

  it("refuses a file with a quote that is never closed before reading any row, and writes nothing", async () => {
    const broken = `${ACCOUNT},d31,DE,DE-BY,München,"Leopoldstraße,12,80802,1,,typo`;
    const created = await createImport([HEADER, row("d30"), broken, row("d32"), ""].join("\n"));
    const run = await runToEnd(created.body.id, "apply");
    expect(run).toMatchObject({ status: "failed", processed: 0, ok: 0 });
    expect(run.fileErrors).toEqual([{ path: "", message: expect.stringContaining("row 3") }]);
    for (const id of ["d30", "d32"])
      expect((await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/${id}`)).body.location).toBeNull();
  });

  it("takes big files in parts, in order, replaying a repeated part", async () => {
    const first = await service.request("POST", "/v1/location-imports", {
      key: staffKey,
      body: { csv: `${HEADER}\n${row("d20")}\n`, complete: false },
    });
    const id = first.body.id;
    expect(
      (await service.request("POST", `/v1/location-imports/${id}/runs`, { key: staffKey, body: { mode: "dry-run" } }))
        .status,
    ).toBe(409);
    expect(
      (
        await service.request("POST", `/v1/location-imports/${id}/parts`, {
          key: staffKey,
          body: { index: 2, csv: "x", complete: true },
        })
      ).status,
    ).toBe(409);
    const second = await service.request("POST", `/v1/location-imports/${id}/parts`, {
      key: staffKey,
      body: { index: 1, csv: `${row("d21")}\n${ACCOUNT},d2`, complete: false },
    });
    expect(second.body.upload).toMatchObject({ parts: 2, complete: false });
    const replay = await service.request("POST", `/v1/location-imports/${id}/parts`, {
      key: staffKey,
      body: { index: 1, csv: "ignored", complete: false },
    });
    expect(replay.body.upload.parts).toBe(2);
    // A row may straddle two parts.
    await service.request("POST", `/v1/location-imports/${id}/parts`, {
      key: staffKey,
      body: { index: 2, csv: `2,DE,DE-BY,München,Leopoldstraße,12,80802,1,,split row\n`, complete: true },
    });
    expect(
      (
        await service.request("POST", `/v1/location-imports/${id}/parts`, {
          key: staffKey,
          body: { index: 3, csv: "x", complete: true },
        })
      ).status,
    ).toBe(409);
    const run = await runToEnd(id, "dry-run");
    expect(run).toMatchObject({ status: "done", total: 3, ok: 3 });
    const report = await service.request("GET", `/v1/location-imports/${id}/report?mode=dry-run`, { key: staffKey });
    expect(report.body.items.map((r: any) => r.deviceId)).toEqual(["d20", "d21", "d22"]);
  });

  it("is staff work: customer and provisioning keys may not import, and parts are size-checked", async () => {
    const customer = await service.key("customer", ACCOUNT);
    expect((await createImport(`${HEADER}\n`, customer)).status).toBe(403);
    expect((await createImport(`${HEADER}\n`, await service.key("provisioning"))).status).toBe(403);
    const big = await service.request("POST", "/v1/location-imports", {
      key: staffKey,
      body: { csv: "x".repeat(60_001) },
    });
    expect(big.status).toBe(400);
    expect((await service.request("GET", "/v1/location-imports/imp_doesnotexist0000", { key: staffKey })).status).toBe(
      404,
    );
  });

  it(
    "imports 10k rows in the background with progress, and the API keeps answering quickly meanwhile",
    { timeout: 120_000 },
    async () => {
      // One row per device: a device listed twice in a file is flagged and not written (issue 20).
      const more = Array.from({ length: 9_500 }, (_, i) => `d${500 + i}`);
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let id = more.pop(); id !== undefined; id = more.pop()) {
            const reply = await service.request("PUT", `/v1/accounts/${ACCOUNT}/devices/${id}`, {
              body: { type: "desk_phone", callbackNumber: "+49 89 2000000", serviceCountry: "DE" },
            });
            expect(reply.status).toBe(201);
          }
        }),
      );
      const lines = [HEADER];
      for (let i = 0; i < 10_000; i++) lines.push(row(`d${i}`, { room: String(i), floor: String(i % 20) }));
      const text = `${lines.join("\n")}\n`;
      // Sent in parts of at most 50k characters, split at line ends, as the console does.
      const parts: string[] = [];
      for (let start = 0; start < text.length;) {
        let end = Math.min(text.length, start + 50_000);
        if (end < text.length) end = text.lastIndexOf("\n", end - 1) + 1;
        parts.push(text.slice(start, end));
        start = end;
      }
      let created = await service.request("POST", "/v1/location-imports", {
        key: staffKey,
        body: { csv: parts[0], complete: false },
      });
      for (let i = 1; i < parts.length; i++) {
        created = await service.request("POST", `/v1/location-imports/${created.body.id}/parts`, {
          key: staffKey,
          body: { index: i, csv: parts[i], complete: i === parts.length - 1 },
        });
        expect(created.status).toBe(200);
      }
      expect(created.body.upload).toMatchObject({ parts: parts.length, complete: true });

      // While the import runs (its worker shares this process's event loop), time other requests.
      const latencies: number[] = [];
      let running = true;
      const probe = (async () => {
        while (running) {
          const t0 = performance.now();
          const reply = await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d7`);
          latencies.push(performance.now() - t0);
          expect(reply.status).toBe(200);
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      const seen = new Set<number>();
      const started = performance.now();
      const run = await runToEnd(created.body.id, "apply", (body) => {
        const percent = body.runs.apply?.percent;
        if (typeof percent === "number") seen.add(percent);
      });
      running = false;
      await probe;
      const seconds = (performance.now() - started) / 1000;
      expect(run).toMatchObject({ status: "done", total: 10_000, processed: 10_000, ok: 10_000, failed: 0 });
      // The bar moved through intermediate values, not straight from 0 to 100.
      expect([...seen].filter((p) => p > 0 && p < 100).length).toBeGreaterThan(2);
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
      const max = latencies[latencies.length - 1]!;
      console.log(
        `10k-row import: ${seconds.toFixed(1)} s; ${latencies.length} API requests meanwhile, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
      );
      // Not a speed target (the bench measures that): a row loop blocking the event loop shows as seconds; the machine under CI load shows a few hundred ms.
      expect(p99).toBeLessThan(2000);
      const history = await service.request("GET", `/v1/accounts/${ACCOUNT}/devices/d9507/location/history`);
      expect(history.body.items[0].address.room).toBe("9507");
    },
  );
});
