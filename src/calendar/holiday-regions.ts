import Holidays from "date-holidays";

/**
 * Which `date-holidays` state a place's ISO 3166-2 subdivision code belongs to.
 *
 * Mostly the part after the hyphen is the library's state code (`DE-BY` → `BY`, `AU-VIC` → `VIC`,
 * `BR-SP` → `SP`, `CA-QC` → `QC`, `US-CA` → `CA`, `GB-SCT` → `SCT`, `AT-9` → `9`). The exceptions
 * are listed here:
 *
 * - United Kingdom: bank holidays differ per nation (Banking and Financial Dealings Act 1971,
 *   Schedule 1), so a council area, borough or county code is reduced to its nation. Scottish
 *   council areas → SCT, Northern Irish districts (both the 26 pre-2015 and the 11 current codes)
 *   → NIR, everything else → ENG. Wales has the same bank holidays as England, so a Welsh
 *   unitary authority landing on ENG gives the same calendar. Codes from ISO 3166-2:GB.
 * - France and Spain: ISO codes for overseas departments / island provinces that the library
 *   knows under another code.
 *
 * A subdivision the library does not know falls back to the country's national calendar (the
 * holidays common to the whole country); the caller still gets the country's weekends and
 * national holidays, only regional days are missing.
 */

const SCOTTISH_COUNCIL_AREAS = new Set([
  "ABD",
  "ABE",
  "AGB",
  "ANS",
  "CLK",
  "DGY",
  "DND",
  "EAY",
  "EDH",
  "EDU",
  "ELN",
  "ELS",
  "ERW",
  "FAL",
  "FIF",
  "GLG",
  "HLD",
  "IVC",
  "MLN",
  "MRY",
  "NAY",
  "NLK",
  "ORK",
  "PKN",
  "RFW",
  "SAY",
  "SCB",
  "SLK",
  "STG",
  "WDU",
  "WLN",
  "ZET",
]);

const NORTHERN_IRISH_DISTRICTS = new Set([
  // The 11 districts since 2015.
  "ABC",
  "AND",
  "ANN",
  "BFS",
  "CCG",
  "DRS",
  "FMO",
  "LBC",
  "MEA",
  "MUL",
  "NMD",
  // The 26 districts before 2015, still found in older data.
  "ANT",
  "ARD",
  "ARM",
  "BLA",
  "BLY",
  "BNB",
  "CGV",
  "CKF",
  "CKT",
  "CLR",
  "CSR",
  "DGN",
  "DOW",
  "DRY",
  "FER",
  "LMV",
  "LRN",
  "LSB",
  "MFT",
  "MYL",
  "NDN",
  "NTA",
  "NYM",
  "OMH",
  "STB",
]);

const ALIASES: Readonly<Record<string, string>> = {
  // ISO 3166-2:FR overseas departments → the library's region codes.
  "FR-971": "GP",
  "FR-972": "MQ",
  "FR-973": "GF",
  "FR-974": "RE",
  "FR-976": "YT",
  // ISO 3166-2:ES Canary Islands provinces → the autonomous community.
  "ES-GC": "CN",
  "ES-TF": "CN",
  // ISO 3166-2:IT autonomous province of Bolzano → the library's "Alto Adige".
  "IT-BZ": "32",
  // ISO 3166-2:GB "England and Wales" (one bank-holiday calendar).
  "GB-EAW": "ENG",
};

const knownStates = new Map<string, ReadonlySet<string>>();
let catalogue: Holidays | undefined;

function statesOf(country: string): ReadonlySet<string> {
  let states = knownStates.get(country);
  if (!states) {
    catalogue ??= new Holidays();
    states = new Set(
      Object.keys((catalogue.getStates(country) as Record<string, string> | undefined) ?? {}).map((code) =>
        code.toUpperCase(),
      ),
    );
    knownStates.set(country, states);
  }
  return states;
}

function nationOfBritishSubdivision(code: string): string {
  if (code === "SCT" || SCOTTISH_COUNCIL_AREAS.has(code)) return "SCT";
  if (code === "NIR" || NORTHERN_IRISH_DISTRICTS.has(code)) return "NIR";
  if (code === "WLS") return "WLS";
  return "ENG";
}

/**
 * The library state code for `region` (ISO 3166-2, e.g. `"DE-BY"`) in `country`, or `null` for the
 * national calendar (no region, a region of another country, or one the library does not know).
 */
export function holidayStateFor(country: string, region?: string | null): string | null {
  if (!region) return null;
  const upper = region.toUpperCase();
  if (!upper.startsWith(`${country}-`)) return null;
  const alias = ALIASES[upper];
  const code = alias ?? upper.slice(country.length + 1);
  if (country === "GB" && !alias) {
    // The UK-level codes (GB-UKM, GB-GBN) have no single calendar: national.
    if (code === "UKM" || code === "GBN") return null;
    return nationOfBritishSubdivision(code);
  }
  return statesOf(country).has(code) ? code : null;
}
