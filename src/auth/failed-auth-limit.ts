import type { Context } from "../platform/context.js";
import { ProblemError } from "../platform/errors.js";

const WINDOW_MS = 60_000;

// Counts one failure in the source's current window (the expiry set by the first failure).
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }
`;

/** 429 `too-many-failed-authentications` with `Retry-After`. */
export class TooManyFailedAuthenticationsError extends ProblemError {
  constructor(limit: number, retryAfterMs: number) {
    super(
      429,
      "too-many-failed-authentications",
      "Too many failed authentications",
      `More than ${limit} unknown API keys came from this address within a minute; try again later.`,
      undefined,
      { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    );
  }
}

/**
 * A per-source-address limit on failed key checks: after `AUTH_FAILURES_PER_MINUTE` unknown keys
 * in a minute (counted in Redis, so across API processes), further keys from that address that
 * this process has not verified before are answered 429 without being looked up, until the
 * minute is over. A key this process has verified before is never held up: its holder is not
 * the one guessing. Emergency answers are never limited (the caller does not ask).
 */
export class FailedAuthLimit {
  /** Source → until when (ms) this process refuses its unverified keys. */
  private readonly blocked = new Map<string, number>();

  constructor(private readonly ctx: Context) {}

  get limit(): number {
    return this.ctx.config.AUTH_FAILURES_PER_MINUTE;
  }

  /** Whether `source` is over its limit now. */
  isBlocked(source: string): boolean {
    const until = this.blocked.get(source);
    return until !== undefined && until > Date.now();
  }

  /** Throws the 429 when `source` is over its limit. */
  check(source: string): void {
    if (this.limit === 0) return;
    const until = this.blocked.get(source);
    if (until === undefined) return;
    const left = until - Date.now();
    if (left > 0) throw new TooManyFailedAuthenticationsError(this.limit, left);
    this.blocked.delete(source);
  }

  /** Counts one unknown key from `source`; throws the 429 once the limit is passed. */
  async failed(source: string): Promise<void> {
    if (this.limit === 0) return;
    const [count, ttl] = (await this.ctx.redis.eval(COUNT, 1, this.ctx.keys.authFailures(source), WINDOW_MS)) as [
      number,
      number,
    ];
    if (count <= this.limit) return;
    const left = ttl > 0 ? ttl : WINDOW_MS;
    if (this.blocked.size > 10_000) this.blocked.clear(); // bounded: a flood of sources starts over
    this.blocked.set(source, Date.now() + left);
    throw new TooManyFailedAuthenticationsError(this.limit, left);
  }
}

const limits = new WeakMap<Context, FailedAuthLimit>();

/** The limit of one service context. */
export function failedAuthLimitOf(ctx: Context): FailedAuthLimit {
  let limit = limits.get(ctx);
  if (!limit) {
    limit = new FailedAuthLimit(ctx);
    limits.set(ctx, limit);
  }
  return limit;
}
