import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Context } from "../context.js";
import { ProblemError } from "../errors.js";

interface Lease {
  tokens: number;
  expiresAt: number;
  /** The shared budget is spent until `expiresAt`: refuse without asking Redis again. */
  refused?: true;
}

/**
 * Requests per second per API key, counted in Redis so that every API process shares one budget.
 * Over it → 429 `rate-limited` with `Retry-After`.
 *
 * To keep Redis off the hot path, a process takes tokens from the shared budget in small leases
 * (2% of the limit, at most 200) and spends them locally until the second ends. A process can
 * hold back at most one unspent lease per key, so the limit is only ever applied a little early,
 * never late. (Measured: a Redis call per request cost ~20% of classify throughput, and one per
 * 20 requests still ~5%.)
 * If Redis cannot be asked, an in-process limiter of the same size stands in.
 */
export class RateLimiter {
  private readonly points: number;
  private readonly leaseSize: number;
  private readonly limiter: RateLimiterRedis | null;
  private readonly leases = new Map<string, Lease>();
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(ctx: Context) {
    this.points = ctx.config.RATE_LIMIT_RPS;
    this.leaseSize = Math.max(1, Math.min(200, Math.floor(this.points / 50)));
    this.limiter =
      this.points === 0
        ? null
        : new RateLimiterRedis({
            storeClient: ctx.redis,
            keyPrefix: ctx.keys.rateLimits(),
            points: this.points,
            duration: 1,
            insuranceLimiter: new RateLimiterMemory({ points: this.points, duration: 1 }),
          });
  }

  /**
   * Lets one request of `keyId` through: returns at once while the local lease lasts, else a
   * promise of the next lease. Throws (or rejects with) the 429 problem when the budget is spent.
   * Requests arriving while a lease is being fetched wait for that one fetch rather than each
   * taking a lease of their own, which would spend the shared budget many times too fast.
   */
  admit(keyId: string): void | Promise<void> {
    if (!this.limiter) return;
    const lease = this.leases.get(keyId);
    const now = Date.now();
    if (lease && lease.expiresAt > now) {
      if (lease.tokens > 0) {
        lease.tokens--;
        return;
      }
      if (lease.refused) throw this.refusal(lease.expiresAt - now);
    }
    let fetching = this.fetching.get(keyId);
    if (!fetching) {
      fetching = this.fetchLease(this.limiter, keyId).finally(() => this.fetching.delete(keyId));
      this.fetching.set(keyId, fetching);
    }
    return fetching.then(() => this.admit(keyId));
  }

  private async fetchLease(limiter: RateLimiterRedis, keyId: string): Promise<void> {
    const asked = Date.now();
    try {
      const granted = await limiter.consume(keyId, this.leaseSize);
      if (this.leases.size > 10_000) this.leases.clear(); // bound the map; a lost lease only costs tokens
      this.leases.set(keyId, { tokens: this.leaseSize, expiresAt: asked + granted.msBeforeNext });
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        // Until the window ends every request of this key would be refused: say so without Redis.
        this.leases.set(keyId, { tokens: 0, expiresAt: asked + rejection.msBeforeNext, refused: true });
        throw this.refusal(rejection.msBeforeNext);
      }
      // Anything but a verdict (a Redis hiccup the insurance limiter did not absorb): let the
      // waiting requests through, as the insurance limiter would have.
      this.leases.set(keyId, { tokens: this.leaseSize, expiresAt: asked + 1000 });
    }
  }

  private refusal(msBeforeNext: number): ProblemError {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new ProblemError(
      429,
      "rate-limited",
      "Too many requests",
      `This key may make ${this.points} requests per second.`,
      undefined,
      { "Retry-After": String(seconds) },
    );
  }
}
