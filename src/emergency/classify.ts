import { EMERGENCY_CATALOGUE, type CountryEmergencyData, type NetworkAlias, type RetiredNumber } from "./catalogue.js";

/**
 * "Is this an emergency number here?" — asked by the platform on every call attempt, so it is a
 * pure lookup in tables built once at module load (no regular expressions, no I/O, and the
 * answers are shared frozen objects, so a classification allocates nothing on the usual path).
 *
 * Exact: a dialled string is an emergency call only when, after normalisation, it equals one of
 * the country's catalogue numbers, one of the strings its networks connect as one (the
 * catalogue's `networkAliases`) or one of its retired emergency numbers (`retiredNumbers`, reported
 * as the number that replaced them). "9111", "91" and "1120" are not emergency calls anywhere.
 * Fail-safe: every catalogue number classifies as emergency (the tests check each one).
 */

export interface EmergencyNumber {
  number: string;
  sources: readonly string[];
  note?: string;
}

export type EmergencyClassification = Readonly<{ emergency: boolean; number: string | null }>;
export type PrefixedEmergencyClassification = Readonly<{
  emergency: boolean;
  number: string | null;
  prefix: string | null;
}>;

interface Verdict {
  readonly plain: EmergencyClassification;
  readonly unprefixed: PrefixedEmergencyClassification;
}

interface CountryTable {
  readonly verdicts: ReadonlyMap<string, Verdict>;
  /** The longest string in `verdicts`: a dialled string with more digits cannot match. */
  readonly maxDigits: number;
  readonly numbers: readonly EmergencyNumber[];
  readonly aliases: readonly NetworkAlias[];
  readonly retired: readonly RetiredNumber[];
  /** Every string that classifies as emergency: numbers, aliases and retired numbers. */
  readonly dialStrings: readonly string[];
  readonly outsideLinePrefixes: readonly string[];
}

const NOT_EMERGENCY: EmergencyClassification = Object.freeze({ emergency: false, number: null });
const NOT_EMERGENCY_PREFIXED: PrefixedEmergencyClassification = Object.freeze({
  emergency: false,
  number: null,
  prefix: null,
});

function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function verdictFor(number: string): Verdict {
  return {
    plain: Object.freeze({ emergency: true, number }),
    unprefixed: Object.freeze({ emergency: true, number, prefix: null }),
  };
}

/** Builds one country's table, refusing data that would make classification ambiguous. */
function buildTable(country: string, data: CountryEmergencyData): CountryTable {
  const verdicts = new Map<string, Verdict>();
  for (const entry of data.numbers) {
    if (!isDigits(entry.number))
      throw new Error(`emergency catalogue ${country}: "${entry.number}" is not a digit string`);
    if (verdicts.has(entry.number)) throw new Error(`emergency catalogue ${country}: ${entry.number} listed twice`);
    verdicts.set(entry.number, verdictFor(entry.number));
  }
  // Aliases and retired numbers connect to a listed number: the verdict reports that number.
  for (const alias of [...data.networkAliases, ...data.retiredNumbers]) {
    const target = verdicts.get(alias.connectsAs);
    if (
      !isDigits(alias.dialed) ||
      !target ||
      verdicts.has(alias.dialed) ||
      !data.numbers.some((n) => n.number === alias.connectsAs)
    ) {
      throw new Error(
        `emergency catalogue ${country}: ${alias.dialed} → ${alias.connectsAs} must be a new digit string connecting to a listed number`,
      );
    }
    verdicts.set(alias.dialed, target);
  }
  const numbers = Object.freeze(data.numbers.map((entry) => Object.freeze({ ...entry }))) as readonly EmergencyNumber[];
  const maxDigits = Math.max(...[...verdicts.keys()].map((key) => key.length));
  return {
    verdicts,
    maxDigits,
    numbers,
    aliases: data.networkAliases,
    retired: data.retiredNumbers,
    dialStrings: Object.freeze([...verdicts.keys()]),
    outsideLinePrefixes: data.outsideLinePrefixes,
  };
}

const TABLES: ReadonlyMap<string, CountryTable> = new Map(
  Object.entries(EMERGENCY_CATALOGUE).map(([country, data]) => [country, buildTable(country, data)]),
);
const COUNTRIES: readonly string[] = Object.freeze([...TABLES.keys()].sort());

function tableFor(country: string): CountryTable | undefined {
  if (typeof country !== "string") return undefined;
  // Country codes are upper case by contract; a lower-case one still names the country, and an
  // emergency lookup is no place to be pedantic about it.
  return TABLES.get(country) ?? (country.length === 2 ? TABLES.get(country.toUpperCase()) : undefined);
}

/** The country's emergency numbers with their sources; [] for a country the service does not cover. */
export function emergencyNumbersFor(country: string): readonly EmergencyNumber[] {
  return tableFor(country)?.numbers ?? [];
}

/** Strings the country's networks connect as an emergency number although they are not one. */
export function networkAliasesFor(country: string): readonly NetworkAlias[] {
  return tableFor(country)?.aliases ?? [];
}

/** Numbers the country has retired as emergency numbers, connected as the number that replaced them. */
export function retiredNumbersFor(country: string): readonly RetiredNumber[] {
  return tableFor(country)?.retired ?? [];
}

/** Every string that classifies as emergency in the country (numbers, aliases, retired numbers); [] if not covered. */
export function emergencyDialStrings(country: string): readonly string[] {
  return tableFor(country)?.dialStrings ?? [];
}

/** Outside-line prefixes that apply to the whole country (none today; see the catalogue). */
export function countryOutsideLinePrefixes(country: string): readonly string[] {
  return tableFor(country)?.outsideLinePrefixes ?? [];
}

/** The countries with a catalogue entry (exactly the covered countries), sorted. */
export function emergencyCountries(): readonly string[] {
  return COUNTRIES;
}

const SPACE = 32,
  TAB = 9,
  NBSP = 0xa0,
  DASH = 45,
  DOT = 46,
  OPEN = 40,
  CLOSE = 41,
  HASH = 35,
  PLUS = 43,
  STAR = 42,
  COMMA = 44;

function isSeparator(c: number): boolean {
  return c === SPACE || c === DASH || c === DOT || c === OPEN || c === CLOSE || c === TAB || c === NBSP || c === COMMA;
}

/**
 * Normalises what a handset or PBX sends as a dialled string.
 *
 * - Removes the visual separators a keypad or address book adds: spaces (also tab and no-break
 *   space), dashes, dots and parentheses ("9-1-1", "(0) 112", "1.1.2").
 * - Treats a comma, the pause a PBX dial string inserts after the outside-line digit ("9,911"), as
 *   a separator too: refusing it would fail an emergency call.
 * - Removes one trailing `#`, the "send" key of many handsets ("112#"); a `#` anywhere else, or a
 *   second one, makes the string unreadable.
 * - Keeps a leading `+` (international format: "+49 30 …" is a valid dial string, but it never
 *   reaches a national short code, so such a string is never an emergency number) and `*`
 *   (feature codes such as "*67"; kept so that the string is not refused, never emergency).
 * - Anything else (letters, other punctuation, non-ASCII digits) → null, as does a string with no
 *   digit at all.
 */
export function normaliseDialed(dialed: string): string | null {
  if (typeof dialed !== "string") return null;
  const length = dialed.length;
  let i = 0;
  while (i < length) {
    const c = dialed.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i === length) return length === 0 ? null : dialed; // the usual case: digits only
  return normaliseSlowly(dialed);
}

function normaliseSlowly(dialed: string): string | null {
  let end = dialed.length;
  while (end > 0 && isSeparator(dialed.charCodeAt(end - 1))) end--;
  if (end > 0 && dialed.charCodeAt(end - 1) === HASH) end--;
  let out = "";
  let digits = 0;
  for (let i = 0; i < end; i++) {
    const c = dialed.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      out += String.fromCharCode(c);
      digits++;
    } else if (isSeparator(c)) {
      continue;
    } else if (c === PLUS && out.length === 0) {
      out = "+";
    } else if (c === STAR) {
      out += "*";
    } else {
      return null;
    }
  }
  return digits === 0 ? null : out;
}

/** Classifies one dialled string in one country. Never throws; unknown country → not emergency. */
export function classify(country: string, dialed: string): EmergencyClassification {
  const table = tableFor(country);
  if (table === undefined || typeof dialed !== "string") return NOT_EMERGENCY;
  // Most calls are ordinary numbers far longer than any emergency number: answer those without
  // building the normalised string.
  let digits = 0;
  for (let i = 0; i < dialed.length; i++) {
    const c = dialed.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits > table.maxDigits) return NOT_EMERGENCY;
  }
  const normalised = normaliseDialed(dialed);
  if (normalised === null) return NOT_EMERGENCY;
  return table.verdicts.get(normalised)?.plain ?? NOT_EMERGENCY;
}

/**
 * Classifies a dialled string that may start with an outside-line prefix (the `9` of many North
 * American PBXs, the `0` of many European ones). Kari's Law (47 U.S.C. § 623; 47 CFR § 9.16)
 * requires a multi-line system to connect 911 whether or not the prefix is dialled, so both
 * "911" and "9911" (prefix "9") are emergency calls; the same rule is applied in every country.
 *
 * The string as dialled is tried first (so a prefix can never hide an emergency number), then
 * each prefix in the order given, followed by the country's own defaults; the first prefix that
 * leaves an emergency number wins and is reported. Prefixes that are not digit strings are
 * ignored. Only one prefix is removed: "99911" is not an emergency call with prefix "9".
 */
export function classifyWithPrefixes(
  country: string,
  dialed: string,
  outsideLinePrefixes: readonly string[],
): PrefixedEmergencyClassification {
  const table = tableFor(country);
  if (table === undefined) return NOT_EMERGENCY_PREFIXED;
  const normalised = normaliseDialed(dialed);
  if (normalised === null) return NOT_EMERGENCY_PREFIXED;
  const direct = table.verdicts.get(normalised);
  if (direct !== undefined) return direct.unprefixed;
  return (
    afterPrefix(table, normalised, Array.isArray(outsideLinePrefixes) ? outsideLinePrefixes : []) ??
    afterPrefix(table, normalised, table.outsideLinePrefixes) ??
    NOT_EMERGENCY_PREFIXED
  );
}

function afterPrefix(
  table: CountryTable,
  normalised: string,
  prefixes: readonly string[],
): PrefixedEmergencyClassification | undefined {
  for (const raw of prefixes) {
    const prefix = typeof raw === "string" ? normaliseDialed(raw) : null;
    if (prefix === null || !isDigits(prefix)) continue;
    if (normalised.length <= prefix.length || !normalised.startsWith(prefix)) continue;
    const verdict = table.verdicts.get(normalised.slice(prefix.length));
    if (verdict !== undefined) return Object.freeze({ emergency: true, number: verdict.plain.number, prefix });
  }
  return undefined;
}
