import type { CoveredCountry } from "./catalogue.js";

/**
 * How numbers are dialled in each covered country: the prefix that leaves the country (the
 * international prefix), the prefix that leaves the local numbering area (the national or trunk
 * prefix), and the country code that both lead to. Pure data and pure functions, used to read a
 * dialled string as the destination it reaches, so that a blocked range matches a number however
 * it is dialled (`0900…`, `+49 900…`, `0049 900…`).
 *
 * Source for every country: ITU-T, "Dialling procedures (international prefix, national (trunk)
 * prefix and national (significant) number)", the list annexed to the ITU Operational Bulletin
 * under Recommendation ITU-T E.164, as amended by later bulletins. Its note 3 is the reading rule
 * used for unprefixed strings: where a country has no trunk prefix, it "has a single nation wide
 * numbering plan", and every number is dialled in full. test/emergency/dialling-plan.unit.test.ts
 * cross-checks each entry against Google libphonenumber's metadata. Alternatives that the table
 * leaves out (carrier-selection international prefixes, Brazil's carrier codes after the trunk
 * prefix) are named in the entry's note rather than guessed.
 */
export interface DiallingPlan {
  /** ITU-T E.164 country code, digits only. */
  readonly countryCode: string;
  /** What is dialled before a country code, longest first. */
  readonly internationalPrefixes: readonly string[];
  /** Digits of the carrier selection code dialled right after the international prefix (Brazil: 2). */
  readonly carrierCodeDigits: number;
  /**
   * What is dialled before a national number from outside its area (trunk prefix); null where the
   * plan has none and every number is always dialled in full.
   */
  readonly nationalPrefix: string | null;
  /**
   * Whether a string starting with the national prefix can be read as that prefix plus a national
   * number. False where something else may follow the prefix (Brazil: a carrier code): such
   * strings are then kept as dialled rather than guessed.
   */
  readonly nationalPrefixReadable: boolean;
  /**
   * Lengths at which a string dialled without any prefix is a complete national number although
   * the plan has a trunk prefix (the North American Numbering Plan's ten-digit dialling). Other
   * unprefixed strings of such a plan are local numbers or short codes.
   */
  readonly unprefixedNationalLengths: readonly number[];
  readonly sources: readonly string[];
  readonly note?: string;
}

const ITU =
  "ITU-T, Dialling procedures (international prefix, national (trunk) prefix and national (significant) number), list annexed to the ITU Operational Bulletin (Rec. ITU-T E.164), as amended";

function plan(
  countryCode: string,
  nationalPrefix: string | null,
  more: {
    internationalPrefixes?: string[];
    carrierCodeDigits?: number;
    nationalPrefixReadable?: boolean;
    unprefixedNationalLengths?: number[];
    sources?: string[];
    note?: string;
  } = {},
): DiallingPlan {
  return {
    countryCode,
    internationalPrefixes: more.internationalPrefixes ?? ["00"],
    carrierCodeDigits: more.carrierCodeDigits ?? 0,
    nationalPrefix,
    nationalPrefixReadable: more.nationalPrefixReadable ?? true,
    unprefixedNationalLengths: more.unprefixedNationalLengths ?? [],
    sources: [ITU, ...(more.sources ?? [])],
    ...(more.note === undefined ? {} : { note: more.note }),
  };
}

const NANP = {
  internationalPrefixes: ["011"],
  unprefixedNationalLengths: [10],
  sources: [
    "North American Numbering Plan: 1 + 10 digits, or 10 digits where ten-digit dialling applies (FCC 20-100, 988 designation order, required ten-digit local dialling in the areas concerned); 011 international prefix",
  ],
  note: "Seven-digit local numbers and N11 service codes are kept as dialled.",
};

export const DIALLING_PLANS: Readonly<Record<CoveredCountry, DiallingPlan>> = {
  US: plan("1", "1", NANP),
  CA: plan("1", "1", NANP),
  GB: plan("44", "0"),
  IE: plan("353", "0"),
  DE: plan("49", "0"),
  AU: plan("61", "0", {
    internationalPrefixes: ["0011"],
    note: "0011 is the international prefix of the numbering plan; the other 001x access codes some carriers offer are left out.",
  }),
  BR: plan("55", "0", {
    carrierCodeDigits: 2,
    nationalPrefixReadable: false,
    sources: [
      "BR: Anatel, Regulamento de Numeração do STFC: international calls 00 + código de seleção de prestadora (2 digits) + country code; long-distance calls 0 + código de seleção de prestadora + area code",
    ],
    note: "After the trunk prefix 0 comes a carrier code for long-distance calls but not for 0300/0500/0800/0900 service numbers, so strings starting with 0 are kept as dialled.",
  }),
  AT: plan("43", "0"),
  BE: plan("32", "0"),
  BG: plan("359", "0"),
  HR: plan("385", "0"),
  CY: plan("357", null),
  CZ: plan("420", null),
  DK: plan("45", null),
  EE: plan("372", null),
  FI: plan("358", "0", {
    note: "00 is the international prefix; the carrier-selection prefixes 99x are left out.",
  }),
  FR: plan("33", "0"),
  GR: plan("30", null),
  HU: plan("36", "06"),
  IT: plan("39", null),
  LV: plan("371", null),
  LT: plan("370", "0", {
    sources: [
      "LT: RRT council decision TN-29 of 15 February 2023 (national prefix 0 from 1 March 2024; the old trunk prefix 8 stops connecting on 1 March 2025)",
    ],
  }),
  LU: plan("352", null),
  MT: plan("356", null),
  NL: plan("31", "0"),
  PL: plan("48", null),
  PT: plan("351", null),
  RO: plan("40", "0"),
  SK: plan("421", "0"),
  SI: plan("386", "0", {
    note: "00 is the international prefix; the carrier-selection prefixes 10xx are left out.",
  }),
  ES: plan("34", null),
  SE: plan("46", "0"),
};

/** The dialling plan of a covered country; undefined for any other. */
export function diallingPlanFor(country: string): DiallingPlan | undefined {
  return (DIALLING_PLANS as Readonly<Record<string, DiallingPlan>>)[country];
}

/**
 * A dialled string read in one country's plan: either an E.164 destination (`+` and digits; only
 * `+` and a partial country code for a string that stops early), or a string dialled without any
 * prefix that is not a complete national number — a local number or a short code — kept as it
 * was dialled.
 */
export type DialledNumber =
  { readonly kind: "e164"; readonly digits: string } | { readonly kind: "local"; readonly digits: string };

/** What a blocked range stands for in one country's plan (see `readRange`). */
export type RangeReading =
  | { readonly kind: "e164"; readonly prefix: string }
  | { readonly kind: "international" }
  | { readonly kind: "local"; readonly prefix: string };

function isDigits(value: string): boolean {
  return /^[0-9]*$/.test(value);
}

/**
 * Reads a normalised dial string (digits, a leading `+`, `*`; see `normaliseDialed`) in `plan`:
 * `+…` is E.164 already; the international prefix (and a carrier code after it) becomes `+`; the
 * national prefix becomes `+` and the country code; where the plan has no national prefix, every
 * string is a national number; anything else is kept as dialled.
 */
export function readDialled(plan: DiallingPlan, normalised: string): DialledNumber {
  if (normalised.startsWith("+")) {
    const rest = normalised.slice(1);
    return isDigits(rest) ? { kind: "e164", digits: normalised } : { kind: "local", digits: normalised };
  }
  if (!isDigits(normalised)) return { kind: "local", digits: normalised };
  for (const prefix of plan.internationalPrefixes) {
    if (normalised.startsWith(prefix)) {
      return { kind: "e164", digits: `+${normalised.slice(prefix.length + plan.carrierCodeDigits)}` };
    }
  }
  const national = plan.nationalPrefix;
  if (national !== null && normalised.startsWith(national)) {
    return plan.nationalPrefixReadable
      ? { kind: "e164", digits: `+${plan.countryCode}${normalised.slice(national.length)}` }
      : { kind: "local", digits: normalised };
  }
  if (national === null || plan.unprefixedNationalLengths.includes(normalised.length)) {
    return { kind: "e164", digits: `+${plan.countryCode}${normalised}` };
  }
  return { kind: "local", digits: normalised };
}

/**
 * What a blocked range (digits, written as a caller in the country dials it) stands for there:
 * the international prefix alone (and with an incomplete carrier code) stands for every call to
 * another country; otherwise the range is read like a dial string — an E.164 prefix, or a local
 * prefix matched against what is dialled without a prefix.
 */
export function readRange(plan: DiallingPlan, prefix: string): RangeReading {
  for (const international of plan.internationalPrefixes) {
    if (prefix.startsWith(international) && prefix.length <= international.length + plan.carrierCodeDigits) {
      return { kind: "international" };
    }
  }
  const read = readDialled(plan, prefix);
  return read.kind === "e164" ? { kind: "e164", prefix: read.digits } : { kind: "local", prefix: read.digits };
}

/** True when the range, read in `plan`, covers the dialled number read in the same plan. */
export function rangeCovers(plan: DiallingPlan, range: RangeReading, dialled: DialledNumber): boolean {
  switch (range.kind) {
    case "international":
      return dialled.kind === "e164" && !dialled.digits.startsWith(`+${plan.countryCode}`);
    case "e164":
      return dialled.kind === "e164" && dialled.digits.startsWith(range.prefix);
    case "local":
      return dialled.kind === "local" && dialled.digits.startsWith(range.prefix);
  }
}
