import type { Context } from "../platform/context.js";
import { RECONNECT_GRACE_MS } from "../platform/last-known.js";
import { ApiKeyCache } from "./api-key-cache.js";
import { ApiKeyStore } from "./api-key-store.js";

export interface ApiKeys {
  store: ApiKeyStore;
  cache: ApiKeyCache;
}

const perContext = new WeakMap<Context, ApiKeys>();

/**
 * This process's key store and cache for `ctx`, made on first use. The cache listens to the
 * deployment's revocation announcements and is emptied after a reconnect, which may have missed
 * some (the cache TTL bounds how long a missed one could matter).
 */
export function apiKeysOf(ctx: Context): ApiKeys {
  let keys = perContext.get(ctx);
  if (!keys) {
    const cache = new ApiKeyCache(ctx.config.API_KEY_CACHE_TTL_MS);
    keys = { store: new ApiKeyStore(ctx.redis, ctx.keys), cache };
    ctx.broadcast.subscribe(
      ctx.keys.apiKeyRevocations(),
      (hash) => {
        cache.evict(hash);
      },
      () => {
        cache.demote(RECONNECT_GRACE_MS);
      },
    );
    perContext.set(ctx, keys);
  }
  return keys;
}
