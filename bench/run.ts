import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Request as CannonRequest } from "autocannon";
import { freePort, WAITAOF_SERVER } from "../src/platform/redis-process.js";
import { benchDialLatency } from "./dial-latency.js";
import { benchDurability } from "./durability.js";
import { benchEmergencyCalls, INTAKE_RATE } from "./emergency-calls.js";
import { benchMemory } from "./memory.js";
import { benchSearch } from "./search.js";
import { benchMapMemory, benchResolution } from "./lis.js";
import { startBenchService, startProcess } from "./service.js";

/**
 * `npm run bench`: the service and an Express hello-world, both started here on this machine,
 * measured with autocannon in alternating runs; then the in-process figures. Prints one table.
 */
const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Seconds of unmeasured load on each side before a scenario's rounds. */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
/**
 * `BENCH_ONLY=classify` runs only the HTTP scenarios whose name contains it, and nothing else;
 * `BENCH_ONLY=http` runs every HTTP scenario and nothing else.
 */
const ONLY = process.env.BENCH_ONLY?.toLowerCase();
const matches = (name: string) => !ONLY || ONLY === "http" || name.toLowerCase().includes(ONLY);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(
  url: string,
  requests: CannonRequest[],
  headers: Record<string, string> = {},
  duration = DURATION_S,
): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers, requests });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function main(): Promise<void> {
  const service = await startBenchService();
  const helloPort = await freePort();
  const hello = await startProcess(
    join(here, "hello.js"),
    [],
    { PORT: String(helloPort) },
    `http://127.0.0.1:${helloPort}/`,
  ).catch(async (error: unknown) => {
    await service.stop();
    throw error;
  });

  const rows: string[][] = [];
  // A reference row, not a scenario of the service: Express alone reading and answering a small
  // JSON POST (the hello-world process), i.e. what a POST costs in plain Express. The service's
  // own requests skip Express's prototype swap (ADR 0023) and can be above it.
  const reference = {
    name: "reference: Express, JSON POST only",
    base: `http://127.0.0.1:${helloPort}`,
    headers: { "content-type": "application/json" },
    requests: [{ method: "POST" as const, path: "/post", body: JSON.stringify({ country: "US", dialed: "911" }) }],
  };
  const targets = [
    ...(!ONLY || ONLY === "http" || "classify".includes(ONLY) ? [reference] : []),
    ...service.scenarios
      .filter((s) => matches(s.name))
      .map((s) => ({ name: s.name, base: service.base, headers: service.headers, requests: s.requests })),
  ];
  for (const scenario of targets) {
    const helloRuns: Figures[] = [];
    const serviceRuns: Figures[] = [];
    // Not measured: both sides warm (JIT, connections) before the first round counts.
    await cannon(`http://127.0.0.1:${helloPort}/`, [{ method: "GET", path: "/" }], {}, WARMUP_S);
    await cannon(scenario.base, scenario.requests, scenario.headers, WARMUP_S);
    for (let round = 0; round < ROUNDS; round++) {
      helloRuns.push(await cannon(`http://127.0.0.1:${helloPort}/`, [{ method: "GET", path: "/" }]));
      serviceRuns.push(await cannon(scenario.base, scenario.requests, scenario.headers));
    }
    const mean = (runs: Figures[], key: keyof Figures) => runs.reduce((s, r) => s + r[key], 0) / runs.length;
    // Each round's service run is compared with the hello-world run just before it, so a change
    // in the machine's load between rounds (this is a shared machine) does not skew the ratio.
    const ratios = serviceRuns.map((run, i) => run.rps / helloRuns[i]!.rps).sort((a, b) => a - b);
    const range = `${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)}`;
    // p99 against the hello-world's p99 of the same round (the targets say "≤ 2.5×").
    const tails = serviceRuns.map((run, i) => run.p99 / Math.max(helloRuns[i]!.p99, 1)).sort((a, b) => a - b);
    rows.push([
      scenario.name,
      mean(serviceRuns, "rps").toFixed(0),
      mean(serviceRuns, "p50").toFixed(1),
      mean(serviceRuns, "p99").toFixed(1),
      mean(helloRuns, "rps").toFixed(0),
      mean(helloRuns, "p99").toFixed(1),
      median(ratios).toFixed(2),
      range,
      median(tails).toFixed(1),
      String(mean(serviceRuns, "errors")),
    ]);
  }

  await service.stop();
  const durability =
    !ONLY || "put location durability".includes(ONLY)
      ? await benchDurability(
          ROUNDS,
          () => cannon(`http://127.0.0.1:${helloPort}/`, [{ method: "GET", path: "/" }]),
          cannon,
        )
      : [];
  hello.kill("SIGTERM");

  const header = [
    "scenario",
    "req/s",
    "p50 ms",
    "p99 ms",
    "hello req/s",
    "hello p99 ms",
    "ratio",
    "ratio range",
    "p99 / hello p99",
    "errors",
  ];
  console.log(
    `\nHTTP (autocannon, ${CONNECTIONS} connections, ${WARMUP_S}s warm-up then ${DURATION_S}s x ${ROUNDS} alternating rounds, Node ${process.version}; ratio = median over rounds of service / the hello-world run just before it)`,
  );
  printTable(header, rows);
  if (durability.length) {
    console.log(
      "\nPUT location per DURABILITY mode (ADR durable acknowledgement; ratio = median over rounds of service / the hello-world run just before it)",
    );
    printTable(["mode", "req/s", "p50 ms", "p99 ms", "ratio", "p99 / hello p99", "errors"], durability);
  }

  if (!ONLY || "dial-check latency".includes(ONLY)) {
    const dial = await benchDialLatency();
    console.log(
      `\nDial checks for 911 at a constant ${dial.rate}/s, open loop (latency from when each request was due), one API and one worker process`,
    );
    printTable(
      ["scenario", "sent", "200", "store-unavailable", "other", "p50 ms", "p99 ms", "max ms", ""],
      dial.rows.map((r) => [
        r.scenario,
        String(r.sent),
        String(r.ok),
        String(r.storeUnavailable),
        String(r.other),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.max.toFixed(1),
        r.note,
      ]),
    );
  }
  for (const [server, store] of [
    ["redis-7.0", "Redis 7.0, appendfsync always"],
    ["valkey-8.0", "Valkey 8.0, everysec + WAITAOF (ADR 0024)"],
  ] as const) {
    if (ONLY && !"emergency calls".includes(ONLY)) break;
    const ecalls = await benchEmergencyCalls(server);
    console.log(
      `\nEmergency calls (Kari's Law) on ${store}: POST /v1/emergency-calls → on-site webhook received, 200 calls at 20/s, one API process, one worker process for emergency alerts and one for the other queues (target p99 ≤ 1 s, busy ≤ 2× idle)`,
    );
    printTable(
      ["scenario", "calls", "p50 ms", "p99 ms", "max ms", ""],
      ecalls.rows.map((r) => [
        r.scenario,
        String(r.calls),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.max.toFixed(1),
        r.note,
      ]),
    );
    const [idle, busy] = ecalls.rows;
    if (idle && busy) console.log(`Busy p99 / idle p99: ${(busy.p99 / idle.p99).toFixed(2)} (target ≤ 2)`);
    console.log(
      `Intake alone, ${INTAKE_RATE} calls/s evenly spaced over at most 32 connections (open loop, latency from when each call was due; after an unmeasured warm-up at that rate): p50 ${ecalls.intakeAtRate.p50.toFixed(1)} ms, p99 ${ecalls.intakeAtRate.p99.toFixed(1)} ms, ${ecalls.intakeAtRate.errors} errors, ${ecalls.intakeAtRate.aofRewrites} AOF rewrites (target p99 ≤ 20 ms)`,
    );
    console.log(
      `The same with both worker processes stopped (SIGSTOP) while it runs, the alerts waiting in their queue: p50 ${ecalls.intakeWorkersStopped.p50.toFixed(1)} ms, p99 ${ecalls.intakeWorkersStopped.p99.toFixed(1)} ms, ${ecalls.intakeWorkersStopped.errors} errors`,
    );
    console.log(
      `Intake alone, autocannon 32 connections as fast as they go: ${ecalls.intake.rps.toFixed(0)} req/s, p50 ${ecalls.intake.p50.toFixed(1)} ms, p99 ${ecalls.intake.p99.toFixed(1)} ms, ${ecalls.intake.errors} errors (saturated: latency is 32 / throughput); POST classify (no store) just after: ${ecalls.classify.rps.toFixed(0)} req/s, p99 ${ecalls.classify.p99.toFixed(1)} ms`,
    );
  }
  if (ONLY) return;

  const inProcess: string[][] = [];
  for (const [file, fn] of [
    ["./classify.js", "benchClassify"],
    ["./deadline.js", "benchDeadline"],
    ["./webhooks.js", "benchWebhooks"],
  ] as const) {
    const mod = (await import(file).catch(() => null)) as Record<string, () => Figure | Promise<Figure>> | null;
    const run = mod?.[fn];
    if (!run) continue;
    const r = await run();
    inProcess.push([
      r.name,
      r.opsPerSec.toFixed(0),
      r.baselineOpsPerSec.toFixed(0),
      (r.opsPerSec / r.baselineOpsPerSec).toFixed(3),
    ]);
  }
  if (inProcess.length) {
    console.log("\nIn-process");
    printTable(["benchmark", "ops/s", "baseline ops/s", "ratio"], inProcess);
  }

  const resolution = benchResolution();
  console.log(
    `\nLIS resolution in-process, ${resolution.entries} map entries (index built in ${resolution.buildMs.toFixed(0)} ms): ${resolution.resolutionsPerSec.toFixed(0)} resolutions/s (target ≥ 200,000); index lookup alone ${resolution.lookupsPerSec.toFixed(0)}/s`,
  );
  const mapMemory = await benchMapMemory();
  console.log(
    `Redis memory per network-map entry: ${mapMemory.bytesPerEntry.toFixed(0)} bytes (${mapMemory.entries} entries)`,
  );

  const search = await benchSearch();
  console.log(
    `\nConsole search over HTTP, ${search.devices} devices: p50 ${search.p50Ms.toFixed(1)} ms, p99 ${search.p99Ms.toFixed(1)} ms (target ≤ 200 ms)`,
  );

  // On both stores the service runs on: Redis before 7.2 has no compact encoding for small sets
  // and lists, so the same keys cost more there (ADR 0030).
  console.log();
  for (const [binary, store] of [
    [undefined, "Redis 7.0"],
    [WAITAOF_SERVER, "Valkey 8.0"],
  ] as const) {
    const memory = await benchMemory(binary);
    console.log(
      `Memory on ${store}: ${memory.devices} devices with a location and one history entry ${memory.bytesPerDevice.toFixed(0)} bytes/device in all; registry ${(memory.bytesPerDevice - memory.searchBytesPerDevice).toFixed(0)}, console search index ${memory.searchBytesPerDevice.toFixed(0)} (target ≤ 1,500 for the registry); used_memory ${memory.usedMemoryHuman}`,
    );
  }
}

interface Figure {
  name: string;
  opsPerSec: number;
  baselineOpsPerSec: number;
}

/** The middle value (the mean of the two middle ones for an even count) of sorted numbers. */
function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
