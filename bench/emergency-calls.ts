import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import autocannon, { type Request as CannonRequest } from "autocannon";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { KeySpace } from "../src/platform/keys.js";
import { QUEUES } from "../src/platform/queues.js";
import { freePort, startRedisServer, WAITAOF_SERVER, type RedisServerHandle } from "../src/platform/redis-process.js";
import { aofRewritten, fromCompactAof, startAofRewrite } from "./aof.js";
import { startProcess } from "./service.js";

/**
 * Kari's Law alert latency: from `POST /v1/emergency-calls` to the on-site webhook arriving at a
 * local receiver, for 200 calls sent 20 per second (open loop), once on an idle deployment and once
 * while 5,000 porting notices wait in the notifications queue (for a receiver that takes 20 ms
 * each) and a 10,000-row location import is applied. Then the intake alone at 32 connections.
 * One API process and one worker process on a private Redis, as deployed — once on Debian's Redis
 * 7.0 (`appendfsync always`) and once on Valkey 8.0 (`everysec`, writes confirmed by `WAITAOF`;
 * ADR 0024). The store's append-only file is rewritten before each measured phase, and a rewrite
 * during the calls is measured in a phase of its own (ADR 0029).
 */
const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, "..", "src", "server.js");
const CALLS = 200;
const RATE = 20;
const BACKLOG = 5_000;
const IMPORT_ROWS = 10_000;
const PREFIX = "vc";

interface Deployment {
  base: string;
  headers: Record<string, string>;
  redis: RedisServerHandle;
  /** The bench's own connection to the store, to look at its append-only file. */
  admin: Redis;
  api: ChildProcess;
  workers: ChildProcess;
  /** The worker process for emergency alerts only (WORKER_QUEUES=emergency-alerts), as production runs it. */
  alertWorkers: ChildProcess;
}

/** A receiver that notes when each emergency call's webhook arrives; `delayMs` slows every answer. */
async function receiver(delayMs = 0): Promise<{ url: string; server: Server; arrivals: Map<string, number> }> {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const at = performance.now();
      try {
        const id = (JSON.parse(raw) as { data?: { emergencyCallId?: string } }).data?.emergencyCallId;
        if (id && !arrivals.has(id)) arrivals.set(id, at);
      } catch {
        /* not ours */
      }
      setTimeout(() => res.writeHead(204).end(), delayMs);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server, arrivals };
}

/** The store the deployment runs on, each with the default `DURABILITY=fsync`. */
export type Store = "redis-7.0" | "valkey-8.0";

async function startDeployment(server: Store): Promise<Deployment> {
  // The default durability (fsync): on Redis 7.0 by appendfsync always (ADR 0017), on Valkey 8.0
  // by WAITAOF on an everysec server (ADR 0024).
  const redis =
    server === "valkey-8.0"
      ? await startRedisServer({ binary: WAITAOF_SERVER, appendfsync: "everysec" })
      : await startRedisServer({ appendfsync: "always" });
  const adminKey = `vck_${randomBytes(24).toString("base64url")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: PREFIX,
    PORT: String(port),
    HOST: "127.0.0.1",
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: "error",
    NODE_ENV: "production",
    WEBHOOK_ALLOW_PRIVATE: "1",
    RATE_LIMIT_RPS: "0",
  };
  const api = await startProcess(SERVER, ["--role=api"], env, `${base}/healthz`);
  // Emergency alerts get a worker process of their own, so the import and the porting notices
  // below do not share its CPU (WORKER_QUEUES; README "Running API and workers separately").
  const otherQueues = Object.values(QUEUES).filter((q) => q !== QUEUES.emergencyAlerts);
  const workers = spawn(process.execPath, [SERVER, "--role=workers"], {
    env: { ...process.env, ...env, WORKER_QUEUES: otherQueues.join(",") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // BENCH_PROFILE_ALERTS=<dir>: the alert workers write a CPU profile there when they stop.
  const profileDir = process.env.BENCH_PROFILE_ALERTS;
  const alertWorkers = spawn(
    process.execPath,
    [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), SERVER, "--role=workers"],
    {
      env: { ...process.env, ...env, WORKER_QUEUES: QUEUES.emergencyAlerts },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  for (let i = 0; (await fetch(`${base}/readyz`)).status !== 200; i++) {
    if (i > 300) throw new Error("workers did not start");
    await sleep(100);
  }
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  admin.on("error", () => undefined);
  return {
    base,
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    redis,
    admin,
    api,
    workers,
    alertWorkers,
  };
}

async function call(d: Deployment, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const reply = await fetch(d.base + path, { method, headers: d.headers, body: JSON.stringify(body) });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as Record<string, unknown>;
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

async function seed(d: Deployment, alertUrl: string, slowUrl: string): Promise<void> {
  await call(d, "PUT", "/v1/accounts/site", {
    name: "Site",
    country: "US",
    locale: "en",
    contacts: { emails: ["office@site.example"], onSite: { emails: ["desk@site.example"], webhookUrl: alertUrl } },
  });
  await call(d, "PUT", "/v1/accounts/site/devices/phone", {
    type: "desk_phone",
    label: "Lobby",
    callbackNumber: "+12125550123",
    serviceCountry: "US",
  });
  await call(d, "PUT", "/v1/accounts/site/devices/phone/location", { address: address(1) });
  await call(d, "PUT", "/v1/accounts/intake", {
    name: "Intake",
    country: "US",
    locale: "en",
    contacts: { emails: ["office@intake.example"], onSite: { emails: ["desk@intake.example"] } },
  });
  await call(d, "PUT", "/v1/accounts/intake/devices/phone", {
    type: "desk_phone",
    callbackNumber: "+12125550124",
    serviceCountry: "US",
  });
  await call(d, "PUT", "/v1/accounts/intake/devices/phone/location", { address: address(2) });
  await call(d, "PUT", "/v1/accounts/bulk", {
    name: "Bulk",
    country: "US",
    locale: "en",
    contacts: { emails: ["ops@bulk.example"], webhookUrl: slowUrl },
  });
  const device = { type: "desk_phone", callbackNumber: "+12125550125", serviceCountry: "US" };
  for (let start = 0; start < IMPORT_ROWS; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, IMPORT_ROWS - start) }, (_, k) =>
        call(d, "PUT", `/v1/accounts/bulk/devices/d${start + k}`, device),
      ),
    );
  }
}

/**
 * 200 emergency calls at 20/s; each one's latency from its POST to its on-site webhook arriving.
 * `beforeCall(n)` runs just before call `n` is sent, not awaited.
 */
async function alertLatencies(
  d: Deployment,
  arrivals: Map<string, number>,
  beforeCall?: (n: number) => void,
): Promise<number[]> {
  const sent = new Map<string, number>();
  const posts: Promise<void>[] = [];
  const started = performance.now();
  for (let n = 0; n < CALLS; n++) {
    const due = started + (n * 1_000) / RATE;
    await sleep(Math.max(0, due - performance.now()));
    beforeCall?.(n);
    const at = performance.now();
    posts.push(
      fetch(`${d.base}/v1/emergency-calls`, {
        method: "POST",
        headers: d.headers,
        body: JSON.stringify({ callId: randomUUID(), dialed: "911", accountId: "site", deviceId: "phone" }),
      }).then(async (r) => {
        const body = (await r.json()) as { id: string };
        sent.set(body.id, at);
      }),
    );
  }
  await Promise.all(posts);
  for (let i = 0; [...sent.keys()].some((id) => !arrivals.has(id)); i++) {
    if (i > 600) throw new Error("alerts did not all arrive within 60 s");
    await sleep(100);
  }
  return [...sent].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
}

/** Puts BACKLOG porting notices (webhooks to the slow receiver) straight into the notifications queue. */
async function queuePortingBacklog(d: Deployment, slowUrl: string): Promise<Queue> {
  // The queue's connection: closed by `queue.disconnect()` when the scenario is over.
  const redis = new Redis(d.redis.url, { maxRetriesPerRequest: null });
  const keys = new KeySpace(PREFIX);
  const now = new Date().toISOString();
  const pipeline = redis.pipeline();
  const ids: string[] = [];
  for (let i = 0; i < BACKLOG; i++) {
    const id = `ntf_${randomUUID()}`;
    ids.push(id);
    const record = {
      id,
      accountId: "bulk",
      type: "port.transfer_scheduled",
      channel: "webhook",
      locale: "en",
      to: slowUrl,
      subject: "Transfer scheduled",
      body: "Your numbers will be transferred.",
      html: "<p>Your numbers will be transferred.</p>",
      data: { portRequestId: `bench-${i}` },
      status: "queued",
      attempts: 0,
      lastError: null,
      createdAt: now,
      sentAt: null,
      ref: { portRequestId: `bench-${i}` },
    };
    pipeline.set(keys.notification("bulk", id), JSON.stringify(record));
  }
  await pipeline.exec();
  const queue = new Queue(QUEUES.notifications, { connection: redis, prefix: keys.queuePrefix() });
  queue.on("error", () => undefined);
  redis.on("error", () => undefined);
  for (let i = 0; i < ids.length; i += 500) {
    await queue.addBulk(
      ids.slice(i, i + 500).map((id) => ({
        name: "deliver",
        data: { accountId: "bulk", notificationId: id },
        opts: { jobId: `n-${id}`, attempts: 3, removeOnComplete: true },
      })),
    );
  }
  return queue;
}

/** Resolves once the import's apply run has finished (60 s at most). */
async function importDone(d: Deployment, importId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const view = (await (await fetch(`${d.base}/v1/location-imports/${importId}`, { headers: d.headers })).json()) as {
      runs: { apply?: { status: string } };
    };
    if (view.runs.apply?.status !== "running" && view.runs.apply?.status !== "queued") return;
    await sleep(100);
  }
  throw new Error("the import did not finish within 60 s");
}

async function startImport(d: Deployment): Promise<string> {
  const header = "accountId,deviceId,country,region,city,street,houseNumber,postalCode,floor,reason";
  const parts: string[] = [];
  let current = `${header}\n`;
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const a = address(i + 7);
    const line = [
      "bulk",
      `d${i}`,
      a.country,
      a.region,
      a.city,
      a.street,
      a.houseNumber,
      a.postalCode,
      a.floor,
      "bench",
    ].join(",");
    if (current.length + line.length + 1 > 60_000) {
      parts.push(current);
      current = "";
    }
    current += `${line}\n`;
  }
  parts.push(current);
  const { id } = (await call(d, "POST", "/v1/location-imports", {
    name: "bench.csv",
    csv: parts[0],
    complete: parts.length === 1,
  })) as { id: string };
  for (let index = 1; index < parts.length; index++) {
    await call(d, "POST", `/v1/location-imports/${id}/parts`, {
      index,
      csv: parts[index],
      complete: index === parts.length - 1,
    });
  }
  await call(d, "POST", `/v1/location-imports/${id}/runs`, { mode: "apply" });
  return id;
}

export interface EmergencyCallBench {
  rows: { scenario: string; calls: number; p50: number; p99: number; max: number; note: string }[];
  /** 32 connections as fast as they go (saturated: latency is 32 / throughput). */
  intake: { rps: number; p50: number; p99: number; errors: number };
  /** INTAKE_RATE calls/s, evenly spaced, over at most 32 connections (open loop). */
  intakeAtRate: { rps: number; p50: number; p99: number; errors: number; aofRewrites: number };
  /**
   * The same with both worker processes stopped (SIGSTOP) while it runs — the alerts wait in
   * their queue: how much of the intake's tail is the workers sharing the machine's two cores.
   */
  intakeWorkersStopped: { rps: number; p50: number; p99: number; errors: number };
  /** The same 32 connections on `POST /v1/emergency/classify` (no store), measured just after: the machine's yardstick. */
  classify: { rps: number; p50: number; p99: number; errors: number };
}

type Figures = EmergencyCallBench["intake"];

/**
 * The intake's steady load: 200 emergency calls a second over 32 connections — some 25 times all
 * 911 calls in the United States at an average moment (about 240 million a year, NENA), so a
 * provider's worst surge is well inside it.
 */
export const INTAKE_RATE = 200;

/** Seconds of unmeasured intake at INTAKE_RATE before it is measured (`BENCH_WARMUP`, as in the main table). */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);

async function measure(d: Deployment, request: CannonRequest): Promise<Figures> {
  const result = await autocannon({
    url: d.base,
    connections: 32,
    duration: Number(process.env.BENCH_DURATION ?? 5),
    headers: d.headers,
    requests: [request],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** Intake at 32 connections as fast as they go, each report a new call of the same device (alerts by e-mail, to the outbox). */
async function measureIntake(d: Deployment): Promise<Figures> {
  let n = 0;
  return measure(d, {
    method: "POST",
    path: "/v1/emergency-calls",
    setupRequest: (r) => ({
      ...r,
      body: JSON.stringify({
        callId: `bench-${process.pid}-max-${++n}`,
        dialed: "911",
        accountId: "intake",
        deviceId: "phone",
      }),
    }),
  });
}

/**
 * Intake at a steady INTAKE_RATE calls/s over at most 32 connections, open loop: one call due
 * every 1/rate s (autocannon's `overallRate` sends each second's share in a burst), latency from
 * when the call was due, so a call waiting for a free connection counts its wait.
 */
async function measureIntakeAtRate(
  d: Deployment,
  tag = "rate",
  seconds = Number(process.env.BENCH_DURATION ?? 5),
): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const url = new URL(d.base);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const send = (n: number, due: number) => {
    const body = JSON.stringify({
      callId: `bench-${process.pid}-${tag}-${n}`,
      dialed: "911",
      accountId: "intake",
      deviceId: "phone",
    });
    const done = new Promise<void>((resolve) => {
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/v1/emergency-calls",
          headers: { ...d.headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 201) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const interval = 1_000 / INTAKE_RATE;
  const started = performance.now();
  for (let n = 0; performance.now() - started < seconds * 1_000;) {
    // Send everything that is due (a late timer catches up), then sleep until the next one.
    while (started + n * interval <= performance.now()) send(n, started + n++ * interval);
    await sleep(Math.max(0, started + n * interval - performance.now()));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((x, y) => x - y);
  return {
    rps: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function benchEmergencyCalls(server: Store): Promise<EmergencyCallBench> {
  const alerts = await receiver();
  const slow = await receiver(20);
  const d = await startDeployment(server);
  const rows: EmergencyCallBench["rows"] = [];
  let intake: EmergencyCallBench["intake"];
  let intakeAtRate: EmergencyCallBench["intakeAtRate"];
  let intakeWorkersStopped: EmergencyCallBench["intake"];
  let classify: EmergencyCallBench["intake"];
  try {
    await seed(d, alerts.url, slow.url);
    // Warm-up (connections, JIT), not measured.
    await alertLatencies(d, alerts.arrivals);
    // Each measured phase starts from a compact append-only file, so the server's own rewrite
    // (each time the file has doubled) does not land in one phase by chance; the rewrites that
    // still happen are counted, and one is measured on its own below (ADR 0029).
    const { result: idle, rewrites: idleRewrites } = await fromCompactAof(d.admin, () =>
      alertLatencies(d, alerts.arrivals),
    );
    rows.push({
      scenario: "idle",
      calls: idle.length,
      p50: quantile(idle, 0.5),
      p99: quantile(idle, 0.99),
      max: idle.at(-1)!,
      note: `AOF rewrites during the calls: ${idleRewrites}`,
    });

    // Not measured: the intake's code warmed at this rate first (V8 optimizes it after some
    // hundred calls; the 400 alert calls above are 20/s), as the main table warms each scenario.
    await measureIntakeAtRate(d, "warm-up", WARMUP_S);
    const atRate = await fromCompactAof(d.admin, () => measureIntakeAtRate(d));
    intakeAtRate = { ...atRate.result, aofRewrites: atRate.rewrites };
    intake = await measureIntake(d);
    classify = await measure(d, {
      method: "POST",
      path: "/v1/emergency/classify",
      body: JSON.stringify({ country: "US", dialed: "911" }),
    });

    const backlog = await queuePortingBacklog(d, slow.url);
    const importId = await startImport(d);
    const { result: busy, rewrites } = await fromCompactAof(d.admin, () => alertLatencies(d, alerts.arrivals));
    const waiting = await backlog.getWaitingCount();
    const importView = (await (
      await fetch(`${d.base}/v1/location-imports/${importId}`, { headers: d.headers })
    ).json()) as { runs: { apply?: { status: string; processed: number } } };
    rows.push({
      scenario: "5,000 porting notices queued + 10k-row import",
      calls: busy.length,
      p50: quantile(busy, 0.5),
      p99: quantile(busy, 0.99),
      max: busy.at(-1)!,
      note: `after the calls: ${waiting} notices still waiting; import ${importView.runs.apply?.status ?? "?"} (${importView.runs.apply?.processed ?? 0} rows); AOF rewrites during the calls: ${rewrites}`,
    });
    await backlog.obliterate({ force: true }).catch(() => undefined);
    await backlog.close();
    await backlog.disconnect();

    // What one rewrite of the append-only file costs the alerts: the server forks, and stalls
    // at the rewrite's start and end (ADR 0029). Started just before the 100th call, on the
    // store as the import left it.
    await importDone(d, importId);
    const dataset = Number(/^used_memory:(\d+)/m.exec(await d.admin.info("memory"))?.[1] ?? 0);
    let rewriting: Promise<number> | undefined;
    const duringRewrite = await alertLatencies(d, alerts.arrivals, (n) => {
      if (n === CALLS / 2) rewriting = startAofRewrite(d.admin);
    });
    await aofRewritten(d.admin, await rewriting!);
    rows.push({
      scenario: "idle, the append-only file rewritten from the 100th call",
      calls: duringRewrite.length,
      p50: quantile(duringRewrite, 0.5),
      p99: quantile(duringRewrite, 0.99),
      max: duringRewrite.at(-1)!,
      note: `dataset ${(dataset / 1e6).toFixed(0)} MB`,
    });

    // Last, as it leaves a backlog of alerts behind: the workers stopped, not killed, so the
    // jobs they hold keep their locks (5 s, under the alert workers' 10 s lock).
    for (const child of [d.workers, d.alertWorkers]) child.kill("SIGSTOP");
    try {
      intakeWorkersStopped = await measureIntakeAtRate(d, "stopped");
    } finally {
      for (const child of [d.workers, d.alertWorkers]) child.kill("SIGCONT");
    }
  } finally {
    for (const child of [d.alertWorkers, d.workers, d.api]) {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await Promise.race([exited, sleep(25_000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    }
    d.admin.disconnect();
    await d.redis.stop();
    alerts.server.close();
    slow.server.close();
  }
  return { rows, intake, intakeAtRate, intakeWorkersStopped, classify };
}
