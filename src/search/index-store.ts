import type { Result } from "ioredis";
import type { Context } from "../platform/context.js";
import { accountEntry, entriesOf, INDEX_KINDS, type IndexedDevice, type IndexKind } from "./terms.js";

// Replaces a device's entries with new ones, unless the index already holds a later version of
// the device (two writers finishing out of order must not leave the older number indexed).
// KEYS[1] the documents hash, KEYS[2] the account set, KEYS[3..] the index sets. ARGV: the
// device's field, its version, and {v, e: [[keyIndex, member], ...]} as JSON.
const REPLACE_SCRIPT = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local previous = cjson.decode(old)
  if tonumber(previous.v) > tonumber(ARGV[2]) then return 0 end
  for _, entry in ipairs(previous.e) do redis.call('ZREM', KEYS[entry[1]], entry[2]) end
end
local doc = cjson.decode(ARGV[3])
for _, entry in ipairs(doc.e) do redis.call('ZADD', KEYS[entry[1]], 0, entry[2]) end
redis.call('ZADD', KEYS[2], 0, ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
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

/**
 * Puts a device's current search terms in the index (replacing its old ones), atomically.
 * Called after every device write (devices/service.ts); repeating it is harmless.
 * @returns false when the index already held a later version of the device.
 */
export async function indexDevice(ctx: Context, device: IndexedDevice, version: number): Promise<boolean> {
  ensureScript(ctx);
  const keys = indexKeys(ctx, device.accountId);
  const entries = entriesOf(device).flatMap((entry) => {
    const at = INDEX_KINDS.indexOf(entry.kind);
    // Lua indexes KEYS from 1; documents and accounts come first.
    return [[3 + at * 2, entry.member], [4 + at * 2, entry.member]];
  });
  const doc = JSON.stringify({ v: version, e: entries });
  const result = await ctx.redis.searchReplace(
    2 + keys.length,
    ctx.keys.searchDocuments(),
    ctx.keys.searchAccounts(),
    ...keys,
    `${device.accountId}/${device.deviceId}`,
    version,
    doc,
    accountEntry(device.accountId),
  );
  return result === 1;
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
