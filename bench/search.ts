import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { createApp } from "../src/app.js";
import { putAccount } from "../src/accounts/service.js";
import { installBootstrapKey } from "../src/auth/service.js";
import type { Principal } from "../src/platform/principal.js";
import { loadConfig } from "../src/config.js";
import { putDevice } from "../src/devices/service.js";
import { createServiceContext } from "../src/service-context.js";
import { createLogger } from "../src/platform/logger.js";
import { startRedisServer } from "../src/platform/redis-process.js";
import { waitForReady } from "../src/platform/redis.js";

/**
 * The console's search at scale (issue 6: results within 200 ms for 100k devices).
 *
 * Loads `BENCH_SEARCH_DEVICES` (default 100 000) devices into a private redis-server through
 * the real use case (so the index is built the way production builds it), in 1 000 accounts of
 * five countries, then times `GET /v1/search` over HTTP against the real app, one request at a
 * time: the latency one member of staff sees. The query mix is what people type: device ids,
 * account ids, numbers in international and national form, incomplete numbers, last digits.
 */

const COUNTRIES = [
  {
    country: "DE",
    number: (n: number) => `089 ${String(1_000_000 + n).slice(-7)}`,
    national: (n: number) => `089 ${String(1_000_000 + n).slice(-7)}`,
  },
  {
    country: "US",
    number: (n: number) => `+1 415 2${String(n).padStart(6, "0").slice(-6)}`,
    national: (n: number) =>
      `(415) 2${String(n).padStart(6, "0").slice(-6).slice(0, 2)}-${String(n).padStart(6, "0").slice(-4)}`,
  },
  {
    country: "GB",
    number: (n: number) => `+44 20 7${String(n).padStart(7, "0").slice(-7)}`,
    national: (n: number) => `020 7${String(n).padStart(7, "0").slice(-7)}`,
  },
  {
    country: "FR",
    number: (n: number) => `+33 1 4${String(n).padStart(7, "0").slice(-7)}`,
    national: (n: number) => `01 4${String(n).padStart(7, "0").slice(-7)}`,
  },
  {
    country: "AU",
    number: (n: number) => `+61 2 9${String(n).padStart(7, "0").slice(-7)}`,
    national: (n: number) => `02 9${String(n).padStart(7, "0").slice(-7)}`,
  },
] as const;

const ACCOUNTS = 1_000;
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 600);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchSearch(): Promise<{ name: string; p50Ms: number; p99Ms: number; devices: number }> {
  const devices = Number(process.env.BENCH_SEARCH_DEVICES ?? 100_000);
  const redis = await startRedisServer({ appendfsync: "always" });
  const adminKey = `vck_${randomBytes(24).toString("base64url")}`;
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    REDIS_URL: redis.url,
    ADMIN_API_KEY: adminKey,
  });
  const ctx = createServiceContext(config, createLogger(config));
  try {
    await waitForReady(ctx.redis);
    await installBootstrapKey(ctx, adminKey);
    const loader: Principal = { keyId: "bench", role: "admin", accountId: null, label: "bench" };
    // Account a<k> holds devices k, k + 1000, …; its country decides its devices' numbers.
    for (let k = 0; k < ACCOUNTS; k++) {
      await putAccount(ctx, loader, `acct-${k}`, {
        name: `Account ${k}`,
        country: COUNTRIES[k % COUNTRIES.length]!.country,
        locale: "en",
        contacts: { emails: [`ops${k}@example.com`] },
      });
    }
    const started = performance.now();
    const BATCH = 500;
    for (let start = 0; start < devices; start += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, devices - start) }, async (_, j) => {
          const i = start + j;
          const k = i % ACCOUNTS;
          const { country, number } = COUNTRIES[k % COUNTRIES.length]!;
          await putDevice(ctx, loader, `acct-${k}`, `dev-${i}`, {
            type: "desk_phone",
            callbackNumber: number(i),
            serviceCountry: country,
          });
        }),
      );
    }
    const loadSeconds = (performance.now() - started) / 1000;

    const server = createApp(ctx).listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${adminKey}` };
    const queryFor = (q: number): string => {
      const i = (q * 7919) % devices;
      const k = i % ACCOUNTS;
      const c = COUNTRIES[k % COUNTRIES.length]!;
      switch (q % 7) {
        case 0:
          return `dev-${i}`;
        case 1:
          return `acct-${k}`;
        case 2:
          return c.number(i);
        case 3:
          return c.national(i);
        case 4:
          return c.national(i).slice(0, 7);
        case 5:
          return c.number(i).replace(/\D/g, "").slice(-6);
        default:
          return `DEV-${i}`.slice(0, 6);
      }
    };
    // Warm-up: JIT, connections, Redis script cache.
    for (let q = 0; q < 50; q++)
      await fetch(`${base}/v1/search?q=${encodeURIComponent(queryFor(q))}`, { headers }).then((r) => r.arrayBuffer());
    const times: number[] = [];
    let empty = 0;
    for (let q = 0; q < QUERIES; q++) {
      const t0 = performance.now();
      const reply = await fetch(`${base}/v1/search?q=${encodeURIComponent(queryFor(q))}`, { headers });
      const body = (await reply.json()) as { items?: unknown[] };
      times.push(performance.now() - t0);
      if (reply.status !== 200) throw new Error(`search answered ${reply.status}`);
      if (!body.items?.length) {
        empty += 1;
        if (process.env.BENCH_DEBUG) process.stderr.write(`no result: ${queryFor(q)}\n`);
      }
    }
    server.close();
    server.closeAllConnections();
    if (empty > 0) throw new Error(`${empty} of ${QUERIES} searches found nothing`);
    times.sort((a, b) => a - b);
    const memory = await ctx.redis.info("memory");
    const used = /used_memory_human:(\S+)/.exec(memory)?.[1] ?? "?";
    process.stderr.write(
      `search bench: loaded ${devices} devices in ${loadSeconds.toFixed(1)} s; redis used_memory ${used}\n`,
    );
    return {
      name: `console search (GET /v1/search, ${devices} devices, ${QUERIES} mixed queries, sequential)`,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      devices,
    };
  } finally {
    await ctx.close();
    await redis.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  benchSearch().then(
    (r) => process.stdout.write(`${r.name}: p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
