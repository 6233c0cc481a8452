import type { Principal } from "../platform/principal.js";
import { formatNational } from "../devices/callback-number.js";
import type { DeviceRecord, DeviceView } from "../devices/device.js";
import { getDevice, listDevices } from "../devices/service.js";
import { COVERED_COUNTRIES } from "../geography/countries.js";
import type { Context } from "../platform/context.js";
import { ensureAccountIndex, indexKey, readRanges, type RangeRead } from "./index-store.js";
import { interpretQuery, MATCH_KINDS, parseAccountEntry, parseEntry, type Lookup, type MatchKind } from "./terms.js";

/** One device found, with what the console shows in a result row. */
export interface SearchHit {
  accountId: string;
  deviceId: string;
  label: string | null;
  type: DeviceRecord["type"];
  callbackNumber: string;
  callbackNational: string;
  serviceCountry: string;
  status: DeviceRecord["status"];
  e911Status: DeviceRecord["e911"]["status"];
  displayLine: string | null;
  match: MatchKind;
  /** The whole term matched, not only its beginning (or end). */
  exact: boolean;
}

export interface SearchOptions {
  limit: number;
  /** The country a national number is read in; all covered countries when absent. */
  country?: string | undefined;
}

/** Accounts whose devices an account-id match lists, at most. */
const MATCHED_ACCOUNTS = 3;

interface Candidate {
  accountId: string;
  deviceId: string;
  match: MatchKind;
  exact: boolean;
  /** Already read (account listings), else read after ranking. */
  view?: DeviceView;
}

/**
 * Finds devices by account id, device id or callback number, as typed (see `interpretQuery`).
 * Every lookup is a prefix read on a sorted set — O(log n) however many devices there are —
 * and only the devices shown are read. Customer keys search their own account's sets.
 * Results: exact matches first, then by kind (device id, account id, number, number ending).
 */
export async function searchDevices(
  ctx: Context,
  principal: Principal,
  query: string,
  options: SearchOptions,
): Promise<SearchHit[]> {
  const scope = principal.role === "customer" ? principal.accountId : null;
  if (principal.role === "customer" && !scope) return [];
  if (scope) await ensureAccountIndex(ctx, scope);
  const lookups = interpretQuery(query, options.country ? [options.country] : COVERED_COUNTRIES);
  const candidates: Candidate[] = [];

  const reads: { lookup: Lookup; read: RangeRead }[] = [];
  const accountLookups: Lookup[] = [];
  for (const lookup of lookups) {
    if (lookup.kind === "account") {
      if (scope === null)
        reads.push({
          lookup,
          read: { key: ctx.keys.searchAccounts(), prefix: lookup.prefix, limit: MATCHED_ACCOUNTS },
        });
      else accountLookups.push(lookup);
      continue;
    }
    // National readings are filtered by country afterwards, so read more than will be shown.
    const limit = lookup.serviceCountries ? options.limit * 4 : options.limit + 1;
    reads.push({ lookup, read: { key: indexKey(ctx, lookup.kind, scope), prefix: lookup.prefix, limit } });
  }
  const ranges = await readRanges(
    ctx,
    reads.map((r) => r.read),
  );

  const matchedAccounts: { accountId: string; exact: boolean }[] = [];
  ranges.forEach((members, i) => {
    const { lookup } = reads[i]!;
    for (const member of members) {
      if (lookup.kind === "account") {
        const accountId = parseAccountEntry(member);
        if (accountId) matchedAccounts.push({ accountId, exact: accountId.toLowerCase() === lookup.prefix });
        continue;
      }
      const entry = parseEntry(member);
      if (!entry) continue;
      if (lookup.serviceCountries && !lookup.serviceCountries.includes(entry.serviceCountry)) continue;
      candidates.push({
        accountId: entry.accountId,
        deviceId: entry.deviceId,
        match: lookup.match,
        exact: entry.term === lookup.prefix,
      });
    }
  });
  for (const lookup of accountLookups) {
    if (scope && scope.toLowerCase().startsWith(lookup.prefix))
      matchedAccounts.push({ accountId: scope, exact: scope.toLowerCase() === lookup.prefix });
  }
  const accountPages = await Promise.all(
    matchedAccounts
      .slice(0, MATCHED_ACCOUNTS)
      .map(async (account) => ({ account, page: await listDevices(ctx, account.accountId, { limit: options.limit }) })),
  );
  for (const { account, page } of accountPages) {
    for (const view of page.items)
      candidates.push({
        accountId: view.accountId,
        deviceId: view.deviceId,
        match: "accountId",
        exact: account.exact,
        view,
      });
  }

  const ranked = rank(candidates).slice(0, options.limit);
  const hits = await Promise.all(
    ranked.map(async (candidate) => toHit(candidate, candidate.view ?? (await readDevice(ctx, candidate)))),
  );
  return hits.filter((hit): hit is SearchHit => hit !== null);
}

/** Best first; a device found several ways keeps its best way. */
function rank(candidates: Candidate[]): Candidate[] {
  const score = (c: Candidate) => (c.exact ? 0 : MATCH_KINDS.length) + MATCH_KINDS.indexOf(c.match);
  const sorted = candidates
    .map((candidate, order) => ({ candidate, order, score: score(candidate) }))
    .sort((a, b) => a.score - b.score || a.order - b.order);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const { candidate } of sorted) {
    const id = `${candidate.accountId}/${candidate.deviceId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(candidate);
  }
  return out;
}

async function readDevice(ctx: Context, candidate: Candidate): Promise<DeviceView | null> {
  try {
    const found = await getDevice(ctx, candidate.accountId, candidate.deviceId);
    return { ...found.doc, version: found.version };
  } catch {
    // An index entry can briefly outlive a change; the device itself is the truth.
    return null;
  }
}

function toHit(candidate: Candidate, view: DeviceView | null): SearchHit | null {
  if (!view) return null;
  return {
    accountId: view.accountId,
    deviceId: view.deviceId,
    label: view.label,
    type: view.type,
    callbackNumber: view.callbackNumber,
    callbackNational: formatNational(view.callbackNumber),
    serviceCountry: view.serviceCountry,
    status: view.status,
    e911Status: view.e911.status,
    displayLine: view.location?.displayLine ?? null,
    match: candidate.match,
    exact: candidate.exact,
  };
}
