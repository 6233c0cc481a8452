import { randomBytes } from "node:crypto";
import type { Request as CannonRequest } from "autocannon";
import { loadConfig } from "../src/config.js";
import { NetworkIndex, normaliseObservation, type IndexedEntry } from "../src/lis/network-index.js";
import { resolveObservation, type LocationLike } from "../src/lis/resolution.js";
import { matchKey } from "../src/lis/network-index.js";
import { writeMapEntry } from "../src/lis/store.js";
import { createServiceContext } from "../src/service-context.js";
import { createLogger } from "../src/platform/logger.js";
import { startRedisServer } from "../src/platform/redis-process.js";
import { waitForReady } from "../src/platform/redis.js";

/** Devices the HELD scenarios rotate over, each with a SIP URI and an observed IP on a mapped subnet. */
const HELD_DEVICES = 500;
/** Entries of the map in the in-process resolution bench and the memory figure (issue 16). */
export const MAP_ENTRIES = 50_000;

const heldBody = (device: string) =>
  `<?xml version="1.0"?><locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" responseTime="emergencyRouting">` +
  `<locationType exact="false">civic</locationType><device xmlns="urn:ietf:params:xml:ns:geopriv:held:id">${device}</device></locationRequest>`;

const ipOf = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.7`;

/** HELD by `uri` and by `ip` against the running service (data created here first, over HTTP). */
export async function lisScenarios(
  base: string,
  headers: Record<string, string>,
): Promise<{ name: string; requests: CannonRequest[] }[]> {
  const call = (method: string, path: string, body: unknown) =>
    fetch(base + path, { method, headers, body: JSON.stringify(body) }).then(async (r) => {
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    });
  await call("PUT", "/v1/accounts/bench-lis", {
    name: "Bench LIS",
    country: "US",
    locale: "en",
    contacts: { emails: ["lis@example.com"] },
  });
  await call("PUT", "/v1/accounts/bench-lis/emergency-locations/hq", {
    name: "HQ",
    address: {
      country: "US",
      region: "US-NY",
      city: "New York",
      street: "Broadway",
      houseNumber: "1585",
      postalCode: "10036",
      floor: "12",
    },
  });
  for (let start = 0; start < HELD_DEVICES; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        const i = start + k;
        await call("PUT", `/v1/accounts/bench-lis/network-map/net${i}`, {
          locationId: "hq",
          subnet: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
        });
        await call("PUT", `/v1/accounts/bench-lis/devices/s${i}`, {
          type: "softphone",
          callbackNumber: `+1646555${String(1000 + i)}`,
          serviceCountry: "US",
          sipUris: [`sip:s${i}@pbx.bench`],
        });
        await call("POST", `/v1/accounts/bench-lis/devices/s${i}/observations`, { ip: ipOf(i) });
      }),
    );
  }
  const heldHeaders = { authorization: headers.authorization ?? "", "content-type": "application/held+xml" };
  // Steady state, as a proxy's LIS sees it: every device asked for once by each identity before
  // measuring (each answer's PIDF-LO is then built, and cached per device version).
  for (let start = 0; start < HELD_DEVICES; start += 50)
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        for (const identity of [`<uri>sip:s${start + k}@pbx.bench</uri>`, `<ip v="4">${ipOf(start + k)}</ip>`])
          await (
            await fetch(`${base}/held`, { method: "POST", headers: heldHeaders, body: heldBody(identity) })
          ).text();
      }),
    );
  let byUri = 0;
  let byIp = 0;
  return [
    {
      name: "POST /held by uri",
      requests: [
        {
          method: "POST",
          path: "/held",
          headers: heldHeaders,
          setupRequest: (r: CannonRequest) => ({
            ...r,
            body: heldBody(`<uri>sip:s${byUri++ % HELD_DEVICES}@pbx.bench</uri>`),
          }),
        },
      ],
    },
    {
      name: "POST /held by ip",
      requests: [
        {
          method: "POST",
          path: "/held",
          headers: heldHeaders,
          setupRequest: (r: CannonRequest) => ({
            ...r,
            body: heldBody(`<ip v="4">${ipOf(byIp++ % HELD_DEVICES)}</ip>`),
          }),
        },
      ],
    },
  ];
}

function place(i: number): LocationLike {
  return {
    address: {
      country: "US",
      region: "US-NY",
      city: "New York",
      street: "Broadway",
      houseNumber: String(i),
      postalCode: "10036",
    },
    displayLine: `${i} Broadway`,
    timeZone: "America/New_York",
    version: 1,
    updatedAt: "2026-01-01T00:00:00.000Z",
    updatedBy: "bench",
  };
}

/** A 50,000-entry map: /24s, some /16s over them, access points and switch ports. */
function bigMap(): IndexedEntry[] {
  const entries: IndexedEntry[] = [];
  for (let i = 0; i < MAP_ENTRIES * 0.8; i++)
    entries.push({
      entryId: `n${i}`,
      locationId: `l${i % 100}`,
      match: { kind: "subnet", subnet: `10.${(i >> 8) & 255}.${i & 255}.0/24` },
    });
  for (let i = 0; i < 64; i++)
    entries.push({ entryId: `w${i}`, locationId: "l0", match: { kind: "subnet", subnet: `10.${i}.0.0/16` } });
  while (entries.length < MAP_ENTRIES) {
    const i = entries.length;
    const mac = i.toString(16).padStart(12, "0").match(/../g)!.join(":");
    entries.push(
      i % 2 === 0
        ? { entryId: `b${i}`, locationId: `l${i % 100}`, match: { kind: "bssid", bssid: mac } }
        : {
            entryId: `p${i}`,
            locationId: `l${i % 100}`,
            match: { kind: "port", chassisId: "sw-core", portId: `ge-${i}` },
          },
    );
  }
  return entries;
}

/** In-process: resolutions per second against a 50,000-entry map (build time too), baseline the lookup alone. */
export function benchResolution(): {
  entries: number;
  buildMs: number;
  resolutionsPerSec: number;
  lookupsPerSec: number;
} {
  const entries = bigMap();
  const started = performance.now();
  const index = new NetworkIndex(entries);
  const buildMs = performance.now() - started;
  const locations = new Map(Array.from({ length: 100 }, (_, i) => [`l${i}`, place(i + 1)] as const));
  const observations = Array.from({ length: 4096 }, (_, i) => {
    const n = normaliseObservation(
      i % 4 === 0
        ? { ip: `10.${i & 255}.${(i * 7) & 255}.9`, bssid: "00:00:00:00:9c:41" }
        : { ip: `10.${(i * 3) & 255}.${i & 255}.9` },
    );
    if (!n.ok) throw new Error(n.message);
    return n.value;
  });
  const device = { mobility: "nomadic" as const, registered: place(0), noticedNetworks: [] };
  const N = 1_000_000;
  let sink = 0;
  let t0 = performance.now();
  for (let i = 0; i < N; i++)
    if (resolveObservation(observations[i & 4095]!, { index, locations }, device).location) sink++;
  const resolutionsPerSec = N / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < N; i++) if (index.lookup(observations[i & 4095]!)) sink++;
  const lookupsPerSec = N / ((performance.now() - t0) / 1000);
  if (sink === 0) throw new Error("nothing resolved");
  return { entries: index.size, buildMs, resolutionsPerSec, lookupsPerSec };
}

/** Redis memory per network-map entry: 50,000 entries written through the store's script into a private Redis. */
export async function benchMapMemory(): Promise<{ entries: number; bytesPerEntry: number }> {
  const redis = await startRedisServer();
  const config = loadConfig({
    REDIS_URL: redis.url,
    REDIS_PREFIX: `l${randomBytes(3).toString("hex")}`,
    LOG_LEVEL: "silent",
  });
  const ctx = createServiceContext(config, createLogger(config));
  await waitForReady(ctx.redis);
  try {
    const used = async () => Number(/used_memory:(\d+)/.exec(await ctx.redis.info("memory"))?.[1] ?? 0);
    const before = await used();
    const entries = bigMap();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let i = next++; i < entries.length; i = next++) {
          const e = entries[i]!;
          await writeMapEntry(
            ctx,
            {
              accountId: "mem",
              entryId: e.entryId,
              locationId: e.locationId,
              match: e.match,
              key: matchKey(e.match),
              updatedAt: new Date().toISOString(),
              updatedBy: "bench",
            },
            undefined,
          );
        }
      }),
    );
    const after = await used();
    return { entries: entries.length, bytesPerEntry: (after - before) / entries.length };
  } finally {
    await ctx.close();
    await redis.stop();
  }
}
