import type { Result } from "ioredis";
import type { Context } from "../platform/context.js";
import { accountEntry, entriesOf, INDEX_KINDS, type IndexedDevice, type IndexKind } from "./terms.js";

// Swaps a device's old index entries for its new ones, unless the index already holds a later
// version of the device (two writers finishing out of order must not leave the older number
// indexed), and only if the device's record is still the one the caller read (else -1: read
// again). The entries' format lives in terms.ts alone; the record only keeps what rebuilds them.
// KEYS[1] the records hash, KEYS[2] the account set, KEYS[3..] the index sets. ARGV: field,
// expected record ('' = none), version, new record, account entry, old and new [[key, member]].
const REPLACE_SCRIPT = `
local old = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if old ~= ARGV[2] then return -1 end
if old ~= '' and tonumber(string.match(old, '^%d+')) > tonumber(ARGV[3]) then return 0 end
for _, entry in ipairs(cjson.decode(ARGV[6])) do redis.call('ZREM', KEYS[entry[1]], entry[2]) end
for _, entry in ipairs(cjson.decode(ARGV[7])) do redis.call('ZADD', KEYS[entry[1]], 0, entry[2]) end
redis.call('ZADD', KEYS[2], 0, ARGV[5])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return 1
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    searchReplace(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
  }
}

function ensureScript(ctx: Context): void {
  if (typeof (ctx.redis as { searchReplace?: unknown }).searchReplace !== "function") {
    ctx.redis.defineCommand("searchReplace", { lua: REPLACE_SCRIPT });
  }
}

/** The index sets a device's entries go to: every kind, across accounts and in its account. */
function indexKeys(ctx: Context, accountId: string): string[] {
  return INDEX_KINDS.flatMap((kind) => [ctx.keys.searchIndex(kind), ctx.keys.searchIndex(kind, accountId)]);
}

/** Each entry goes to the cross-account set and the account's own (Lua indexes KEYS from 1, after the two fixed keys). */
function placed(device: IndexedDevice): [number, string][] {
  return entriesOf(device).flatMap((entry): [number, string][] => {
    const at = INDEX_KINDS.indexOf(entry.kind);
    return [[3 + at * 2, entry.member], [4 + at * 2, entry.member]];
  });
}

/** What the records hash keeps per device: `"<version> <callbackNumber> <serviceCountry>"` (small: one per device). */
function recordOf(device: IndexedDevice, version: number): string {
  return `${version} ${device.callbackNumber} ${device.serviceCountry}`;
}

function deviceFromRecord(record: string, device: Pick<IndexedDevice, "accountId" | "deviceId">): IndexedDevice {
  const [, callbackNumber = "", serviceCountry = ""] = record.split(" ");
  return { ...device, callbackNumber, serviceCountry };
}

/**
 * Puts a device's current search terms in the index (replacing its old ones), atomically.
 * Called after every device write (devices/service.ts); repeating it is harmless.
 * @returns false when the index already held a later version of the device.
 */
export async function indexDevice(ctx: Context, device: IndexedDevice, version: number): Promise<boolean> {
  ensureScript(ctx);
  const keys = indexKeys(ctx, device.accountId);
  const field = `${device.accountId}/${device.deviceId}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const previous = (await ctx.redis.hget(ctx.keys.searchDocuments(), field)) ?? "";
    const result = await ctx.redis.searchReplace(
      2 + keys.length,
      ctx.keys.searchDocuments(),
      ctx.keys.searchAccounts(),
      ...keys,
      field,
      previous,
      version,
      recordOf(device, version),
      accountEntry(device.accountId),
      JSON.stringify(previous ? placed(deviceFromRecord(previous, device)) : []),
      JSON.stringify(placed(device)),
    );
    if (result !== -1) return result === 1;
  }
  throw new Error(`search index: ${field} kept changing`);
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
  for (const read of reads) pipeline.zrangebylex(read.key, `[${read.prefix}`, `(${read.prefix}\x7f`, "LIMIT", 0, read.limit);
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value as string[];
  });
}

export function indexKey(ctx: Context, kind: IndexKind, accountId: string | null): string {
  return accountId === null ? ctx.keys.searchIndex(kind) : ctx.keys.searchIndex(kind, accountId);
}
