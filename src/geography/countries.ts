import { createRequire } from "node:module";

/**
 * The countries this service covers, in one place.
 *
 * Sources: the seed countries come from the Regional Supplement (004, "CALLS TO/FROM EMERGENCY
 * SERVICES" and "SUPPLEMENTAL TERMS") and the North-American 911 terms (001, 003); the EU member
 * states are those of the Treaty on European Union as of 2026 (27 states).
 */

/** The 27 member states of the European Union (ISO 3166-1 alpha-2). */
export const EU_MEMBER_STATES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

/** The countries named in the source contracts themselves. */
export const SEED_COUNTRIES = ["US", "CA", "GB", "IE", "DE", "AU", "BR"] as const;

/** Every country the service accepts as a service country or address country. */
export const COVERED_COUNTRIES: readonly string[] = [
  ...new Set<string>([...SEED_COUNTRIES, ...EU_MEMBER_STATES]),
].sort();

const covered = new Set(COVERED_COUNTRIES);
const eu = new Set<string>(EU_MEMBER_STATES);

/** True when `country` (ISO 3166-1 alpha-2, upper case) is one the service covers. */
export function isCoveredCountry(country: string): boolean {
  return covered.has(country);
}

/** True for the 27 EU member states. */
export function isEuMemberState(country: string): boolean {
  return eu.has(country);
}

let isoCountries: ReadonlySet<string> | undefined;

/**
 * Whether `code` is an assigned ISO 3166-1 alpha-2 code (any country, covered or not: a device
 * may be used abroad). Data: the `iso-3166-2` package's country table.
 */
export function isIsoCountry(code: string): boolean {
  if (!isoCountries) {
    const pkg = createRequire(import.meta.url)("iso-3166-2") as { data?: Record<string, unknown> };
    isoCountries = new Set(Object.keys(pkg.data ?? {}));
  }
  return isoCountries.has(code);
}
