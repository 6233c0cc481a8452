import type { Context } from "../platform/context.js";

/**
 * An account's device ids in id order, `size` at a time (one Redis read per page), for jobs that
 * walk every device of an account.
 */
export async function* deviceIdPages(ctx: Context, accountId: string, size = 500): AsyncGenerator<string[]> {
  let after = "-";
  for (;;) {
    const ids = await ctx.redis.zrangebylex(ctx.keys.deviceIndex(accountId), after, "+", "LIMIT", 0, size);
    if (ids.length > 0) yield ids;
    if (ids.length < size) return;
    after = `(${ids.at(-1)!}`;
  }
}
