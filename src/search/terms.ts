/**
 * What the staff search indexes for a device, and how a typed query is read. Pure: no Redis.
 *
 * Index entries are ASCII strings `"<term> <accountId> <deviceId> <serviceCountry>"`, all with
 * score 0, so a
 * prefix is a lexicographic range (ZRANGEBYLEX) and an exact term sorts first among its
 * prefixes (the space is below every character an id or a digit string may hold).
 */
import { AsYouType, type CountryCode } from "libphonenumber-js/max";

/** The sorted sets of the index, one per kind of term. */
export const INDEX_KINDS = ["device", "number", "number-suffix"] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** What a device contributes to the index. */
export interface IndexedDevice {
  accountId: string;
  deviceId: string;
  /** E.164 (`+4989…`). */
  callbackNumber: string;
  serviceCountry: string;
}

/** One member of one index set. */
export interface IndexEntry {
  kind: IndexKind;
  member: string;
}

const SEPARATOR = " ";

/** The index entries of a device. Ids are matched case-insensitively, numbers by their digits. */
export function entriesOf(device: IndexedDevice): IndexEntry[] {
  const tail = [device.accountId, device.deviceId, device.serviceCountry].map((part) => SEPARATOR + part).join("");
  const digits = device.callbackNumber.replace(/\D/g, "");
  const entries: IndexEntry[] = [{ kind: "device", member: device.deviceId.toLowerCase() + tail }];
  if (digits) {
    entries.push({ kind: "number", member: digits + tail });
    entries.push({ kind: "number-suffix", member: reverse(digits) + tail });
  }
  return entries;
}

/** The account set's member for an account id. */
export function accountEntry(accountId: string): string {
  return accountId.toLowerCase() + SEPARATOR + accountId;
}

/** Splits an index member back into its term and ids. */
export function parseEntry(member: string): ParsedEntry | null {
  const parts = member.split(SEPARATOR);
  if (parts.length !== 4) return null;
  return { term: parts[0]!, accountId: parts[1]!, deviceId: parts[2]!, serviceCountry: parts[3]! };
}

export interface ParsedEntry {
  term: string;
  accountId: string;
  deviceId: string;
  serviceCountry: string;
}

export function parseAccountEntry(member: string): string | null {
  const at = member.indexOf(SEPARATOR);
  return at < 0 ? null : member.slice(at + 1);
}

/** How a result was found, best first (the order results are ranked in). */
export const MATCH_KINDS = ["deviceId", "accountId", "callbackNumber", "callbackNumberEnd"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** One range read against the index: every member whose term starts with `prefix`. */
export interface Lookup {
  kind: IndexKind | "account";
  prefix: string;
  match: MatchKind;
  /** For national numbers: only devices of these service countries (null = any). */
  serviceCountries: readonly string[] | null;
}

const ID_QUERY = /^[A-Za-z0-9._-]{1,64}$/;
/** What people write in phone numbers: digits, +, spaces, brackets, dots, dashes, slashes. */
const PHONE_QUERY = /^\+?[\d\s().\-/]{2,40}$/;
/** Fewer digits than this say too little about a number to be worth a range read. */
const MIN_NUMBER_DIGITS = 3;
/** Suffix matching ("the number ending 2671") needs this many digits to be useful. */
const MIN_SUFFIX_DIGITS = 4;

/**
 * Reads a typed query as the lookups it may mean: an account or device id (prefix, any case), a
 * callback number in international form (`+49 89 1234567`, `0049 …`), or in a national form
 * (`089 1234567`). A national number means nothing without its country, so it is read in each
 * candidate country — the one the user chose, else every country devices are provisioned in —
 * and a match must be a device whose service country is that country: the numbers people copy
 * from a ticket are written the way the device's own country writes them. Incomplete numbers
 * work as prefixes (`089 12`). A run of digits also matches the end of numbers.
 */
export function interpretQuery(raw: string, candidateCountries: readonly string[]): Lookup[] {
  const query = raw.normalize("NFKC").trim();
  if (!query) return [];
  const lookups: Lookup[] = [];
  if (ID_QUERY.test(query)) {
    const lower = query.toLowerCase();
    lookups.push({ kind: "device", prefix: lower, match: "deviceId", serviceCountries: null });
    lookups.push({ kind: "account", prefix: lower, match: "accountId", serviceCountries: null });
  }
  if (!PHONE_QUERY.test(query)) return lookups;
  const digits = query.replace(/\D/g, "");
  if (digits.length < MIN_NUMBER_DIGITS) return lookups;

  if (query.startsWith("+")) {
    lookups.push({ kind: "number", prefix: digits, match: "callbackNumber", serviceCountries: null });
    return lookups;
  }
  // Read in each candidate country; countries sharing a calling code share a range read.
  // AsYouType, not parse: it drops the national prefix from incomplete input too ("01 4000").
  const byPrefix = new Map<string, Set<string> | null>();
  for (const country of candidateCountries) {
    const reading = new AsYouType(country as CountryCode);
    reading.input(query);
    const number = reading.getNumberValue();
    if (!number) continue;
    const prefix = number.replace(/\D/g, "");
    // A calling code in the input (00 49 …, 011 49 …) names the number's country itself.
    const international = reading.getCallingCode() !== undefined;
    const countries = byPrefix.get(prefix);
    if (international || countries === null) byPrefix.set(prefix, null);
    else byPrefix.set(prefix, (countries ?? new Set<string>()).add(country));
  }
  // Digits typed with their country code but no "+" (49 89 1234567).
  if (!byPrefix.has(digits)) byPrefix.set(digits, null);
  for (const [prefix, countries] of byPrefix) {
    lookups.push({
      kind: "number",
      prefix,
      match: "callbackNumber",
      serviceCountries: countries ? [...countries].sort() : null,
    });
  }
  // The end of a number: as typed, and without a national prefix (089 1234567 ends +49 89 1234567).
  const ends = new Set([digits, digits.replace(/^0+/, "")]);
  for (const end of ends) {
    if (end.length >= MIN_SUFFIX_DIGITS)
      lookups.push({ kind: "number-suffix", prefix: reverse(end), match: "callbackNumberEnd", serviceCountries: null });
  }
  return lookups;
}

function reverse(text: string): string {
  return Array.from(text).reverse().join("");
}
