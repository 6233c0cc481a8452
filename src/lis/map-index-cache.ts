import type { Context } from "../platform/context.js";
import { NetworkIndex } from "./network-index.js";
import { readMapVersion, readWholeMap } from "./store.js";

interface Cached {
  version: number;
  index: NetworkIndex;
}

/** Accounts whose index a process keeps at most (an index of 50,000 entries is a few MB). */
const MAX_ACCOUNTS = 1_000;
const perContext = new WeakMap<Context, Map<string, Cached>>();

/**
 * The account's network map as an in-memory index, rebuilt only when the map's version moved
 * (every map write bumps it in the same script): a lookup costs one `GET` of the version, and a
 * rebuild one `HVALS` of the map. Processes share nothing but Redis, so a write in one process is
 * seen by the others at their next lookup.
 */
export async function networkIndexOf(ctx: Context, accountId: string): Promise<NetworkIndex> {
  let cache = perContext.get(ctx);
  if (!cache) perContext.set(ctx, (cache = new Map<string, Cached>()));
  const cached = cache.get(accountId);
  const version = await readMapVersion(ctx, accountId);
  if (cached && cached.version === version) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(accountId);
    cache.set(accountId, cached);
    return cached.index;
  }
  const whole = await readWholeMap(ctx, accountId);
  const index = new NetworkIndex(
    whole.entries.map((e) => ({ entryId: e.entryId, locationId: e.locationId, match: e.match })),
  );
  cache.delete(accountId);
  if (cache.size >= MAX_ACCOUNTS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(accountId, { version: whole.version, index });
  return index;
}
