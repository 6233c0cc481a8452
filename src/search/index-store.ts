import type { Result } from "ioredis";
import { deviceIdPages } from "../devices/id-pages.js";
import type { Context } from "../platform/context.js";
import { accountEntry, entriesOf, INDEX_KINDS, type IndexedDevice, type IndexKind } from "./terms.js";

// Swaps a device's old index entries for its new ones, unless the index already holds a later
// version of the device (two writers finishing out of order must not leave the older number
// indexed), and only if the device's record is still the one the caller read (else -1: read
// again). Entries go to the cross-account sets always, and to the account's own sets only when
// the account is maintained (see ensureAccountIndex); old entries leave both.
// The entries' format lives in terms.ts alone; the record only keeps what rebuilds them.
// KEYS: 1 the records hash, 2 the account set, 3 the maintained accounts, then per kind k
// (0-based) 4+2k the cross-account set and 5+2k the account's. ARGV: field, expected record
// ('' = none), version, new record, account entry, account id, old and new [[k, member]].
const REPLACE_SCRIPT = `
local old = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if old ~= ARGV[2] then return -1 end
if old ~= '' and tonumber(string.match(old, '^%d+')) > tonumber(ARGV[3]) then return 0 end
local scoped = redis.call('SISMEMBER', KEYS[3], ARGV[6]) == 1
for _, entry in ipairs(cjson.decode(ARGV[7])) do
  redis.call('ZREM', KEYS[4 + 2 * entry[1]], entry[2])
  redis.call('ZREM', KEYS[5 + 2 * entry[1]], entry[2])
end
for _, entry in ipairs(cjson.decode(ARGV[8])) do
  redis.call('ZADD', KEYS[4 + 2 * entry[1]], 0, entry[2])
  if scoped then redis.call('ZADD', KEYS[5 + 2 * entry[1]], 0, entry[2]) end
end
redis.call('ZADD', KEYS[2], 0, ARGV[5])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return 1
`;

// Adds devices' entries to their account's own sets, each only if the device's record is still
// the one read (a device written since has put its current entries there itself).
// KEYS: 1 the records hash, then per kind k (0-based) 2+k the account's set.
// ARGV[1]: [[field, record, [[k, member], ...]], ...].
const BACKFILL_SCRIPT = `
local added = 0
for _, device in ipairs(cjson.decode(ARGV[1])) do
  if redis.call('HGET', KEYS[1], device[1]) == device[2] then
    for _, entry in ipairs(device[3]) do redis.call('ZADD', KEYS[2 + entry[1]], 0, entry[2]) end
    added = added + 1
  end
end
return added
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    searchReplace(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
    searchBackfill(numKeys: number, ...args: string[]): Result<number, Context>;
  }
}

function ensureScripts(ctx: Context): void {
  if (typeof (ctx.redis as { searchReplace?: unknown }).searchReplace !== "function") {
    ctx.redis.defineCommand("searchReplace", { lua: REPLACE_SCRIPT });
    ctx.redis.defineCommand("searchBackfill", { lua: BACKFILL_SCRIPT });
  }
}

/** The index sets of each kind, in INDEX_KINDS order: across accounts and in the account. */
function indexKeys(ctx: Context, accountId: string): string[] {
  return INDEX_KINDS.flatMap((kind) => [ctx.keys.searchIndex(kind), ctx.keys.searchIndex(kind, accountId)]);
}

/** A device's entries as [kind number, member] (the scripts' form). */
function placed(device: IndexedDevice): [number, string][] {
  return entriesOf(device).map((entry): [number, string] => [INDEX_KINDS.indexOf(entry.kind), entry.member]);
}

/** What the records hash keeps per device: `"<version> <callbackNumber> <serviceCountry>"` (small: one per device). */
function recordOf(device: IndexedDevice, version: number): string {
  return `${version} ${device.callbackNumber} ${device.serviceCountry}`;
}

function deviceFromRecord(record: string, device: Pick<IndexedDevice, "accountId" | "deviceId">): IndexedDevice {
  const [, callbackNumber = "", serviceCountry = ""] = record.split(" ");
  return { ...device, callbackNumber, serviceCountry };
}

/** What the index holds for each of an account's devices (null: nothing), in `deviceIds` order. */
export async function indexedRecords(
  ctx: Context,
  accountId: string,
  deviceIds: string[],
): Promise<(Pick<IndexedDevice, "callbackNumber" | "serviceCountry"> | null)[]> {
  if (deviceIds.length === 0) return [];
  const records = await ctx.redis.hmget(
    ctx.keys.searchDocuments(),
    ...deviceIds.map((deviceId) => `${accountId}/${deviceId}`),
  );
  return records.map((record, i) => (record ? deviceFromRecord(record, { accountId, deviceId: deviceIds[i]! }) : null));
}

/**
 * Puts a device's current search terms in the index (replacing its old ones), atomically.
 * Called after every device write (devices/service.ts); repeating it is harmless.
 * @returns false when the index already held a later version of the device.
 */
export async function indexDevice(ctx: Context, device: IndexedDevice, version: number): Promise<boolean> {
  ensureScripts(ctx);
  const keys = [
    ctx.keys.searchDocuments(),
    ctx.keys.searchAccounts(),
    ctx.keys.searchScopes("maintained"),
    ...indexKeys(ctx, device.accountId),
  ];
  const field = `${device.accountId}/${device.deviceId}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const previous = (await ctx.redis.hget(ctx.keys.searchDocuments(), field)) ?? "";
    const result = await ctx.redis.searchReplace(
      keys.length,
      ...keys,
      field,
      previous,
      version,
      recordOf(device, version),
      accountEntry(device.accountId),
      device.accountId,
      JSON.stringify(previous ? placed(deviceFromRecord(previous, device)) : []),
      JSON.stringify(placed(device)),
    );
    if (result !== -1) return result === 1;
  }
  throw new Error(`search index: ${field} kept changing`);
}

/**
 * Makes sure an account's own index sets exist and are kept current, before one of its customer
 * keys searches them. Staff search the cross-account sets, so an account gets sets of its own
 * only once a customer key of it searches: they cost ~350 bytes per device, which every account
 * paid before whether or not anyone ever searched it that way.
 *
 * Safe while the account's devices are being written: the account is marked maintained first,
 * so every later write keeps its sets current; then its devices are added page by page, each
 * only if its record is still the one read; then it is marked ready. Idempotent.
 */
export async function ensureAccountIndex(ctx: Context, accountId: string): Promise<void> {
  if ((await ctx.redis.sismember(ctx.keys.searchScopes("ready"), accountId)) === 1) return;
  ensureScripts(ctx);
  await ctx.redis.sadd(ctx.keys.searchScopes("maintained"), accountId);
  const accountKeys = INDEX_KINDS.map((kind) => ctx.keys.searchIndex(kind, accountId));
  for await (const ids of deviceIdPages(ctx, accountId)) {
    const fields = ids.map((deviceId) => `${accountId}/${deviceId}`);
    const records = await ctx.redis.hmget(ctx.keys.searchDocuments(), ...fields);
    const devices = ids.flatMap((deviceId, i) => {
      const record = records[i];
      return record ? [[fields[i]!, record, placed(deviceFromRecord(record, { accountId, deviceId }))]] : [];
    });
    if (devices.length > 0)
      await ctx.redis.searchBackfill(
        1 + accountKeys.length,
        ctx.keys.searchDocuments(),
        ...accountKeys,
        JSON.stringify(devices),
      );
  }
  await ctx.redis.sadd(ctx.keys.searchScopes("ready"), accountId);
}

/** One prefix read: up to `limit` members of a set whose term starts with `prefix`. */
export interface RangeRead {
  key: string;
  prefix: string;
  limit: number;
}

/**
 * Reads several prefix ranges in one round trip. Members are ASCII, so "\x7f" sorts after every
 * character a term can continue with: `[prefix` … `(prefix\x7f` is "starts with prefix".
 */
export async function readRanges(ctx: Context, reads: readonly RangeRead[]): Promise<string[][]> {
  if (reads.length === 0) return [];
  const pipeline = ctx.redis.pipeline();
  for (const read of reads)
    pipeline.zrangebylex(read.key, `[${read.prefix}`, `(${read.prefix}\x7f`, "LIMIT", 0, read.limit);
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value as string[];
  });
}

export function indexKey(ctx: Context, kind: IndexKind, accountId: string | null): string {
  return accountId === null ? ctx.keys.searchIndex(kind) : ctx.keys.searchIndex(kind, accountId);
}
