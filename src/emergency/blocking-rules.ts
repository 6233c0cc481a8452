import { emergencyDialStrings, normaliseDialed } from "./classify.js";
import { diallingPlanFor, rangeCovers, readDialled, readRange, type DialledNumber } from "./dialling-plan.js";

/**
 * What a blocked range means, as pure rules (no I/O). A range is a digit prefix written as a
 * caller dials it, and it is read in the dialling plan of the country it is applied in — for a
 * dial check, the device's service country:
 *
 * - with the national prefix (`0900` in Germany) or the international prefix and a country code
 *   (`0049 900`), it stands for an E.164 prefix (`+49900`) and blocks that destination however it
 *   is dialled: nationally, with `+49` or with `0049`;
 * - the international prefix alone (`00` in Germany, `011` in the US) blocks every call to
 *   another country code;
 * - without a prefix (`118`, a short code) it blocks what is dialled starting with it without a
 *   prefix, where the plan has a national prefix; in a plan without one (Italy, Spain, …) every
 *   number is dialled in full and the range is a national number prefix like any other.
 *
 * So the same account-wide range applies to a German device in German dialling and to a US
 * device in North-American dialling: `0900` is German premium rate on the one and a string no
 * US number starts with on the other. An emergency call is never blocked (the dial check
 * classifies first); a range is refused when, read in the plan of a country where the account
 * has devices, it covers one of that country's emergency numbers as dialled there.
 */

/**
 * The ways a dialled string reaches the network, read in `country`'s plan. When the account's
 * PBXs dial an outside-line prefix and the string starts with one, it is read without it (the PBX
 * takes the prefix off before the number leaves): a German PBX's `0` followed by `00…` is an
 * international call, not `00` followed by a national number.
 */
export function dialledForBlocking(
  country: string,
  dialed: string,
  outsideLinePrefixes: readonly string[],
): DialledNumber[] {
  const normalised = normaliseDialed(dialed);
  if (normalised === null) return [];
  const plan = diallingPlanFor(country);
  const stripped = outsideLinePrefixes
    .map((prefix) => normaliseDialed(prefix))
    .filter((prefix): prefix is string => prefix !== null && normalised.length > prefix.length)
    .filter((prefix) => normalised.startsWith(prefix))
    .map((prefix) => normalised.slice(prefix.length));
  const strings = stripped.length > 0 ? stripped : [normalised];
  return strings.map((s) => (plan ? readDialled(plan, s) : { kind: "local", digits: s }));
}

/** Whether the range `prefix` covers any of `dialled`, read in `country`'s plan. */
function covers(country: string, prefix: string, dialled: readonly DialledNumber[]): boolean {
  const plan = diallingPlanFor(country);
  // A country without a plan in the table: the range is matched as the digits were dialled.
  if (!plan) return dialled.some((d) => d.digits.startsWith(prefix));
  const range = readRange(plan, prefix);
  return dialled.some((d) => rangeCovers(plan, range, d));
}

/** The first of `ranges` that blocks `dialed` on a device served in `country`; null if none does. */
export function blockingRange<R extends { readonly prefix: string }>(
  ranges: readonly R[],
  country: string,
  dialed: string,
  outsideLinePrefixes: readonly string[],
): R | null {
  const dialled = dialledForBlocking(country, dialed, outsideLinePrefixes);
  if (dialled.length === 0) return null;
  for (const range of ranges) if (covers(country, range.prefix, dialled)) return range;
  return null;
}

/**
 * Every emergency number (catalogue number, network alias or retired number) of `countries` that
 * a range starting with `prefix` would cover, each read in its own country's dialling plan.
 */
export function emergencyNumbersCoveredBy(
  prefix: string,
  countries: Iterable<string>,
): { number: string; country: string }[] {
  const hits: { number: string; country: string }[] = [];
  for (const country of [...new Set(countries)].sort()) {
    for (const number of emergencyDialStrings(country)) {
      if (covers(country, prefix, dialledForBlocking(country, number, []))) hits.push({ number, country });
    }
  }
  return hits;
}
