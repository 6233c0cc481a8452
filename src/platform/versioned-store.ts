import type { Result } from "ioredis";
import type { RedisClient } from "./redis.js";

/** A stored document with the version that guards every write to it. */
export interface Versioned<T> {
  version: number;
  doc: T;
}

/** Commands a write may run on its sibling keys (history, indexes, events) in the same script. */
export type SideEffectCommand =
  "LPUSH" | "RPUSH" | "ZADD" | "ZREM" | "SADD" | "SREM" | "HSET" | "XADD" | "SET" | "PEXPIRE";

/** One extra command applied atomically with the document write, e.g. appending history. */
export interface SideEffect {
  command: SideEffectCommand;
  key: string;
  args: (string | number)[];
}

/** Raised when the stored version is not the one the write expected. */
export class VersionConflictError extends Error {
  override name = "VersionConflictError";
  constructor(readonly currentVersion: number) {
    super(`version conflict: stored version is ${currentVersion}`);
  }
}

// Compare-and-set of a document plus its side effects, as one atomic step. Every side-effect
// command is checked against the allow-list before anything is written, because Redis does not
// roll back a script that fails half-way.
const CAS_SCRIPT = `
local allowed = { LPUSH=true, RPUSH=true, ZADD=true, ZREM=true, SADD=true, SREM=true, HSET=true, XADD=true, SET=true, PEXPIRE=true }
local ops = cjson.decode(ARGV[4])
for _, op in ipairs(ops) do
  if not allowed[op[1]] or not KEYS[op[2]] then return redis.error_reply('bad side effect') end
end
local raw = redis.call('GET', KEYS[1])
local current = '0'
if raw then current = string.sub(raw, 1, string.find(raw, '|', 1, true) - 1) end
if current ~= ARGV[1] then return { 0, current } end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[3])
for _, op in ipairs(ops) do
  redis.call(op[1], KEYS[op[2]], unpack(op, 3))
end
return { 1, ARGV[2] }
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    casWrite(numKeys: number, ...args: (string | number)[]): Result<[number, string], Context>;
  }
}

/** `"<version>|<json>"` → the document; null for a missing key. */
function decode<T>(raw: string | null): Versioned<T> | null {
  if (raw === null) return null;
  const bar = raw.indexOf("|");
  return { version: Number(raw.slice(0, bar)), doc: JSON.parse(raw.slice(bar + 1)) as T };
}

/**
 * Documents stored as one string `"<version>|<json>"`, written only by compare-and-set so that
 * every change is atomic, versioned and carries its history in the same step. (A plain string
 * rather than a hash `{v, d}`: a document is larger than a compact hash value, and a hash-table
 * hash cost ~300 more bytes per device — measured with `bench/memory.ts`.)
 */
export class VersionedStore {
  constructor(private readonly redis: RedisClient) {
    // Defined once per connection; Redis caches the script by its SHA after the first call.
    if (typeof (redis as { casWrite?: unknown }).casWrite !== "function") {
      redis.defineCommand("casWrite", { lua: CAS_SCRIPT });
    }
  }

  /** Reads one document, or null when it does not exist. */
  async read<T>(key: string): Promise<Versioned<T> | null> {
    return decode<T>(await this.redis.get(key));
  }

  /**
   * Reads one document as its stored JSON text, unparsed — for GETs that send it on as it is
   * (parsing and re-serialising a document per read showed in the profile).
   */
  async readJson(key: string): Promise<{ version: number; json: string } | null> {
    const raw = await this.redis.get(key);
    if (raw === null) return null;
    const bar = raw.indexOf("|");
    return { version: Number(raw.slice(0, bar)), json: raw.slice(bar + 1) };
  }

  /** Reads several documents in one round trip (each key may live in another slot). */
  async readMany<T>(keys: string[]): Promise<(Versioned<T> | null)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.get(key);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, value]) => {
      if (error) throw error;
      return decode<T>(value as string | null);
    });
  }

  /**
   * Writes `doc` as version `expectedVersion + 1` if the stored version is still
   * `expectedVersion` (0 = must not exist yet), and applies `effects` in the same script.
   * All keys must share one hash tag (see `KeySpace`).
   * @throws VersionConflictError when someone else wrote first.
   */
  async write(key: string, expectedVersion: number, doc: unknown, effects: SideEffect[] = []): Promise<number> {
    const keys = [key];
    const ops = effects.map((effect) => {
      let index = keys.indexOf(effect.key);
      if (index < 0) index = keys.push(effect.key) - 1;
      return [effect.command, index + 1, ...effect.args.map(String)];
    });
    const next = expectedVersion + 1;
    const [ok, current] = await this.redis.casWrite(
      keys.length,
      ...keys,
      String(expectedVersion),
      String(next),
      JSON.stringify(doc),
      JSON.stringify(ops),
    );
    if (ok !== 1) throw new VersionConflictError(Number(current));
    return next;
  }
}
