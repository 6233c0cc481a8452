/**
 * Corrections to `date-holidays`, as data.
 *
 * Each entry was found by comparing the library (3.37.0) with the official calendar named in its
 * `source`; the fixtures in `test/calendar/official-calendars.ts` hold the official lists and fail
 * when library and table disagree with them. Entries are dated (not rules) on purpose: every one
 * is a checked fact for one day. The table covers 2026–2028, the years a porting deadline can
 * fall in today (agreed dates at most two years ahead); extend it when a new year is verified.
 *
 * `region: null` applies to the whole country, whatever region is asked for; a region-specific
 * entry applies only to that ISO 3166-2 subdivision (after `holidayStateFor` has reduced it,
 * e.g. a Scottish council area to `GB-SCT`).
 *
 * `remove` drops whatever the library put on that date; `add` makes the date a public holiday
 * that takes the whole day, with this name.
 */

export interface HolidayOverride {
  country: string;
  region: string | null;
  date: string;
  action: "add" | "remove";
  name: string;
  source: string;
}

const BR_CONSCIENCIA_NEGRA =
  "Lei nº 14.759/2023 (Brazil) made 20 November, Dia Nacional de Zumbi e da Consciência Negra, a national " +
  "holiday from 2024; date-holidays keeps it only for states without their own 20-November rule, so it is " +
  "missing in AM, MT, RJ and SP (https://www.planalto.gov.br/ccivil_03/_ato2023-2026/2023/lei/l14759.htm)";

const ON_EASTER_MONDAY =
  "Ontario Employment Standards Act, 2000, s. 1(1) 'public holiday': Easter Monday is not one of Ontario's " +
  "nine public holidays (https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays)";

const CY_GREEN_MONDAY =
  "Cyprus: Green (Clean) Monday is the Monday 48 days before Orthodox Easter; date-holidays uses 47 days and " +
  "lands on the Tuesday (bank-holiday calendars of the Bank of Cyprus, https://www.bankofcyprus.com.cy)";

const CY_KATAKLYSMOS =
  "Cyprus: Kataklysmos (Orthodox Whit Monday, Easter + 50 days) is a public holiday; date-holidays has only " +
  "the Sunday (bank-holiday calendars of the Bank of Cyprus, https://www.bankofcyprus.com.cy)";

const BG_LABOUR_CODE =
  "Bulgarian Labour Code (Кодекс на труда), art. 154(1): 24, 25 and 26 December are official holidays; " +
  "art. 154(2): a holiday other than Easter that falls on a Saturday or Sunday moves to the following " +
  "working day(s). date-holidays types 26 December as an observance and applies no moved days";

const BG_EURO_CHANGEOVER =
  "Bulgaria, Council of Ministers decision of 19 November 2025: 2 January 2026 is a non-working day for the " +
  "euro changeover";

export const HOLIDAY_OVERRIDES: readonly HolidayOverride[] = [
  // Brazil: Consciência Negra, national since 2024.
  {
    country: "BR",
    region: null,
    date: "2026-11-20",
    action: "add",
    name: "Black Awareness Day",
    source: BR_CONSCIENCIA_NEGRA,
  },
  {
    country: "BR",
    region: null,
    date: "2027-11-20",
    action: "add",
    name: "Black Awareness Day",
    source: BR_CONSCIENCIA_NEGRA,
  },
  {
    country: "BR",
    region: null,
    date: "2028-11-20",
    action: "add",
    name: "Black Awareness Day",
    source: BR_CONSCIENCIA_NEGRA,
  },

  // Canada, Ontario: Easter Monday is not a public holiday.
  {
    country: "CA",
    region: "CA-ON",
    date: "2026-04-06",
    action: "remove",
    name: "Easter Monday",
    source: ON_EASTER_MONDAY,
  },
  {
    country: "CA",
    region: "CA-ON",
    date: "2027-03-29",
    action: "remove",
    name: "Easter Monday",
    source: ON_EASTER_MONDAY,
  },
  {
    country: "CA",
    region: "CA-ON",
    date: "2028-04-17",
    action: "remove",
    name: "Easter Monday",
    source: ON_EASTER_MONDAY,
  },

  // Cyprus: Green Monday one day late; Kataklysmos missing.
  {
    country: "CY",
    region: null,
    date: "2026-02-24",
    action: "remove",
    name: "Clean Monday (wrong day)",
    source: CY_GREEN_MONDAY,
  },
  { country: "CY", region: null, date: "2026-02-23", action: "add", name: "Green Monday", source: CY_GREEN_MONDAY },
  {
    country: "CY",
    region: null,
    date: "2027-03-16",
    action: "remove",
    name: "Clean Monday (wrong day)",
    source: CY_GREEN_MONDAY,
  },
  { country: "CY", region: null, date: "2027-03-15", action: "add", name: "Green Monday", source: CY_GREEN_MONDAY },
  {
    country: "CY",
    region: null,
    date: "2028-02-29",
    action: "remove",
    name: "Clean Monday (wrong day)",
    source: CY_GREEN_MONDAY,
  },
  { country: "CY", region: null, date: "2028-02-28", action: "add", name: "Green Monday", source: CY_GREEN_MONDAY },
  {
    country: "CY",
    region: null,
    date: "2026-06-01",
    action: "add",
    name: "Kataklysmos (Whit Monday)",
    source: CY_KATAKLYSMOS,
  },
  {
    country: "CY",
    region: null,
    date: "2027-06-21",
    action: "add",
    name: "Kataklysmos (Whit Monday)",
    source: CY_KATAKLYSMOS,
  },
  {
    country: "CY",
    region: null,
    date: "2028-06-05",
    action: "add",
    name: "Kataklysmos (Whit Monday)",
    source: CY_KATAKLYSMOS,
  },

  // Bulgaria: 26 December and the moved days of the Labour Code.
  {
    country: "BG",
    region: null,
    date: "2026-01-02",
    action: "add",
    name: "Non-working day (euro changeover)",
    source: BG_EURO_CHANGEOVER,
  },
  {
    country: "BG",
    region: null,
    date: "2026-05-25",
    action: "add",
    name: "Day of Slavonic Literature (moved from Sunday)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2026-09-07",
    action: "add",
    name: "Unification Day (moved from Sunday)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2026-12-26",
    action: "add",
    name: "Christmas (second day)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2026-12-28",
    action: "add",
    name: "Christmas (moved from Saturday)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2027-05-04",
    action: "add",
    name: "Labour Day (moved from Saturday)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2027-12-26",
    action: "add",
    name: "Christmas (second day)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2027-12-27",
    action: "add",
    name: "Christmas (moved from Saturday)",
    source: BG_LABOUR_CODE,
  },
  {
    country: "BG",
    region: null,
    date: "2027-12-28",
    action: "add",
    name: "Christmas (moved from Sunday)",
    source: BG_LABOUR_CODE,
  },
];

const byCountryYear = new Map<string, HolidayOverride[]>();
for (const entry of HOLIDAY_OVERRIDES) {
  const key = `${entry.country}|${entry.date.slice(0, 4)}`;
  const list = byCountryYear.get(key);
  if (list) list.push(entry);
  else byCountryYear.set(key, [entry]);
}

/** The overrides that apply to `country` (and `region`, ISO 3166-2, when given) in `year`. */
export function overridesFor(country: string, region: string | null, year: number): readonly HolidayOverride[] {
  const list = byCountryYear.get(`${country}|${year}`);
  if (!list) return [];
  return list.filter((entry) => entry.region === null || entry.region === region);
}
