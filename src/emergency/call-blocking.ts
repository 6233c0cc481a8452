import { randomUUID } from "node:crypto";
import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import type { Context } from "../platform/context.js";
import { NotFoundError, ValidationError } from "../platform/errors.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import { updateVersioned } from "../platform/versioned-update.js";
import { serviceCountries } from "../devices/service.js";
import { emergencyNumbersCoveredBy } from "./blocking-rules.js";

/**
 * Outgoing-call blocking by number range. The regional supplement (Germany) lets a customer ask,
 * free of charge, for outgoing calls to number ranges (e.g. premium-rate 0900) to be blocked
 * (§ 45d TKG as it then stood; now § 61 TKG 2021). An emergency number can never be blocked.
 * What a range covers, in each country's dialling plan, is in blocking-rules.ts.
 */
export interface BlockedRange {
  id: string;
  prefix: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export interface CallBlocking {
  ranges: BlockedRange[];
}

/** The account's blocked ranges with their version (0 = none ever set). */
export async function readBlockedRanges(
  ctx: Context,
  accountId: string,
): Promise<{ ranges: BlockedRange[]; version: number }> {
  const found = await ctx.store.read<CallBlocking>(ctx.keys.blockedRanges(accountId));
  return { ranges: found?.doc.ranges ?? [], version: found?.version ?? 0 };
}

/**
 * Changes the account's ranges with compare-and-set: versioned like every other resource
 * (If-Match → 412), with an append-only log of who added or lifted what, written in the same step.
 */
async function changeRanges(
  ctx: Context,
  by: Principal,
  accountId: string,
  ifMatch: number | "*" | undefined,
  change: (ranges: BlockedRange[]) => {
    ranges: BlockedRange[];
    event: { event: "added" | "removed"; range: BlockedRange };
  },
): Promise<{ ranges: BlockedRange[]; version: number; range: BlockedRange }> {
  await getAccount(ctx, accountId);
  return updateVersioned(ifMatch, async () => {
    const current = await readBlockedRanges(ctx, accountId);
    assertIfMatch(ifMatch, current.version);
    const { ranges, event } = change(current.ranges);
    const log = JSON.stringify({ ...event, at: ctx.now().toISOString(), by: actorOf(by) });
    const version = await ctx.store.write(ctx.keys.blockedRanges(accountId), current.version, { ranges }, [
      { command: "RPUSH", key: ctx.keys.blockedRangeLog(accountId), args: [log] },
    ]);
    return { ranges, version, range: event.range };
  });
}

/**
 * Adds a blocked range; 400 `blocks-emergency-number` when, read in the dialling plan of a
 * country the account's devices are served in (or the account's own country), it would cover an
 * emergency number of that country. A country where the account has no device is not asked:
 * Australia's 000 does not stop a German-only account from blocking 00. A device added later in
 * another country is safe all the same, because the dial check never blocks an emergency number.
 */
export async function addBlockedRange(
  ctx: Context,
  by: Principal,
  accountId: string,
  input: { prefix: string; note?: string | undefined },
  ifMatch?: number | "*",
): Promise<{ range: BlockedRange; version: number }> {
  const { record: account } = await getAccount(ctx, accountId);
  const countries = await serviceCountries(ctx, accountId);
  countries.add(account.country);
  const covered = emergencyNumbersCoveredBy(input.prefix, countries);
  if (covered.length > 0) {
    const examples = covered
      .slice(0, 3)
      .map((c) => `${c.number} (${c.country})`)
      .join(", ");
    throw new ValidationError(
      [{ path: "prefix", message: `would block emergency numbers: ${examples}` }],
      "A blocked range may never cover an emergency number.",
      "blocks-emergency-number",
    );
  }
  const range: BlockedRange = {
    id: `blk_${randomUUID()}`,
    prefix: input.prefix,
    note: input.note ?? null,
    createdAt: ctx.now().toISOString(),
    createdBy: actorOf(by),
  };
  const result = await changeRanges(ctx, by, accountId, ifMatch, (ranges) => ({
    ranges: [...ranges, range],
    event: { event: "added", range },
  }));
  return { range: result.range, version: result.version };
}

/** Lifts a blocked range; the log keeps who lifted it and when. */
export async function removeBlockedRange(
  ctx: Context,
  by: Principal,
  accountId: string,
  rangeId: string,
  ifMatch?: number | "*",
): Promise<number> {
  const result = await changeRanges(ctx, by, accountId, ifMatch, (ranges) => {
    const range = ranges.find((r) => r.id === rangeId);
    if (!range) throw new NotFoundError("blocked range");
    return { ranges: ranges.filter((r) => r.id !== rangeId), event: { event: "removed", range } };
  });
  return result.version;
}
