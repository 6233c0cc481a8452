import { allForYear } from "@18f/us-federal-holidays";
import Holidays from "date-holidays";
import { getHolidays } from "feiertagejs";
import { describe, expect, it } from "vitest";
import { isWeekend, parseCivilDate } from "../../src/calendar/civil-date.js";
import { publicHolidays } from "../../src/calendar/holidays.js";
import { PORTING_COUNTRIES } from "../../src/porting/country-rules.js";
import { OFFICIAL_CALENDARS } from "./official-calendars.js";
import { REFERENCE_CALENDARS, referenceDates } from "./reference-calendars.js";

/**
 * Every covered (country, region) for 2026 and 2027, compared with a source independent of
 * `date-holidays`: the authorities' published lists (`official-calendars.ts`), the statutes typed
 * in as rules (`reference-calendars.ts`), the `feiertagejs` package for Germany's Länder and the
 * `@18f/us-federal-holidays` package for the United States. Only Monday–Friday dates are compared
 * (they decide business days), plus the weekend days a government made working days.
 *
 * Each difference is either fixed in the override table (`src/calendar/overrides.ts`), or declared
 * below with its reason. A place without an independent source is declared too, with the reason.
 * A declaration that no longer matches a difference fails the test, so the list stays true.
 */

const YEARS = [2026, 2027] as const;

/**
 * Differences kept on purpose: `"<place> <date>"` → why. `+` means we count the day as a holiday
 * and the reference does not; `-` the reverse.
 */
const DECLARED_DIFFERENCES: Readonly<Record<string, string>> = {
  // Australia (national calendar): every state and territory adds a substitute day for a Christmas
  // or Boxing Day on a weekend; the national calendar keeps them, the Fair Work Act list does not.
  "AU 2026-12-28": "Boxing Day substitute, observed in every state and territory: kept",
  "AU 2027-12-27": "Christmas Day substitute, observed in every state and territory: kept",
  "AU 2027-12-28": "Boxing Day substitute, observed in every state and territory: kept",
  "AU-SA 2027-04-26":
    "Whether South Australia moves a Sunday Anzac Day to the Monday (Holidays Act 1910 s. 3, by proclamation) was not verified for 2027: the library (no Monday) is kept",
  // Canada (national calendar, used only when a request names no province): the library holds the
  // days common to every province; the Canada Labour Code's federal list has more. Fewer holidays
  // give the earlier (stricter) deadline, so the common list is kept.
  ...Object.fromEntries(
    [
      "2026-05-18",
      "2026-09-30",
      "2026-10-12",
      "2026-11-11",
      "2026-12-28",
      "2027-05-24",
      "2027-09-30",
      "2027-10-11",
      "2027-11-11",
      "2027-12-27",
      "2027-12-28",
    ].map((date) => [
      `CA ${date}`,
      "federal-only general holiday (Canada Labour Code s. 166), not common to every province: not counted nationally",
    ]),
  ),
  "CA-NT 2026-04-06":
    "Easter Monday: a territorial public-service holiday the library counts; not in the reference's list of statutory holidays (NWT Employment Standards Act) — not verified either way, the library is kept",
  "CA-NT 2027-03-29":
    "Easter Monday: a territorial public-service holiday the library counts; not in the reference's list of statutory holidays (NWT Employment Standards Act) — not verified either way, the library is kept",
  "CA-YT 2026-04-06":
    "Easter Monday: a territorial public-service holiday the library counts; not in the reference's list of statutory holidays (Yukon Employment Standards Act) — not verified either way, the library is kept",
  "CA-YT 2027-03-29":
    "Easter Monday: a territorial public-service holiday the library counts; not in the reference's list of statutory holidays (Yukon Employment Standards Act) — not verified either way, the library is kept",
  "CY 2026-04-14":
    "Orthodox Easter Tuesday: a public-service and bank holiday, not verified as a general public holiday: counted as a business day (the stricter deadline)",
  "CY 2027-05-04":
    "Orthodox Easter Tuesday: a public-service and bank holiday, not verified as a general public holiday: counted as a business day (the stricter deadline)",
  "CY 2026-12-24":
    "Christmas Eve: a public-service holiday, not verified as a general public holiday: counted as a business day",
  "CY 2027-12-24":
    "Christmas Eve: a public-service holiday, not verified as a general public holiday: counted as a business day",
  "ES-CB 2026-12-07":
    "Monday after the Constitution Day on a Sunday: Cantabria's 2026 decree was not checked for this substitute; the library's day is kept",
  "FI 2026-06-19": "Midsummer Eve: a customary day off, not a public holiday in Finnish law: counted as a business day",
  "FI 2027-06-25": "Midsummer Eve: a customary day off, not a public holiday in Finnish law: counted as a business day",
  "FI 2026-12-24": "Christmas Eve: a customary day off, not a public holiday in Finnish law: counted as a business day",
  "FI 2027-12-24": "Christmas Eve: a customary day off, not a public holiday in Finnish law: counted as a business day",
  "SE 2026-06-19":
    "Midsummer Eve: treated like a Sunday by custom and collective agreements, not a public holiday under Lag (1989:253): counted as a business day",
  "SE 2027-06-25":
    "Midsummer Eve: treated like a Sunday by custom and collective agreements, not a public holiday under Lag (1989:253): counted as a business day",
  "SE 2026-12-24":
    "Christmas Eve: treated like a Sunday by custom, not a public holiday under Lag (1989:253): counted as a business day",
  "SE 2027-12-24":
    "Christmas Eve: treated like a Sunday by custom, not a public holiday under Lag (1989:253): counted as a business day",
  "SE 2026-12-31":
    "New Year's Eve: treated like a Sunday by custom, not a public holiday under Lag (1989:253): counted as a business day",
  "SE 2027-12-31":
    "New Year's Eve: treated like a Sunday by custom, not a public holiday under Lag (1989:253): counted as a business day",
  "FR-GP 2026-04-03":
    "Good Friday: a local public holiday in Guadeloupe that the library counts and the national Code du travail does not list: kept",
  "FR-GP 2027-03-26":
    "Good Friday: a local public holiday in Guadeloupe that the library counts and the national Code du travail does not list: kept",
  "FR-MQ 2026-04-03":
    "Good Friday: a local public holiday in Martinique that the library counts and the national Code du travail does not list: kept",
  "FR-MQ 2027-03-26":
    "Good Friday: a local public holiday in Martinique that the library counts and the national Code du travail does not list: kept",
  "GB 2026-04-06":
    "Easter Monday: a bank holiday everywhere but Scotland; the national calendar (used without a region) keeps it, as most UK requests are in England and Wales",
  "GB 2027-03-29":
    "Easter Monday: a bank holiday everywhere but Scotland; the national calendar (used without a region) keeps it, as most UK requests are in England and Wales",
  ...Object.fromEntries(
    ["NL", "NL-GR", "NL-NH", "NL-ZH"].flatMap((place) =>
      ["2026-05-05", "2027-05-05"].map((date) => [
        `${place} ${date}`,
        "Liberation Day: listed by the Algemene termijnenwet (for legal time limits) but a paid day off only where collective agreements grant it, and generally only every fifth year (2025, 2030): counted as a business day",
      ]),
    ),
  ),
  ...Object.fromEntries(
    ["2026-05-08", "2026-09-15", "2026-11-17", "2027-09-15", "2027-11-17"].map((date) => [
      `SK ${date}`,
      "Slovakia's 2025 consolidation measures removed days of rest from 2026; the library follows them, the reference was typed from the earlier § 2 list of zákon č. 241/1993 and was not re-verified: the library is kept",
    ]),
  ),
};

/** Covered places without an independent offline source here, and why. */
const UNCHECKED: Readonly<Record<string, string>> = {
  "GB-ALD":
    "Alderney is a Crown dependency outside the Banking and Financial Dealings Act; the code falls back to England's calendar and is not cross-checked",
  "FR-MF":
    "Saint-Martin's abolition-of-slavery day (27 or 28 May) could not be verified from the decree here; the rest of its calendar is the national one, checked for FR",
  ...Object.fromEntries(
    [
      "AL",
      "AK",
      "AZ",
      "AR",
      "CA",
      "CO",
      "CT",
      "DE",
      "DC",
      "FL",
      "GA",
      "HI",
      "ID",
      "IL",
      "IN",
      "IA",
      "KS",
      "KY",
      "LA",
      "ME",
      "MD",
      "MA",
      "MI",
      "MN",
      "MS",
      "MO",
      "MT",
      "NE",
      "NV",
      "NH",
      "NJ",
      "NM",
      "NY",
      "NC",
      "ND",
      "OH",
      "OK",
      "OR",
      "PA",
      "RI",
      "SC",
      "SD",
      "TN",
      "TX",
      "UT",
      "VT",
      "VA",
      "WA",
      "WV",
      "WI",
      "WY",
    ].map((state) => [
      `US-${state}`,
      "state holiday calendars: no independent offline dataset for the 50 states and DC was available and they were not typed in; the federal days they share are checked on the national calendar",
    ]),
  ),
  ...Object.fromEntries(
    [
      "AC",
      "AL",
      "AM",
      "AP",
      "BA",
      "CE",
      "DF",
      "ES",
      "GO",
      "MA",
      "MG",
      "MS",
      "MT",
      "PA",
      "PB",
      "PE",
      "PI",
      "PR",
      "RN",
      "RO",
      "RR",
      "RS",
      "SC",
      "SE",
      "TO",
    ].map((state) => [
      `BR-${state}`,
      "state holidays (each state's own law): not typed in here beyond São Paulo and Rio de Janeiro; the national days are checked on BR",
    ]),
  ),
  ...Object.fromEntries(
    ["AN", "AR", "AS", "CE", "CL", "CM", "CN", "CT", "EX", "GA", "IB", "MC", "MD", "ML", "NC", "PV", "RI", "VC"].map(
      (community) => [
        `ES-${community}`,
        "each autonomous community chooses its regional days by a yearly decree; only Cantabria's (the known error) was typed in; the national days are checked on ES",
      ],
    ),
  ),
  ...Object.fromEntries(
    ["21", "25", "32", "52", "62", "82"].map((region) => [
      `IT-${region}`,
      "local patron-saint days (a city's, not a region's statute) were not typed in; the national days are checked on IT",
    ]),
  ),
};

const weekday = (date: string) => !isWeekend(parseCivilDate(date)!);

/** Every covered place: each porting country nationally and each region `date-holidays` has a calendar for. */
function coveredPlaces(): { country: string; region: string | null }[] {
  const catalogue = new Holidays();
  const places: { country: string; region: string | null }[] = [];
  for (const country of PORTING_COUNTRIES) {
    places.push({ country, region: null });
    const states = (catalogue.getStates(country) as Record<string, string> | undefined) ?? {};
    for (const state of Object.keys(states)) places.push({ country, region: `${country}-${state.toUpperCase()}` });
  }
  return places;
}

const FEIERTAGE_REGIONS = new Set([
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HE",
  "HH",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
]);

/** The independent reference for a place and year: its weekday holidays and working weekend days, and the source. */
function reference(
  country: string,
  region: string | null,
  year: number,
): { source: string; holidays: string[]; working: string[] } | undefined {
  const official = OFFICIAL_CALENDARS.find((c) => c.country === country && c.region === region && c.year === year);
  if (official) return { source: official.source, holidays: official.holidays.map(([date]) => date), working: [] };
  const typed = REFERENCE_CALENDARS.find((c) => c.country === country && c.region === region);
  if (typed) {
    const working = (typed.working ?? []).filter((date) => date.startsWith(`${year}-`));
    return { source: typed.source, holidays: referenceDates(typed, year), working };
  }
  if (country === "DE") {
    const code = region ? region.slice(3) : "BUND";
    if (code === "BUND" || FEIERTAGE_REGIONS.has(code)) {
      return {
        source: `feiertagejs (${code})`,
        holidays: getHolidays(year, code as Parameters<typeof getHolidays>[1]).map((h) => h.dateString),
        working: [],
      };
    }
  }
  if (country === "US" && region === null) {
    // Federal holidays with the OPM weekend rule; a New Year's Day on a Saturday is observed the Friday before.
    const dates = [...allForYear(year), ...allForYear(year + 1)].map((h) => h.dateString);
    return { source: "@18f/us-federal-holidays", holidays: dates.filter((d) => d.startsWith(`${year}-`)), working: [] };
  }
  return undefined;
}

interface Finding {
  place: string;
  date: string;
  sign: "+" | "-";
}

function compare(country: string, region: string | null, year: number): Finding[] | "unchecked" {
  const ref = reference(country, region, year);
  if (!ref) return "unchecked";
  const place = region ?? country;
  const ours = publicHolidays(country, region, year);
  const ourDays = new Set(ours.holidays.map((h) => h.date).filter(weekday));
  const refDays = new Set(ref.holidays.filter((d) => d.startsWith(`${year}-`)).filter(weekday));
  const findings: Finding[] = [];
  for (const date of ourDays) if (!refDays.has(date)) findings.push({ place, date, sign: "+" });
  for (const date of refDays) if (!ourDays.has(date)) findings.push({ place, date, sign: "-" });
  const ourWorking = new Set(ours.workingDays.keys());
  for (const date of ref.working) if (!ourWorking.has(date)) findings.push({ place, date, sign: "-" });
  for (const date of ourWorking) if (!ref.working.includes(date)) findings.push({ place, date, sign: "+" });
  return findings.sort((a, b) => a.date.localeCompare(b.date));
}

describe("calendar cross-check against independent sources (2026, 2027)", () => {
  const places = coveredPlaces();

  it("covers every porting country and every region the holiday library has a calendar for", () => {
    expect(places.length).toBeGreaterThan(200);
    for (const country of PORTING_COUNTRIES) expect(places.some((p) => p.country === country && !p.region)).toBe(true);
  });

  it("has every difference fixed or declared with its reason, and every unchecked place declared", () => {
    const undeclared: string[] = [];
    const seen = new Set<string>();
    const unchecked: string[] = [];
    for (const { country, region } of places) {
      const place = region ?? country;
      for (const year of YEARS) {
        const result = compare(country, region, year);
        if (result === "unchecked") {
          if (!(place in UNCHECKED)) unchecked.push(place);
          continue;
        }
        for (const finding of result) {
          const key = `${finding.place} ${finding.date}`;
          seen.add(key);
          if (!(key in DECLARED_DIFFERENCES)) undeclared.push(`${key} ${finding.sign}`);
        }
      }
    }
    const stale = Object.keys(DECLARED_DIFFERENCES).filter((key) => !seen.has(key));
    expect({ undeclared, unchecked: [...new Set(unchecked)], stale }).toEqual({
      undeclared: [],
      unchecked: [],
      stale: [],
    });
  });

  it("declares no place as unchecked that has a reference", () => {
    const checkable = Object.keys(UNCHECKED).filter((place) => {
      const country = place.slice(0, 2);
      const region = place.length > 2 ? place : null;
      return YEARS.some((year) => reference(country, region, year) !== undefined);
    });
    expect(checkable).toEqual([]);
  });
});
