import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES } from "../../src/platform/queues.js";
import { bulkNiceness } from "../../workers/priority.js";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

const SERVER = fileURLToPath(new URL("../../src/server.ts", import.meta.url));

describe("bulkNiceness", () => {
  it("lowers only processes that work no emergency queue", () => {
    expect(bulkNiceness([QUEUES.notifications, QUEUES.portDeadlines], 10)).toBe(10);
    expect(bulkNiceness([QUEUES.notifications, QUEUES.emergencyAlerts], 10)).toBeNull();
    expect(bulkNiceness([QUEUES.emergencyAlerts], 10)).toBeNull();
    // Unset WORKER_QUEUES means every queue, the alerts among them.
    expect(bulkNiceness(undefined, 10)).toBeNull();
    expect(bulkNiceness([QUEUES.notifications], 0)).toBeNull();
  });
});

/** A `--role=workers` process; resolves with it and the niceness it reports once started. */
async function startWorkerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; niceness: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, "--role=workers"], {
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  await expect.poll(() => out.includes('"workers started"'), { timeout: 30_000, interval: 50 }).toBe(true);
  const line = out.split("\n").find((l) => l.includes('"workers started"'))!;
  const logged = (JSON.parse(line) as { niceness: number }).niceness;
  // What the system says of the process — each of its threads — not only what it logged.
  expect(threadNiceness(child.pid!)).toEqual(threadNiceness(child.pid!).map(() => logged));
  return { child, niceness: logged };
}

/** The niceness of each thread of process `pid` (Linux: it is per thread; /proc/<pid>/task/<tid>/stat field 19). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[16]);
  });
}

let redis: RedisServerHandle;
const children: ChildProcess[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }),
  );
  await redis?.stop();
});

describe("worker processes on a shared host", () => {
  it("run bulk queues at BULK_WORKER_NICENESS and keep emergency alerts at the host's priority", async () => {
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: `nice${process.pid}`, BULK_WORKER_NICENESS: "7" };
    const base = getPriority();
    const bulk = await startWorkerProcess({
      ...env,
      WORKER_QUEUES: `${QUEUES.notifications},${QUEUES.portDeadlines}`,
    });
    const alerts = await startWorkerProcess({ ...env, WORKER_QUEUES: QUEUES.emergencyAlerts });
    expect(bulk.niceness).toBe(Math.max(base, 7));
    expect(alerts.niceness).toBe(base);
  }, 60_000);
});
