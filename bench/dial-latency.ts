import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort, startRedisServer, type RedisServerHandle } from "../src/platform/redis-process.js";
import { startProcess } from "./service.js";

/**
 * Dial checks at a constant rate, open loop (wrk2-style): request n is due at start + n/rate
 * whether or not earlier ones have been answered, and its latency is counted from when it was due,
 * so a stall of the service shows in full instead of delaying the sends that would have measured
 * it (autocannon's connections each wait for their answer before sending again: a closed loop).
 *
 * The same rate is run four times against one API process and one worker process on a private
 * Redis: with nothing else running; while a 10,000-row location import is applied; with Redis
 * paused (SIGSTOP: every call waits for the 250 ms deadline); and with Redis stopped (SIGKILL).
 */
const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, "..", "src", "server.js");
const RATE = Number(process.env.BENCH_DIAL_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_DIAL_SECONDS ?? 10);
const PHONES = 1_000;
const IMPORT_ROWS = 10_000;

export interface DialLatencyRow {
  scenario: string;
  sent: number;
  ok: number;
  storeUnavailable: number;
  other: number;
  p50: number;
  p99: number;
  max: number;
  note: string;
}

interface Deployment {
  base: string;
  headers: Record<string, string>;
  redis: RedisServerHandle;
  api: ChildProcess;
  workers: ChildProcess;
}

async function startDeployment(): Promise<Deployment> {
  const redis = await startRedisServer({ appendfsync: "always" });
  const adminKey = `vck_${randomBytes(24).toString("base64url")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    REDIS_URL: redis.url,
    PORT: String(port),
    HOST: "127.0.0.1",
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: "error",
    NODE_ENV: "production",
    RATE_LIMIT_RPS: "0",
  };
  const api = await startProcess(SERVER, ["--role=api"], env, `${base}/healthz`);
  const workers = spawn(process.execPath, [SERVER, "--role=workers"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Ready once the worker process has beaten its heart.
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/readyz`)).status === 200) break;
    if (i > 300) throw new Error("workers did not start");
    await sleep(100);
  }
  return {
    base,
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    redis,
    api,
    workers,
  };
}

const address = (i: number) => ({
  country: "US",
  region: "US-NY",
  city: "New York",
  street: "Broadway",
  houseNumber: String(1 + (i % 900)),
  postalCode: "10004",
  floor: String(1 + (i % 40)),
});

async function inBatches(count: number, size: number, work: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => work(start + k)));
  }
}

/** One account; PHONES devices with a location (dialled), IMPORT_ROWS devices without (imported). */
async function seed(d: Deployment): Promise<void> {
  const put = async (path: string, body: unknown) => {
    const reply = await fetch(d.base + path, { method: "PUT", headers: d.headers, body: JSON.stringify(body) });
    if (reply.status >= 300) throw new Error(`PUT ${path}: ${reply.status}`);
  };
  await put("/v1/accounts/dial", {
    name: "Dial",
    country: "US",
    locale: "en",
    contacts: { emails: ["ops@example.com"] },
  });
  const device = { type: "desk_phone", callbackNumber: "+12125550123", serviceCountry: "US" };
  await inBatches(PHONES, 50, async (i) => {
    await put(`/v1/accounts/dial/devices/p${i}`, device);
    await put(`/v1/accounts/dial/devices/p${i}/location`, { address: address(i) });
  });
  await inBatches(IMPORT_ROWS, 100, (i) => put(`/v1/accounts/dial/devices/d${i}`, device));
}

/** Latency in ms of each answer, by status. */
interface Samples {
  latencies: number[];
  ok: number;
  storeUnavailable: number;
  other: number;
}

/** Sends dial checks for 911 at `rate` per second for `seconds` (or until `until` resolves), open loop. */
async function openLoop(d: Deployment, seconds: number, until?: Promise<unknown>): Promise<Samples> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const url = new URL(d.base);
  const body = JSON.stringify({ dialed: "911" });
  const samples: Samples = { latencies: [], ok: 0, storeUnavailable: 0, other: 0 };
  const inFlight = new Set<Promise<void>>();
  let stop = false;
  void until?.then(() => (stop = true));
  const send = (n: number, due: number) => {
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: `/v1/accounts/dial/devices/p${n % PHONES}/dial-check`,
          headers: { ...d.headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            samples.latencies.push(performance.now() - due);
            if (res.statusCode === 200) {
              samples.ok++;
              if (text.includes("store-unavailable")) samples.storeUnavailable++;
            } else samples.other++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        samples.other++;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const interval = 1_000 / RATE;
  const started = performance.now();
  let n = 0;
  for (;;) {
    const now = performance.now();
    if (now - started >= seconds * 1_000 || (stop && now - started >= 2_000)) break;
    // Send everything that is due (a late timer catches up), then sleep until the next one.
    while (started + n * interval <= now) send(n, started + n++ * interval);
    await sleep(Math.max(0, started + n * interval - performance.now()));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return samples;
}

function row(scenario: string, samples: Samples, note = ""): DialLatencyRow {
  const sorted = [...samples.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    scenario,
    sent: sorted.length,
    ok: samples.ok,
    storeUnavailable: samples.storeUnavailable,
    other: samples.other,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? NaN,
    note,
  };
}

/** Builds the CSV of IMPORT_ROWS rows and applies it; resolves with the import id once the run is queued. */
async function startImport(d: Deployment): Promise<string> {
  const header = "accountId,deviceId,country,region,city,street,houseNumber,postalCode,floor,reason";
  const lines = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const a = address(i + 7);
    return ["dial", `d${i}`, a.country, a.region, a.city, a.street, a.houseNumber, a.postalCode, a.floor, "bench"].join(
      ",",
    );
  });
  const parts: string[] = [];
  let current = `${header}\n`;
  for (const line of lines) {
    if (current.length + line.length + 1 > 60_000) {
      parts.push(current);
      current = "";
    }
    current += `${line}\n`;
  }
  parts.push(current);
  const post = async (path: string, body: unknown) => {
    const reply = await fetch(d.base + path, { method: "POST", headers: d.headers, body: JSON.stringify(body) });
    if (reply.status >= 300) throw new Error(`POST ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as { id: string };
  };
  const { id } = await post("/v1/location-imports", { name: "bench.csv", csv: parts[0], complete: parts.length === 1 });
  for (let index = 1; index < parts.length; index++) {
    await post(`/v1/location-imports/${id}/parts`, { index, csv: parts[index], complete: index === parts.length - 1 });
  }
  await post(`/v1/location-imports/${id}/runs`, { mode: "apply" });
  return id;
}

async function importState(d: Deployment, id: string): Promise<{ status: string; processed: number }> {
  const reply = await fetch(`${d.base}/v1/location-imports/${id}`, { headers: d.headers });
  const view = (await reply.json()) as { runs: { apply?: { status: string; processed: number } } };
  return view.runs.apply ?? { status: "queued", processed: 0 };
}

export async function benchDialLatency(): Promise<{ rate: number; rows: DialLatencyRow[] }> {
  const d = await startDeployment();
  const rows: DialLatencyRow[] = [];
  try {
    await seed(d);
    // Warm-up (connections, JIT, this process's last-known devices), not measured.
    await openLoop(d, 2);
    rows.push(row("alone", await openLoop(d, SECONDS)));

    const id = await startImport(d);
    for (let i = 0; (await importState(d, id)).status === "queued"; i++) {
      if (i > 600) throw new Error("the import did not start");
      await sleep(50);
    }
    const importStarted = performance.now();
    const finished = (async () => {
      for (;;) {
        const state = await importState(d, id);
        if (state.status === "done" || state.status === "failed") return state;
        await sleep(200);
      }
    })();
    // For the whole import (at least 2 s), at the same rate.
    const during = await openLoop(d, 600, finished);
    const state = await finished;
    const importSeconds = (performance.now() - importStarted) / 1_000;
    rows.push(
      row(
        "during a 10k-row import",
        during,
        `import ${state.status}: ${state.processed} rows in ${importSeconds.toFixed(1)} s (${(state.processed / importSeconds).toFixed(0)} rows/s)`,
      ),
    );

    d.redis.process.kill("SIGSTOP");
    rows.push(
      row("Redis paused (SIGSTOP)", await openLoop(d, SECONDS), "every store call waits for the 250 ms deadline"),
    );
    d.redis.process.kill("SIGCONT");
    await sleep(1_000);

    await d.redis.kill();
    rows.push(row("Redis stopped (SIGKILL)", await openLoop(d, SECONDS)));
  } finally {
    for (const child of [d.workers, d.api]) {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await Promise.race([exited, sleep(25_000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    }
    await d.redis.stop();
  }
  return { rate: RATE, rows };
}
