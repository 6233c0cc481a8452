import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { putAccount } from "../src/accounts/service.js";
import { loadConfig } from "../src/config.js";
import { putDevice } from "../src/devices/service.js";
import { putLocation } from "../src/locations/service.js";
import { createServiceContext } from "../src/service-context.js";
import { createLogger } from "../src/platform/logger.js";
import { startRedisServer } from "../src/platform/redis-process.js";
import { waitForReady } from "../src/platform/redis.js";

const COUNT = Number(process.env.BENCH_DEVICES ?? 100_000);

function usedMemory(info: string): number {
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * Redis memory per device: COUNT devices, each with a location and one history entry, written
 * through the real use cases into a private server (`binary`: Debian's redis-server unless given);
 * `INFO memory` before and after.
 */
export async function benchMemory(binary?: string): Promise<{
  devices: number;
  bytesPerDevice: number;
  searchBytesPerDevice: number;
  usedMemoryHuman: string;
  seconds: number;
}> {
  const redis = await startRedisServer(binary ? { binary } : {});
  const config = loadConfig({
    REDIS_URL: redis.url,
    REDIS_PREFIX: `m${randomBytes(3).toString("hex")}`,
    LOG_LEVEL: "silent",
  });
  const ctx = createServiceContext(config, createLogger(config));
  await waitForReady(ctx.redis);
  try {
    const admin = { keyId: "bench", role: "admin" as const, accountId: null, label: null };
    const accounts = Math.max(1, Math.ceil(COUNT / 1000));
    for (let a = 0; a < accounts; a++)
      await putAccount(ctx, admin, `acct${a}`, {
        name: `Account ${a}`,
        country: "US",
        locale: "en",
        contacts: { emails: [`ops${a}@example.com`] },
      });
    const before = usedMemory(await ctx.redis.info("memory"));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let i = next++; i < COUNT; i = next++) {
          const accountId = `acct${i % accounts}`;
          const deviceId = `dev${i}`;
          await putDevice(ctx, admin, accountId, deviceId, {
            type: "desk_phone",
            callbackNumber: `+1212555${String(1000 + (i % 9000))}`,
            serviceCountry: "US",
          });
          await putLocation(ctx, admin, accountId, deviceId, {
            address: {
              country: "US",
              region: "US-NY",
              city: "New York",
              street: "Broadway",
              houseNumber: String(1 + (i % 2000)),
              postalCode: "10004",
              floor: String(1 + (i % 60)),
            },
            reason: "installed",
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const info = await ctx.redis.info("memory");
    const after = usedMemory(info);
    // The console's search index, measured key by key (exact: SAMPLES 0), to show it apart.
    let searchBytes = 0;
    let cursor = "0";
    do {
      const [next, keys] = await ctx.redis.scan(cursor, "MATCH", `${config.REDIS_PREFIX}:{search}:*`, "COUNT", 1000);
      cursor = next;
      for (const key of keys) searchBytes += Number(await ctx.redis.call("MEMORY", "USAGE", key, "SAMPLES", "0"));
    } while (cursor !== "0");
    return {
      devices: COUNT,
      bytesPerDevice: (after - before) / COUNT,
      searchBytesPerDevice: searchBytes / COUNT,
      usedMemoryHuman: /used_memory_human:(\S+)/.exec(info)?.[1] ?? "?",
      seconds,
    };
  } finally {
    await ctx.close();
    await redis.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchMemory();
  console.log(
    `${r.devices} devices with a location and one history entry: ${r.bytesPerDevice.toFixed(0)} bytes/device, of which the search index ${r.searchBytesPerDevice.toFixed(0)} (used_memory ${r.usedMemoryHuman}), written in ${r.seconds.toFixed(1)} s`,
  );
}
