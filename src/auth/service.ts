import type { Context } from "../platform/context.js";
import type { EmergencyPath } from "../platform/emergency-path.js";
import { NotFoundError, StoreUnavailableError, UnauthorizedError } from "../platform/errors.js";
import { apiKeysOf } from "./api-keys.js";
import { generateApiKey, hashApiKey, type StoredApiKey } from "./api-key-store.js";
import { actorOf, type Principal, type Role } from "../platform/principal.js";

/**
 * Resolves a presented bearer key to its principal: at once from the cache when it is there
 * (every request pays for this, so no promise is made for it), else from Redis.
 */
export function authenticate(ctx: Context, presented: string): Principal | Promise<Principal> {
  const hash = hashApiKey(presented);
  return apiKeysOf(ctx).cache.get(hash) ?? lookUp(ctx, hash);
}

/**
 * Resolves a key for an emergency answer: like `authenticate`, but the key store is asked on the
 * emergency path (within its deadline), and when it cannot answer in time a key this process has
 * verified before and not heard revoked is accepted. A key this process has never verified is
 * 503 `store-unavailable` then: an unknown key is never let through.
 */
export function authenticateForEmergency(
  ctx: Context,
  presented: string,
  path: EmergencyPath,
): Principal | Promise<Principal> {
  const hash = hashApiKey(presented);
  const { cache, store } = apiKeysOf(ctx);
  const cached = cache.get(hash);
  if (cached) return cached;
  return path
    .attempt(() => store.findByHash(hash))
    .then((found) => {
      if (found.ok) {
        if (!found.value) throw new UnauthorizedError("The API key is not valid.");
        cache.set(hash, found.value);
        return found.value;
      }
      const known = cache.lastVerified(hash);
      if (!known) throw new StoreUnavailableError();
      return known;
    });
}

async function lookUp(ctx: Context, hash: string): Promise<Principal> {
  const principal = await apiKeysOf(ctx).store.findByHash(hash);
  if (!principal) throw new UnauthorizedError("The API key is not valid.");
  apiKeysOf(ctx).cache.set(hash, principal);
  return principal;
}

export interface NewApiKey {
  role: Role;
  accountId?: string | undefined;
  label?: string | undefined;
}

/** Creates a key; the clear key is in the answer only — Redis keeps its hash. */
export async function createApiKey(
  ctx: Context,
  by: Principal,
  input: NewApiKey,
): Promise<{ id: string; key: string; role: Role; accountId: string | null; label: string | null }> {
  const { id, key } = generateApiKey();
  const record: StoredApiKey = {
    id,
    role: input.role,
    accountId: input.accountId ?? null,
    label: input.label ?? null,
    createdAt: ctx.now().toISOString(),
    createdBy: actorOf(by),
  };
  await apiKeysOf(ctx).store.save(hashApiKey(key), record);
  return { id, key, role: record.role, accountId: record.accountId, label: record.label };
}

/** The fixed id of the key installed at start-up. */
export const BOOTSTRAP_KEY_ID = "key_bootstrap_admin";

/**
 * Installs a key whose clear value the operator chose (`ADMIN_API_KEY`) or that start-up
 * generated, hashed, under a fixed id: the key it replaces (a previous generated key, or a
 * changed `ADMIN_API_KEY`) stops working at once, in every API process. It is listed like any
 * other key and revoked with `DELETE /v1/api-keys/key_bootstrap_admin`. Every API process of a
 * deployment (one `REDIS_PREFIX`) must therefore start with the same `ADMIN_API_KEY`.
 */
export async function installBootstrapKey(ctx: Context, key: string): Promise<void> {
  const hash = hashApiKey(key);
  const { store, cache } = apiKeysOf(ctx);
  const replaced = await store.replace(hash, {
    id: BOOTSTRAP_KEY_ID,
    role: "admin",
    accountId: null,
    label: "bootstrap admin",
    createdAt: ctx.now().toISOString(),
    createdBy: "start-up",
  });
  if (replaced) {
    cache.evict(replaced);
    await ctx.broadcast.publish(ctx.keys.apiKeyRevocations(), replaced);
  }
}

export async function listApiKeys(ctx: Context): Promise<StoredApiKey[]> {
  const keys = await apiKeysOf(ctx).store.list();
  return keys.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Revokes a key everywhere: deleted in Redis, evicted from every API process's cache. */
export async function revokeApiKey(ctx: Context, id: string): Promise<void> {
  const hash = await apiKeysOf(ctx).store.delete(id);
  if (!hash) throw new NotFoundError("API key");
  apiKeysOf(ctx).cache.evict(hash);
  await ctx.broadcast.publish(ctx.keys.apiKeyRevocations(), hash);
}
