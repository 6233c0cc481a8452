import { randomUUID } from "node:crypto";
import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../auth/principal.js";
import type { Context } from "../platform/context.js";
import { NotFoundError, ValidationError } from "../platform/errors.js";
import { emergencyCountries, emergencyNumbersFor, networkAliasesFor } from "./classify.js";

/**
 * Outgoing-call blocking by number range. The regional supplement (Germany) lets a customer ask,
 * free of charge, for outgoing calls to number ranges (e.g. premium-rate 0900) to be blocked
 * (§ 45d TKG as it then stood; now § 61 TKG 2021). An emergency number can never be blocked.
 */
export interface BlockedRange {
  id: string;
  prefix: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

/**
 * Every emergency number (and network alias) of every covered country that a range starting
 * with `prefix` would catch. Checked against all countries, not just the account's: its devices
 * may serve other countries, and no block may ever reach an emergency number.
 */
export function emergencyNumbersCoveredBy(prefix: string): { number: string; country: string }[] {
  const hits: { number: string; country: string }[] = [];
  for (const country of emergencyCountries()) {
    const numbers = [...emergencyNumbersFor(country).map((n) => n.number), ...networkAliasesFor(country).map((a) => a.dialed)];
    for (const number of numbers) if (number.startsWith(prefix)) hits.push({ number, country });
  }
  return hits;
}

/** Adds a blocked range; 400 when it would cover an emergency number. */
export async function addBlockedRange(ctx: Context, by: Principal, accountId: string, input: { prefix: string; note?: string | undefined }): Promise<BlockedRange> {
  await getAccount(ctx, accountId);
  const covered = emergencyNumbersCoveredBy(input.prefix);
  if (covered.length > 0) {
    const examples = covered.slice(0, 3).map((c) => `${c.number} (${c.country})`).join(", ");
    throw new ValidationError([{ path: "prefix", message: `would block emergency numbers: ${examples}` }], "A blocked range may never cover an emergency number.", "blocks-emergency-number");
  }
  const range: BlockedRange = { id: `blk_${randomUUID()}`, prefix: input.prefix, note: input.note ?? null, createdAt: ctx.now().toISOString(), createdBy: actorOf(by) };
  await ctx.redis
    .multi()
    .hset(ctx.keys.blockedRanges(accountId), range.id, JSON.stringify(range))
    .rpush(ctx.keys.blockedRangeLog(accountId), JSON.stringify({ event: "added", range, at: range.createdAt, by: range.createdBy }))
    .exec();
  return range;
}

/** Removes a blocked range, keeping the audit log entry of who removed it and when. */
export async function removeBlockedRange(ctx: Context, by: Principal, accountId: string, rangeId: string): Promise<void> {
  const raw = await ctx.redis.hget(ctx.keys.blockedRanges(accountId), rangeId);
  if (!raw) throw new NotFoundError("blocked range");
  await ctx.redis
    .multi()
    .hdel(ctx.keys.blockedRanges(accountId), rangeId)
    .rpush(ctx.keys.blockedRangeLog(accountId), JSON.stringify({ event: "removed", range: JSON.parse(raw), at: ctx.now().toISOString(), by: actorOf(by) }))
    .exec();
}

export async function listBlockedRanges(ctx: Context, accountId: string): Promise<BlockedRange[]> {
  await getAccount(ctx, accountId);
  const all = await ctx.redis.hvals(ctx.keys.blockedRanges(accountId));
  return all.map((r) => JSON.parse(r) as BlockedRange).sort((a, b) => a.prefix.localeCompare(b.prefix));
}

/** The range that blocks `digits` (already normalised, prefix removed), if any. */
export function blockingRange(ranges: readonly BlockedRange[], candidates: readonly string[]): BlockedRange | null {
  for (const range of ranges) for (const candidate of candidates) if (candidate.startsWith(range.prefix)) return range;
  return null;
}
