import type { Context } from "../platform/context.js";
import { SharedLastKnown, type Known } from "../platform/last-known.js";

/** What an emergency answer needs of an account: how its PBXs dial an outside line. */
export interface AccountDialing {
  outsideLinePrefixes: readonly string[];
}

const perContext = new WeakMap<Context, SharedLastKnown<AccountDialing>>();

/**
 * This process's memory of the accounts' dialling settings as it last read or wrote them, kept in
 * step across the deployment over the broadcast. Used by emergency answers when Redis cannot be
 * asked: a PBX's `9` before 911 must still be recognised then (Kari's Law).
 */
function accountsOf(ctx: Context): SharedLastKnown<AccountDialing> {
  let shared = perContext.get(ctx);
  if (!shared) {
    shared = new SharedLastKnown<AccountDialing>(
      ctx.broadcast,
      ctx.keys.accountChanges(),
      ctx.config.EMERGENCY_CACHE_DEVICES,
      ctx.logger,
    );
    perContext.set(ctx, shared);
  }
  return shared;
}

/** The account's dialling settings as this process last read or wrote them; undefined if it does not know them. */
export function lastKnownDialing(ctx: Context, accountId: string): Known<AccountDialing> | undefined {
  return accountsOf(ctx).local.get(accountId);
}

/** Remembers an account's dialling settings as read from the store. */
export function rememberDialing(ctx: Context, accountId: string, dialing: AccountDialing, version: number): void {
  accountsOf(ctx).local.remember(accountId, version, dialing);
}

/** Remembers the dialling settings of an account this process has just written, and tells the others. */
export function dialingWritten(ctx: Context, accountId: string, dialing: AccountDialing, version: number): void {
  accountsOf(ctx).written(accountId, version, dialing);
}
