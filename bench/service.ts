import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Request as CannonRequest } from "autocannon";
import { Redis } from "ioredis";
import { freePort, startRedisServer, type RedisServerHandle } from "../src/platform/redis-process.js";
import { extraScenarios } from "./scenarios.js";

const here = dirname(fileURLToPath(import.meta.url));
const DEVICES = 1_000;

/** One HTTP scenario: a name and autocannon's request list. */
export interface Scenario {
  name: string;
  requests: CannonRequest[];
}

/** Starts a Node process and resolves once `healthUrl` answers 200. */
export async function startProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  healthUrl: string,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exit = { code: null as number | null };
  child.once("exit", (code) => (exit.code = code ?? -1));
  for (let i = 0; i < 300; i++) {
    if (exit.code !== null) throw new Error(`${script} exited with ${exit.code}`);
    if (
      await fetch(healthUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not become healthy`);
}

export interface BenchService {
  base: string;
  headers: Record<string, string>;
  scenarios: Scenario[];
  /** The bench's Redis, e.g. for `INFO commandstats`. */
  redisUrl: string;
  /** SIGTERM (a --cpu-prof profile is written on the way out), then Redis. */
  stop(): Promise<void>;
}

/**
 * The built API (`dist/src/server.js --role=api`) on a private Redis with AOF, seeded with one
 * account and DEVICES devices with a location, and the HTTP scenarios that read and write them.
 * `nodeArgs` go to the service's Node (e.g. `--cpu-prof`). By default Redis fsyncs every write
 * (`appendfsync always`) and the service runs the default `DURABILITY=fsync`; `options` change
 * that, `replica` adds one replica (for `DURABILITY=replica`) and `binary` names another server
 * (e.g. Valkey 8.0, which has `WAITAOF`).
 */
export async function startBenchService(
  nodeArgs: string[] = [],
  options: {
    appendfsync?: "always" | "everysec";
    env?: Record<string, string>;
    replica?: boolean;
    binary?: string;
  } = {},
): Promise<BenchService> {
  const redis = await startRedisServer({ appendfsync: options.appendfsync ?? "always", binary: options.binary });
  let replica: RedisServerHandle | undefined;
  if (options.replica) {
    replica = await startRedisServer({
      appendfsync: options.appendfsync ?? "always",
      binary: options.binary,
      extraArgs: ["--replicaof", "127.0.0.1", String(redis.port)],
    });
    const client = new Redis(replica.port, "127.0.0.1");
    for (let i = 0; !(await client.info("replication")).includes("master_link_status:up"); i++) {
      if (i > 100) throw new Error("bench replica did not sync");
      await new Promise((r) => setTimeout(r, 100));
    }
    client.disconnect();
  }
  const adminKey = `vck_${randomBytes(24).toString("base64url")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let service: ChildProcess;
  try {
    service = await startProcess(
      join(here, "..", "src", "server.js"),
      ["--role=api"],
      {
        REDIS_URL: redis.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        ADMIN_API_KEY: adminKey,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        // The rate limit off, as the house's bench rules say: the figures are the service's own.
        RATE_LIMIT_RPS: "0",
        ...options.env,
      },
      `${base}/healthz`,
      nodeArgs,
    );
  } catch (error) {
    await replica?.stop();
    await redis.stop();
    throw error;
  }
  const headers = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };

  // Data: one account, DEVICES devices with a location, the policy acknowledged.
  const put = (path: string, body: unknown) =>
    fetch(base + path, { method: "PUT", headers, body: JSON.stringify(body) });
  await put("/v1/accounts/bench", {
    name: "Bench",
    country: "US",
    locale: "en",
    contacts: { emails: ["bench@example.com"] },
  });
  const address = (i: number) => ({
    country: "US",
    region: "US-NY",
    city: "New York",
    street: "Broadway",
    houseNumber: String(1 + (i % 900)),
    postalCode: "10004",
    floor: String(1 + (i % 40)),
  });
  for (let start = 0; start < DEVICES; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        const i = start + k;
        await put(`/v1/accounts/bench/devices/d${i}`, {
          type: "desk_phone",
          callbackNumber: `+1212555${String(1000 + (i % 8999))}`,
          serviceCountry: "US",
        });
        await put(`/v1/accounts/bench/devices/d${i}/location`, { address: address(i) });
      }),
    );
  }

  let getCounter = 0;
  let putCounter = 0;
  let dialCounter = 0;
  const scenarios: Scenario[] = [
    ...(await extraScenarios(base, headers)),
    {
      name: "GET device",
      requests: [
        {
          method: "GET",
          setupRequest: (r: CannonRequest) => ({ ...r, path: `/v1/accounts/bench/devices/d${getCounter++ % DEVICES}` }),
        },
      ],
    },
    {
      name: "POST dial-check (911, rotating devices)",
      requests: [
        {
          method: "POST",
          setupRequest: (r: CannonRequest) => ({
            ...r,
            path: `/v1/accounts/bench/devices/d${dialCounter++ % DEVICES}/dial-check`,
            body: JSON.stringify({ dialed: "911" }),
          }),
        },
      ],
    },
    {
      name: "PUT location (rotating devices)",
      requests: [
        {
          method: "PUT",
          setupRequest: (r: CannonRequest) => {
            const n = putCounter++;
            return {
              ...r,
              path: `/v1/accounts/bench/devices/d${n % DEVICES}/location`,
              body: JSON.stringify({ address: { ...address(n % DEVICES), room: String(n) }, reason: "bench" }),
            };
          },
        },
      ],
    },
  ];

  return {
    base,
    headers,
    redisUrl: redis.url,
    scenarios,
    async stop() {
      const exited = new Promise((resolve) => service.once("exit", resolve));
      service.kill("SIGTERM");
      await exited;
      await replica?.stop();
      await redis.stop();
    },
  };
}
