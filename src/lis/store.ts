import type { Result } from "ioredis";
import type { Context } from "../platform/context.js";
import type { RedisClient } from "../platform/redis.js";
import type { MapMatch } from "./network-index.js";

/**
 * The Location Information Server's Redis keys and commands. Per account, under the account's
 * hash tag (ADR 0004) so a map write and its bookkeeping are one script:
 *
 * - `lis:loc:<id>` emergency location (versioned document), `…:history`, `lis:locs` (index);
 * - `lis:map` hash entryId → entry JSON, `lis:map:keys` hash match key → entryId (duplicates are
 *   refused), `lis:map:version` counter bumped by every map or emergency-location write (the
 *   in-memory index of a process is rebuilt when it moves);
 * - `lis:dev:<deviceId>:history` the device's dispatchable-location changes;
 * - `lis:dev-ids` hash deviceId → JSON list of the identities (SIP URIs, tel:, ip:) indexed for
 *   the device: one field per device rather than a set per device, which cost a key and a hash
 *   table each (~230 B per device on Redis 7.0, ADR 0030). `lis:dev:<deviceId>:ids`, the set it
 *   replaced, is still read for a device not written since, and deleted at its next write.
 *
 * Identities are global (`{lisid}`): which device a HELD `uri` or `ip` names, across accounts.
 * They are derived data, written after the device and checked against it when read.
 */
export class LisKeys {
  constructor(private readonly prefix: string) {}
  private acct(accountId: string): string {
    return `${this.prefix}:{a:${accountId}}:lis`;
  }
  location(accountId: string, locationId: string): string {
    return `${this.acct(accountId)}:loc:${locationId}`;
  }
  locationHistory(accountId: string, locationId: string): string {
    return `${this.acct(accountId)}:loc:${locationId}:history`;
  }
  locationIndex(accountId: string): string {
    return `${this.acct(accountId)}:locs`;
  }
  map(accountId: string): string {
    return `${this.acct(accountId)}:map`;
  }
  mapKeys(accountId: string): string {
    return `${this.acct(accountId)}:map:keys`;
  }
  mapVersion(accountId: string): string {
    return `${this.acct(accountId)}:map:version`;
  }
  dispatchableHistory(accountId: string, deviceId: string): string {
    return `${this.acct(accountId)}:dev:${deviceId}:history`;
  }
  /** Hash: deviceId → the identities indexed for that device (JSON array). */
  deviceIdentities(accountId: string): string {
    return `${this.acct(accountId)}:dev-ids`;
  }
  /** The per-device set that held them before ADR 0030; read until the device's next write. */
  legacyDeviceIdentities(accountId: string, deviceId: string): string {
    return `${this.acct(accountId)}:dev:${deviceId}:ids`;
  }
  /** Devices whose dispatchable location is this emergency location (network-map source). */
  devicesAt(accountId: string, locationId: string): string {
    return `${this.acct(accountId)}:at:${locationId}`;
  }
  /** Devices of the account needing attention (suspected move, unconfirmed): member deviceId, score ms. */
  attention(accountId: string): string {
    return `${this.acct(accountId)}:attention`;
  }
  /** The same across accounts (`accountId deviceId`), for the staff list. */
  attentionAll(): string {
    return `${this.prefix}:{lisatt}:attention`;
  }
  identity(identity: string): string {
    return `${this.prefix}:{lisid}:${identity}`;
  }
  /** A HELD location URI's token → `accountId deviceId` (expires with the URI). */
  locationUri(token: string): string {
    return `${this.prefix}:{lisuri}:${token}`;
  }
}

const keysByPrefix = new Map<string, LisKeys>();
export function lisKeys(ctx: Context): LisKeys {
  let keys = keysByPrefix.get(ctx.keys.prefix);
  if (!keys) keysByPrefix.set(ctx.keys.prefix, (keys = new LisKeys(ctx.keys.prefix)));
  return keys;
}

/** A map entry as stored. */
export interface StoredMapEntry {
  accountId: string;
  entryId: string;
  locationId: string;
  match: MapMatch;
  key: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

// KEYS: map, mapKeys, mapVersion. ARGV: entryId, expected version ("" = any), entry JSON
// (without version), match key. Returns {1, version} written, {2, version} unchanged,
// {0, current} version mismatch, {-1, owner} another entry has this match key.
const PUT_ENTRY = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local current = 0
local old = nil
if raw then old = cjson.decode(raw); current = old.version end
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= current then return { 0, current } end
local owner = redis.call('HGET', KEYS[2], ARGV[4])
if owner and owner ~= ARGV[1] then return { -1, owner } end
local doc = cjson.decode(ARGV[3])
if old and old.key == ARGV[4] and old.locationId == doc.locationId then return { 2, current } end
if old and old.key ~= ARGV[4] then redis.call('HDEL', KEYS[2], old.key) end
doc.version = current + 1
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(doc))
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
redis.call('INCR', KEYS[3])
return { 1, current + 1 }
`;

// KEYS: map, mapKeys, mapVersion. ARGV: entryId, expected version ("" = any).
// Returns {1, 0} deleted, {-1, 0} absent, {0, current} version mismatch.
const DELETE_ENTRY = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return { -1, 0 } end
local old = cjson.decode(raw)
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= old.version then return { 0, old.version } end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], old.key) == ARGV[1] then redis.call('HDEL', KEYS[2], old.key) end
redis.call('INCR', KEYS[3])
return { 1, 0 }
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    lisPutEntry(numKeys: number, ...args: (string | number)[]): Result<[number, string | number], Context>;
    lisDeleteEntry(numKeys: number, ...args: (string | number)[]): Result<[number, number], Context>;
  }
}

function scripts(redis: RedisClient): RedisClient {
  if (typeof (redis as { lisPutEntry?: unknown }).lisPutEntry !== "function") {
    redis.defineCommand("lisPutEntry", { lua: PUT_ENTRY });
    redis.defineCommand("lisDeleteEntry", { lua: DELETE_ENTRY });
  }
  return redis;
}

export type PutEntryOutcome =
  | { kind: "written" | "unchanged"; version: number }
  | { kind: "version-mismatch"; current: number }
  | { kind: "duplicate"; owner: string };

/** Writes one map entry atomically with its duplicate check and the map version bump. */
export async function writeMapEntry(
  ctx: Context,
  entry: Omit<StoredMapEntry, "version">,
  expected: number | undefined,
): Promise<PutEntryOutcome> {
  const k = lisKeys(ctx);
  const [code, value] = await scripts(ctx.redis).lisPutEntry(
    3,
    k.map(entry.accountId),
    k.mapKeys(entry.accountId),
    k.mapVersion(entry.accountId),
    entry.entryId,
    expected === undefined ? "" : String(expected),
    JSON.stringify(entry),
    entry.key,
  );
  if (code === 1) return { kind: "written", version: Number(value) };
  if (code === 2) return { kind: "unchanged", version: Number(value) };
  if (code === 0) return { kind: "version-mismatch", current: Number(value) };
  return { kind: "duplicate", owner: String(value) };
}

export async function deleteMapEntry(
  ctx: Context,
  accountId: string,
  entryId: string,
  expected: number | undefined,
): Promise<{ kind: "deleted" | "absent" } | { kind: "version-mismatch"; current: number }> {
  const k = lisKeys(ctx);
  const [code, current] = await scripts(ctx.redis).lisDeleteEntry(
    3,
    k.map(accountId),
    k.mapKeys(accountId),
    k.mapVersion(accountId),
    entryId,
    expected === undefined ? "" : String(expected),
  );
  if (code === 1) return { kind: "deleted" };
  if (code === -1) return { kind: "absent" };
  return { kind: "version-mismatch", current };
}

export async function readMapEntry(ctx: Context, accountId: string, entryId: string): Promise<StoredMapEntry | null> {
  const raw = await ctx.redis.hget(lisKeys(ctx).map(accountId), entryId);
  return raw ? (JSON.parse(raw) as StoredMapEntry) : null;
}

/** The whole map of an account with the version it was read at (one round trip). */
export async function readWholeMap(
  ctx: Context,
  accountId: string,
): Promise<{ version: number; entries: StoredMapEntry[] }> {
  const k = lisKeys(ctx);
  const results = await ctx.redis.multi().get(k.mapVersion(accountId)).hvals(k.map(accountId)).exec();
  const [versionResult, valuesResult] = results ?? [];
  if (!versionResult || !valuesResult || versionResult[0] || valuesResult[0])
    throw versionResult?.[0] ?? valuesResult?.[0] ?? new Error("map read failed");
  const values = valuesResult[1] as string[];
  return {
    version: Number(versionResult[1] ?? 0),
    entries: values.map((v) => JSON.parse(v) as StoredMapEntry),
  };
}

export async function readMapVersion(ctx: Context, accountId: string): Promise<number> {
  return Number((await ctx.redis.get(lisKeys(ctx).mapVersion(accountId))) ?? 0);
}
