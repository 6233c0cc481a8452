import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../src/config.js";
import { getAccount, putAccount } from "../src/accounts/service.js";
import { dispatch, planNotifications } from "../src/notifications/outbox.js";
import { createServiceContext } from "../src/service-context.js";
import { createLogger } from "../src/platform/logger.js";
import { startRedisServer } from "../src/platform/redis-process.js";
import { waitForReady } from "../src/platform/redis.js";
import { startWorkers } from "../workers/index.js";

const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 2_000);

/**
 * Webhook delivery throughput: COUNT notifications written to the outbox and delivered by one
 * worker process's notification worker (concurrency 16) to a local receiver; beside it, the same
 * number of plain `fetch` POSTs with 16 in flight to the same receiver (the ceiling).
 */
export async function benchWebhooks(): Promise<{ name: string; opsPerSec: number; baselineOpsPerSec: number }> {
  const redis = await startRedisServer();
  let received = 0;
  let done: () => void = () => undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(204).end();
      if (++received === COUNT) done();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  const config = loadConfig({
    REDIS_URL: redis.url,
    REDIS_PREFIX: `b${randomBytes(4).toString("hex")}`,
    LOG_LEVEL: "silent",
    NODE_ENV: "development",
  });
  const ctx = createServiceContext(config, createLogger(config));
  await waitForReady(ctx.redis);
  try {
    // Ceiling: plain fetches, 16 at a time.
    let sent = 0;
    const baselineStart = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sent < COUNT) {
          sent++;
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}",
          });
          await response.body?.cancel();
        }
      }),
    );
    const baselineSeconds = (performance.now() - baselineStart) / 1000;

    received = 0;
    const principal = { keyId: "bench", role: "admin" as const, accountId: null, label: null };
    await putAccount(ctx, principal, "bench", {
      name: "Bench",
      country: "US",
      locale: "en",
      contacts: { emails: ["b@example.com"], webhookUrl: url },
    });
    const { record: account } = await getAccount(ctx, "bench");
    const records = [];
    for (let i = 0; i < COUNT; i++) {
      const planned = planNotifications(
        ctx,
        account,
        "port.completed",
        { numbers: "+12125550100", completedDate: "1 January 2027" },
        { portRequestId: `p${i}` },
      );
      const webhooks = planned.records.filter((r) => r.channel === "webhook");
      const pipeline = ctx.redis.pipeline();
      for (const r of webhooks)
        pipeline
          .set(ctx.keys.notification("bench", r.id), JSON.stringify(r))
          .zadd(ctx.keys.outbox("bench"), Date.now(), r.id);
      await pipeline.exec();
      records.push(...webhooks);
    }
    const finished = new Promise<void>((resolve) => (done = resolve));
    const workers = await startWorkers(ctx);
    const start = performance.now();
    await dispatch(ctx, records);
    await finished;
    const seconds = (performance.now() - start) / 1000;
    await workers.close();
    return {
      name: `webhook deliveries/s (${COUNT}, signed, 1 worker process)`,
      opsPerSec: COUNT / seconds,
      baselineOpsPerSec: COUNT / baselineSeconds,
    };
  } finally {
    await ctx.close();
    server.close();
    await redis.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchWebhooks();
  console.log(`${r.name}: ${r.opsPerSec.toFixed(0)}/s (plain fetch ceiling ${r.baselineOpsPerSec.toFixed(0)}/s)`);
}
