import { countryOutsideLinePrefixes, normaliseDialed } from "../emergency/classify.js";

/** A number that tests the emergency call path without reaching an answering point. */
export interface TestCallNumber {
  country: string;
  number: string;
  sources: readonly string[];
  note: string;
}

/**
 * Test numbers by country, only where a source says so. 933 is not in any regulation: it is the
 * carriers' convention in the US (see the sources): the
 * call is routed as a 911 call but stopped before the answering point, and an announcement reads
 * back the callback number and the address the answering point would have received. No other
 * covered country has a public test number that we could source, so they have none here (a test
 * call there is arranged with the answering point, and is a real emergency call to this service).
 */
export const TEST_CALL_NUMBERS: readonly TestCallNumber[] = [
  {
    country: "US",
    number: "933",
    sources: [
      "https://help.dialpad.com/docs/e911-emergency-services (a 933 service for testing before live 911 calls)",
      "https://fletch.blog/2024/04/17/the-933-emergency-calling-test-service/ (Mark J. Fletcher, ENP: the 933 service reads back ANI/ALI)",
    ],
    note: "Carrier convention: routed like 911, answered by an announcement of the callback number and location instead of an answering point.",
  },
];

const BY_COUNTRY = new Map<string, readonly string[]>();
for (const entry of TEST_CALL_NUMBERS)
  BY_COUNTRY.set(entry.country, [...(BY_COUNTRY.get(entry.country) ?? []), entry.number]);

/**
 * The test number `dialed` reaches in `country`, or null. Read like an emergency number: with or
 * without one outside-line prefix (the account's, then the country's defaults), so "9933" on a
 * PBX with prefix 9 is a test call as "9911" is an emergency call (47 CFR 9.16(b)(1)).
 */
export function testCallNumber(country: string, dialed: string, outsideLinePrefixes: readonly string[]): string | null {
  const numbers = BY_COUNTRY.get(country);
  if (!numbers) return null;
  const normalised = normaliseDialed(dialed);
  if (normalised === null) return null;
  for (const number of numbers) {
    if (normalised === number) return number;
    for (const prefix of [...outsideLinePrefixes, ...countryOutsideLinePrefixes(country)]) {
      if (/^[0-9]+$/.test(prefix) && normalised === prefix + number) return number;
    }
  }
  return null;
}
