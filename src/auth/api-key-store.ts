import { hash, randomBytes } from "node:crypto";
import type { KeySpace } from "../platform/keys.js";
import type { RedisClient } from "../platform/redis.js";
import type { Principal, Role } from "../platform/principal.js";

/** What is stored per key: never the key itself, only its SHA-256. */
export interface StoredApiKey {
  id: string;
  role: Role;
  accountId: string | null;
  label: string | null;
  createdAt: string;
  createdBy: string;
}

/**
 * SHA-256 of the presented key. Keys are 256 random bits, so a fast hash is enough: there is no
 * low-entropy secret to protect with a slow one, and every request pays for this hash.
 */
export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

/** A fresh key id and secret. The secret's `vck_` prefix makes leaked keys easy to scan for. */
export function generateApiKey(): { id: string; key: string } {
  return { id: `key_${randomBytes(9).toString("base64url")}`, key: `vck_${randomBytes(32).toString("base64url")}` };
}

// KEYS: by-id, index, new record, old record; ARGV: new hash, record JSON, id, old hash seen.
// Applies only while the id still names the old hash that was read (else 0: read again).
const REPLACE = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[4] then return 0 end
if current ~= '' and current ~= ARGV[1] then redis.call('DEL', KEYS[4]) end
redis.call('SET', KEYS[3], ARGV[2])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[3])
return 1
`;

export class ApiKeyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async save(hash: string, record: StoredApiKey): Promise<void> {
    // Both keys share the {keys} tag, so MULTI is atomic on a cluster too.
    await this.redis
      .multi()
      .set(this.keys.apiKey(hash), JSON.stringify(record))
      .set(this.keys.apiKeyById(record.id), hash)
      .sadd(this.keys.apiKeyIndex(), record.id)
      .exec();
  }

  /**
   * Saves a key under a fixed id, replacing the key that held the id before (its hash is deleted
   * in the same script, so the old key stops working the moment the new one is installed).
   * Returns the replaced hash, or null when there was none or it was the same key.
   */
  async replace(hash: string, record: StoredApiKey): Promise<string | null> {
    for (;;) {
      const old = (await this.redis.get(this.keys.apiKeyById(record.id))) ?? "";
      const applied = (await this.redis.eval(
        REPLACE,
        4,
        this.keys.apiKeyById(record.id),
        this.keys.apiKeyIndex(),
        this.keys.apiKey(hash),
        this.keys.apiKey(old),
        hash,
        JSON.stringify(record),
        record.id,
        old,
      )) as number;
      if (applied === 1) return old !== "" && old !== hash ? old : null;
    }
  }

  async findByHash(hash: string): Promise<Principal | null> {
    const json = await this.redis.get(this.keys.apiKey(hash));
    if (!json) return null;
    const record = JSON.parse(json) as StoredApiKey;
    return { keyId: record.id, role: record.role, accountId: record.accountId, label: record.label };
  }

  async list(): Promise<StoredApiKey[]> {
    const ids = await this.redis.smembers(this.keys.apiKeyIndex());
    if (ids.length === 0) return [];
    const hashes = await this.redis.mget(...ids.map((id) => this.keys.apiKeyById(id)));
    const live = hashes.filter((h): h is string => h !== null);
    if (live.length === 0) return [];
    const records = await this.redis.mget(...live.map((h) => this.keys.apiKey(h)));
    return records.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as StoredApiKey);
  }

  /** Deletes a key; returns its hash so caches can be told, or null when there was none. */
  async delete(id: string): Promise<string | null> {
    const hash = await this.redis.get(this.keys.apiKeyById(id));
    if (!hash) return null;
    await this.redis
      .multi()
      .del(this.keys.apiKey(hash), this.keys.apiKeyById(id))
      .srem(this.keys.apiKeyIndex(), id)
      .exec();
    return hash;
  }
}
