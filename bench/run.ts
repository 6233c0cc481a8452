import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import autocannon, { type Request as CannonRequest } from "autocannon";
import { freePort, startRedisServer } from "../src/platform/redis-process.js";
import { benchMemory } from "./memory.js";
import { benchSearch } from "./search.js";
import { extraScenarios } from "./scenarios.js";

/**
 * `npm run bench`: the service and an Express hello-world, both started here on this machine,
 * measured with autocannon in alternating runs; then the in-process figures. Prints one table.
 */
const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DEVICES = 1_000;
/** `BENCH_ONLY=classify` runs only the HTTP scenarios whose name contains it, and nothing else. */
const ONLY = process.env.BENCH_ONLY?.toLowerCase();

/** Starts a Node process and resolves once `healthUrl` answers 200. */
async function startProcess(script: string, args: string[], env: Record<string, string>, healthUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));
  for (let i = 0; i < 300; i++) {
    if (exited !== null) throw new Error(`${script} exited with ${exited}`);
    if (await fetch(healthUrl).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not become healthy`);
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(url: string, requests: CannonRequest[], headers: Record<string, string> = {}): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers, requests });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

async function main(): Promise<void> {
  const redis = await startRedisServer({ appendfsync: "everysec" });
  const adminKey = `vck_${randomBytes(24).toString("base64url")}`;
  const apiPort = await freePort();
  const helloPort = await freePort();
  const service = await startProcess(join(here, "..", "src", "server.js"), ["--role=api"], {
    REDIS_URL: redis.url,
    PORT: String(apiPort),
    HOST: "127.0.0.1",
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    // The limiter stays on (its Redis round trip is part of the cost) but never rejects the bench.
    RATE_LIMIT_RPS: "1000000",
  }, `http://127.0.0.1:${apiPort}/healthz`).catch(async (error) => {
    await redis.stop();
    throw error;
  });
  const base = `http://127.0.0.1:${apiPort}`;
  const hello = await startProcess(join(here, "hello.js"), [], { PORT: String(helloPort) }, `http://127.0.0.1:${helloPort}/`);
  const auth = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };

  // Data: one account, DEVICES devices with a location, the policy acknowledged.
  const put = (path: string, body: unknown) => fetch(base + path, { method: "PUT", headers: auth, body: JSON.stringify(body) });
  await put("/v1/accounts/bench", { name: "Bench", country: "US", locale: "en", contacts: { emails: ["bench@example.com"] } });
  const address = (i: number) => ({ country: "US", region: "US-NY", city: "New York", street: "Broadway", houseNumber: String(1 + (i % 900)), postalCode: "10004", floor: String(1 + (i % 40)) });
  for (let start = 0; start < DEVICES; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        const i = start + k;
        await put(`/v1/accounts/bench/devices/d${i}`, { type: "desk_phone", callbackNumber: "+12125550100".replace(/0100$/, String(1000 + (i % 8999))), serviceCountry: "US" });
        await put(`/v1/accounts/bench/devices/d${i}/location`, { address: address(i) });
      }),
    );
  }

  let getCounter = 0;
  let putCounter = 0;
  const scenarios: { name: string; requests: CannonRequest[] }[] = [
    { name: "GET device", requests: [{ method: "GET", setupRequest: (r: CannonRequest) => ({ ...r, path: `/v1/accounts/bench/devices/d${getCounter++ % DEVICES}` }) }] },
    {
      name: "PUT location (rotating devices)",
      requests: [
        {
          method: "PUT",
          setupRequest: (r: CannonRequest) => {
            const n = putCounter++;
            return { ...r, path: `/v1/accounts/bench/devices/d${n % DEVICES}/location`, body: JSON.stringify({ address: { ...address(n % DEVICES), room: String(n) }, reason: "bench" }) };
          },
        },
      ],
    },
  ];
  scenarios.unshift(...(await extraScenarios(base, auth)));

  const rows: string[][] = [];
  for (const scenario of scenarios.filter((s) => !ONLY || s.name.toLowerCase().includes(ONLY))) {
    const helloRuns: Figures[] = [];
    const serviceRuns: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      helloRuns.push(await cannon(`http://127.0.0.1:${helloPort}/`, [{ method: "GET", path: "/" }]));
      serviceRuns.push(await cannon(base, scenario.requests, auth));
    }
    const mean = (runs: Figures[], key: keyof Figures) => runs.reduce((s, r) => s + r[key], 0) / runs.length;
    const h = mean(helloRuns, "rps");
    const s = mean(serviceRuns, "rps");
    rows.push([scenario.name, s.toFixed(0), mean(serviceRuns, "p50").toFixed(1), mean(serviceRuns, "p99").toFixed(1), h.toFixed(0), (s / h).toFixed(2), String(mean(serviceRuns, "errors"))]);
  }

  service.kill("SIGTERM");
  hello.kill("SIGTERM");
  await redis.stop();

  const header = ["scenario", "req/s", "p50 ms", "p99 ms", "hello req/s", "ratio", "errors"];
  console.log(`\nHTTP (autocannon, ${CONNECTIONS} connections, ${DURATION_S}s x ${ROUNDS} alternating rounds, Node ${process.version})`);
  printTable(header, rows);
  if (ONLY) return;

  const inProcess: string[][] = [];
  for (const [file, fn] of [["./classify.js", "benchClassify"], ["./deadline.js", "benchDeadline"], ["./webhooks.js", "benchWebhooks"]] as const) {
    const mod = (await import(file).catch(() => null)) as Record<string, () => Figure | Promise<Figure>> | null;
    const run = mod?.[fn];
    if (!run) continue;
    const r = await run();
    inProcess.push([r.name, r.opsPerSec.toFixed(0), r.baselineOpsPerSec.toFixed(0), (r.opsPerSec / r.baselineOpsPerSec).toFixed(3)]);
  }
  if (inProcess.length) {
    console.log("\nIn-process");
    printTable(["benchmark", "ops/s", "baseline ops/s", "ratio"], inProcess);
  }

  const search = await benchSearch();
  console.log(`\nConsole search over HTTP, ${search.devices} devices: p50 ${search.p50Ms.toFixed(1)} ms, p99 ${search.p99Ms.toFixed(1)} ms (target ≤ 200 ms)`);

  const memory = await benchMemory();
  console.log(`\nRedis memory: ${memory.devices} devices with a location and one history entry ${memory.bytesPerDevice.toFixed(0)} bytes/device in all; registry ${(memory.bytesPerDevice - memory.searchBytesPerDevice).toFixed(0)}, console search index ${memory.searchBytesPerDevice.toFixed(0)} (target ≤ 1,500 for the registry); used_memory ${memory.usedMemoryHuman}`);
}

interface Figure {
  name: string;
  opsPerSec: number;
  baselineOpsPerSec: number;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
