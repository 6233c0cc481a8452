/**
 * An independent reference for the public holidays of every covered country (and the Canadian
 * provinces and territories and the Australian states and territories), typed in from each
 * country's statute as rules and expanded for 2026 and 2027. Independent of `date-holidays`: it
 * is read from the law named in `source`, not from the library, so a disagreement shows an error
 * on one side. `calendar-cross-check.unit.test.ts` compares every covered (country, region) with
 * this table, `official-calendars.ts` (dates typed from the authorities' published lists), the
 * `feiertagejs` package (Germany) and the `@18f/us-federal-holidays` package (United States).
 *
 * Rule notation (each expands to at most one date per year):
 * - `MM-DD` a fixed date; `YYYY-MM-DD` a date in that year only;
 * - `MM-DD+w` the first weekday `w` (0 Sunday … 6 Saturday) on or after MM-DD — e.g. `05-25+1` the
 *   last Monday of May, `01-15+1` the third Monday of January;
 * - `MM-DD>` a fixed date moved to the Monday when it falls on Saturday or Sunday;
 * - `E+n` / `E-n` days from Western Easter Sunday; `O+n` / `O-n` from Orthodox Easter Sunday.
 *
 * Only whole-day public holidays are listed (no evening holidays, no bank-only or optional days);
 * the comparison looks at Monday–Friday dates, the ones that decide business days.
 */

export interface ReferenceCalendar {
  country: string;
  region: string | null;
  source: string;
  rules: readonly string[];
  /** Weekend days declared working days, by year (YYYY-MM-DD). */
  working?: readonly string[];
}

/** Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function westernEaster(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** Orthodox Easter Sunday (Julian computus, shifted to the Gregorian calendar: +13 days in 1900–2099). */
function orthodoxEaster(year: number): Date {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day + 13));
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The date a rule gives in `year`, or null when it does not apply that year. */
export function expandRule(rule: string, year: number): string | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rule);
  if (match) return Number(match[1]) === year ? rule : null;
  match = /^([EO])([+-]\d+)$/.exec(rule);
  if (match) return iso(addDays(match[1] === "E" ? westernEaster(year) : orthodoxEaster(year), Number(match[2])));
  match = /^(\d{2})-(\d{2})(?:\+(\d)|(>))?$/.exec(rule);
  if (!match) throw new Error(`bad rule ${rule}`);
  let date = new Date(Date.UTC(year, Number(match[1]) - 1, Number(match[2])));
  if (match[3] !== undefined) {
    const weekday = Number(match[3]);
    date = addDays(date, (weekday - date.getUTCDay() + 7) % 7);
  } else if (match[4]) {
    const weekday = date.getUTCDay();
    if (weekday === 6) date = addDays(date, 2);
    else if (weekday === 0) date = addDays(date, 1);
  }
  return iso(date);
}

/** Every date the calendar's rules give in `year`, sorted, without duplicates. */
export function referenceDates(calendar: ReferenceCalendar, year: number): string[] {
  const dates = calendar.rules.map((rule) => expandRule(rule, year)).filter((d): d is string => d !== null);
  return [...new Set(dates)].sort();
}

// Common rule sets.
const CHRISTMAS = ["12-25", "12-26"];
const GOOD_FRIDAY = "E-2";
const EASTER_MONDAY = "E+1";
const ASCENSION = "E+39";
const WHIT_MONDAY = "E+50";
const CORPUS_CHRISTI = "E+60";

export const REFERENCE_CALENDARS: readonly ReferenceCalendar[] = [
  // ---- European Union: national public holidays ----
  {
    country: "AT",
    region: null,
    source: "Arbeitsruhegesetz (ARG) § 7 Abs. 2 (Good Friday removed in 2019)",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "05-01",
      ASCENSION,
      WHIT_MONDAY,
      CORPUS_CHRISTI,
      "08-15",
      "10-26",
      "11-01",
      "12-08",
      ...CHRISTMAS,
    ],
  },
  {
    country: "BE",
    region: null,
    source:
      "Loi du 4 janvier 1974 relative aux jours fériés / Wet van 4 januari 1974 betreffende de feestdagen, art. 1",
    rules: ["01-01", EASTER_MONDAY, "05-01", ASCENSION, WHIT_MONDAY, "07-21", "08-15", "11-01", "11-11", "12-25"],
  },
  {
    country: "BG",
    region: null,
    source:
      "Кодекс на труда (Labour Code) art. 154(1) official holidays and art. 154(2) moved days; Council of Ministers decision of 19 November 2025 (2 January 2026)",
    rules: [
      "01-01",
      "03-03",
      "O-2",
      "O-1",
      "O+1",
      "05-01",
      "05-06",
      "05-24",
      "09-06",
      "09-22",
      "12-24",
      ...CHRISTMAS,
      "2026-01-02",
      "2026-05-25",
      "2026-09-07",
      "2026-12-28",
      "2027-05-04",
      "2027-12-27",
      "2027-12-28",
    ],
  },
  {
    country: "HR",
    region: null,
    source: "Zakon o blagdanima, spomendanima i neradnim danima u Republici Hrvatskoj (NN 110/2019), čl. 1",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "05-01",
      "05-30",
      CORPUS_CHRISTI,
      "06-22",
      "08-05",
      "08-15",
      "11-01",
      "11-18",
      ...CHRISTMAS,
    ],
  },
  {
    country: "CY",
    region: null,
    source:
      "Cyprus public holidays (Public Holidays Law; government holiday list): incl. Green Monday, Orthodox Good Friday to Easter Tuesday, Kataklysmos",
    rules: [
      "01-01",
      "01-06",
      "O-48",
      "03-25",
      "04-01",
      "O-2",
      "O+1",
      "O+2",
      "05-01",
      "O+50",
      "08-15",
      "10-01",
      "10-28",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "CZ",
    region: null,
    source:
      "Zákon č. 245/2000 Sb., o státních svátcích, o ostatních svátcích, o významných dnech a o dnech pracovního klidu, § 1–2",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      "05-08",
      "07-05",
      "07-06",
      "09-28",
      "10-28",
      "11-17",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "DK",
    region: null,
    source: "Lov om søgnehelligdage (Great Prayer Day abolished from 2024 by lov nr. 187 af 28/02/2023)",
    rules: ["01-01", "E-3", GOOD_FRIDAY, EASTER_MONDAY, ASCENSION, WHIT_MONDAY, ...CHRISTMAS],
  },
  {
    country: "EE",
    region: null,
    source: "Pühade ja tähtpäevade seadus (Public Holidays and Days of National Importance Act), § 2",
    rules: ["01-01", "02-24", GOOD_FRIDAY, "05-01", "06-23", "06-24", "08-20", "12-24", ...CHRISTMAS],
  },
  {
    country: "FI",
    region: null,
    source:
      "Finnish public holidays (Kirkkolaki/church holidays and Laki vuosilomasta): incl. Midsummer Eve and Christmas Eve as customary days off",
    rules: [
      "01-01",
      "01-06",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      ASCENSION,
      "06-19+5",
      "12-06",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "FR",
    region: null,
    source: "Code du travail, art. L3133-1 (fêtes légales)",
    rules: [
      "01-01",
      EASTER_MONDAY,
      "05-01",
      "05-08",
      ASCENSION,
      WHIT_MONDAY,
      "07-14",
      "08-15",
      "11-01",
      "11-11",
      "12-25",
    ],
  },
  {
    country: "GR",
    region: null,
    source:
      "Greek public holidays (Law 1157/1981 and Ministry of Labour circulars): incl. Clean Monday, Orthodox Good Friday, Easter Monday and Whit Monday",
    rules: ["01-01", "01-06", "O-48", "03-25", "O-2", "O+1", "05-01", "O+50", "08-15", "10-28", ...CHRISTMAS],
  },
  {
    country: "HU",
    region: null,
    source:
      "Munka törvénykönyve (2012. évi I. törvény) § 102(1) munkaszüneti napok; 10/2025. (IV. 30.) NGM rendelet (2026 swapped days)",
    rules: [
      "01-01",
      "03-15",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      WHIT_MONDAY,
      "08-20",
      "10-23",
      "11-01",
      ...CHRISTMAS,
      "2026-01-02",
      "2026-08-21",
      "2026-12-24",
    ],
    working: ["2026-01-10", "2026-08-08", "2026-12-12"],
  },
  {
    country: "IT",
    region: null,
    source:
      "Legge 27 maggio 1949, n. 260, art. 2, as amended (festività nazionali), and the 2025 law restoring 4 October (San Francesco d'Assisi, patron of Italy) as a national holiday from 2026",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "04-25",
      "05-01",
      "06-02",
      "08-15",
      "10-04",
      "11-01",
      "12-08",
      ...CHRISTMAS,
    ],
  },
  {
    country: "LV",
    region: null,
    source:
      "Likums 'Par svētku, atceres un atzīmējamām dienām', 1. pants (4 May and 18 November move to Monday from a weekend); Ministru kabineta rīkojums 'Par darba dienu pārcelšanu 2026. gadā'",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      "05-04>",
      "06-23",
      "06-24",
      "11-18>",
      "12-24",
      ...CHRISTMAS,
      "12-31",
      "2026-01-02",
      "2026-06-22",
    ],
    working: ["2026-01-17", "2026-06-27"],
  },
  {
    country: "LT",
    region: null,
    source: "Darbo kodeksas (Labour Code), art. 123(1) švenčių dienos",
    rules: [
      "01-01",
      "02-16",
      "03-11",
      EASTER_MONDAY,
      "05-01",
      "06-24",
      "07-06",
      "08-15",
      "11-01",
      "11-02",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "LU",
    region: null,
    source: "Code du travail, art. L.232-2 (jours fériés légaux, incl. Europe Day since 2019)",
    rules: ["01-01", EASTER_MONDAY, "05-01", "05-09", ASCENSION, WHIT_MONDAY, "06-23", "08-15", "11-01", ...CHRISTMAS],
  },
  {
    country: "MT",
    region: null,
    source: "National Holidays and Other Public Holidays Act (Cap. 252), art. 2",
    rules: [
      "01-01",
      "02-10",
      "03-19",
      "03-31",
      GOOD_FRIDAY,
      "05-01",
      "06-07",
      "06-29",
      "08-15",
      "09-08",
      "09-21",
      "12-08",
      "12-13",
      "12-25",
    ],
  },
  {
    country: "NL",
    region: null,
    source:
      "Algemene termijnenwet, art. 3 (algemeen erkende feestdagen), King's Day on 26 April when 27 April is a Sunday",
    rules: ["01-01", EASTER_MONDAY, "04-27", "05-05", ASCENSION, WHIT_MONDAY, ...CHRISTMAS],
  },
  {
    country: "PL",
    region: null,
    source: "Ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy, art. 1, as amended (24 December from 2025)",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "05-01",
      "05-03",
      CORPUS_CHRISTI,
      "08-15",
      "11-01",
      "11-11",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "PT",
    region: null,
    source: "Código do Trabalho, art. 234.º (feriados obrigatórios)",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      "04-25",
      "05-01",
      CORPUS_CHRISTI,
      "06-10",
      "08-15",
      "10-05",
      "11-01",
      "12-01",
      "12-08",
      "12-25",
    ],
  },
  {
    country: "RO",
    region: null,
    source: "Codul muncii, art. 139(1), as amended (6 and 7 January from 2024)",
    rules: [
      "01-01",
      "01-02",
      "01-06",
      "01-07",
      "01-24",
      "O-2",
      "O+1",
      "05-01",
      "06-01",
      "O+50",
      "08-15",
      "11-30",
      "12-01",
      ...CHRISTMAS,
    ],
  },
  {
    country: "SK",
    region: null,
    source: "Zákon č. 241/1993 Z. z. o štátnych sviatkoch, dňoch pracovného pokoja a pamätných dňoch, §§ 1–2",
    rules: [
      "01-01",
      "01-06",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      "05-08",
      "07-05",
      "08-29",
      "09-15",
      "11-01",
      "11-17",
      "12-24",
      ...CHRISTMAS,
    ],
  },
  {
    country: "SI",
    region: null,
    source: "Zakon o praznikih in dela prostih dnevih v Republiki Sloveniji, čl. 1–2",
    rules: [
      "01-01",
      "01-02",
      "02-08",
      EASTER_MONDAY,
      "04-27",
      "05-01",
      "05-02",
      "06-25",
      "08-15",
      "10-31",
      "11-01",
      ...CHRISTMAS,
    ],
  },
  {
    country: "ES",
    region: null,
    source:
      "Real Decreto 2001/1983, art. 45 (fiestas nacionales no sustituibles), and the yearly resolución de la Dirección General de Trabajo (BOE): national days only",
    rules: ["01-01", "01-06", GOOD_FRIDAY, "05-01", "08-15", "10-12", "11-01", "12-06", "12-08", "12-25"],
  },
  {
    country: "SE",
    region: null,
    source:
      "Lag (1989:253) om allmänna helgdagar, 1 §; Midsummer Eve and Christmas Eve as customary days off (Semesterlagen praxis)",
    rules: [
      "01-01",
      "01-06",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      ASCENSION,
      "06-06",
      "06-19+5",
      "12-24",
      ...CHRISTMAS,
      "12-31",
    ],
  },

  // ---- Other covered countries: national calendars not in official-calendars.ts ----
  {
    country: "CA",
    region: null,
    source:
      "Canada Labour Code, s. 166 'general holiday' (federally regulated employers, telecommunications among them), with s. 195 moving a holiday on a day off to the next working day",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      "05-18+1",
      "07-01>",
      "09-01+1",
      "09-30",
      "10-08+1",
      "11-11",
      "12-25",
      "12-26",
      "2027-12-27",
      "2027-12-28",
      "2026-12-28",
    ],
  },
  {
    country: "AU",
    region: null,
    source: "Fair Work Act 2009 (Cth), s. 114(1): the national public holidays",
    rules: ["01-01", "01-26", GOOD_FRIDAY, EASTER_MONDAY, "04-25", ...CHRISTMAS],
  },

  // ---- Canada: provinces and territories other than ON and QC (those are in official-calendars.ts) ----
  {
    country: "CA",
    region: "CA-AB",
    source: "Alberta Employment Standards Code, s. 25 'general holidays'",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "05-18+1", "07-01>", "09-01+1", "10-08+1", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-BC",
    source: "British Columbia Employment Standards Act, s. 1(1) 'statutory holiday' (NDTR added 2023)",
    rules: [
      "01-01",
      "02-15+1",
      GOOD_FRIDAY,
      "05-18+1",
      "07-01>",
      "08-01+1",
      "09-01+1",
      "09-30",
      "10-08+1",
      "11-11",
      "12-25",
    ],
  },
  {
    country: "CA",
    region: "CA-MB",
    source: "Manitoba Employment Standards Code, s. 21 'general holiday' (Louis Riel Day)",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "05-18+1", "07-01>", "09-01+1", "10-08+1", "12-25"],
  },
  {
    country: "CA",
    region: "CA-NB",
    source: "New Brunswick Employment Standards Act, s. 17 'public holidays' (Family Day from 2018)",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "07-01>", "08-01+1", "09-01+1", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-NL",
    source: "Newfoundland and Labrador Labour Standards Act, s. 14 'public holidays'",
    rules: ["01-01", GOOD_FRIDAY, "07-01", "09-01+1", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-NS",
    source: "Nova Scotia Labour Standards Code, s. 39 'paid holidays' (Heritage Day); Remembrance Day Act",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "07-01>", "09-01+1", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-NT",
    source: "Northwest Territories Employment Standards Act, s. 1 'statutory holiday' (NDTR added 2022)",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      "05-18+1",
      "06-21",
      "07-01>",
      "08-01+1",
      "09-01+1",
      "09-30",
      "10-08+1",
      "11-11",
      "12-25",
    ],
  },
  {
    country: "CA",
    region: "CA-NU",
    source: "Nunavut Labour Standards Act, s. 1 'general holiday' (Nunavut Day; NDTR added 2022)",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      "05-18+1",
      "07-01>",
      "07-09",
      "08-01+1",
      "09-01+1",
      "09-30",
      "10-08+1",
      "11-11",
      "12-25",
      "12-26",
    ],
  },
  {
    country: "CA",
    region: "CA-PE",
    source: "Prince Edward Island Employment Standards Act, s. 1 'paid holiday' (Islander Day; NDTR added 2022)",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "07-01>", "09-01+1", "09-30", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-SK",
    source: "Saskatchewan Employment Act, s. 2-31 'public holidays'",
    rules: ["01-01", "02-15+1", GOOD_FRIDAY, "05-18+1", "07-01>", "08-01+1", "09-01+1", "10-08+1", "11-11", "12-25"],
  },
  {
    country: "CA",
    region: "CA-YT",
    source: "Yukon Employment Standards Act, s. 1 'statutory holiday' (Discovery Day; NDTR added 2023)",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      "05-18+1",
      "06-21",
      "07-01>",
      "08-15+1",
      "09-01+1",
      "09-30",
      "10-08+1",
      "11-11",
      "12-25",
    ],
  },

  // ---- Australia: states and territories other than VIC, NSW, QLD, WA (in official-calendars.ts) ----
  {
    country: "AU",
    region: "AU-ACT",
    source:
      "Holidays Act 1958 (ACT), s. 3 and sch. 1 (Reconciliation Day; substitute days for Anzac, Christmas and Boxing Day)",
    rules: [
      "01-01",
      "01-26>",
      "03-08+1",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "04-25>",
      "05-27+1",
      "06-08+1",
      "10-01+1",
      "12-25",
      "2026-12-28",
      "2027-12-27",
      "2027-12-28",
    ],
  },
  {
    country: "AU",
    region: "AU-SA",
    source:
      "Holidays Act 1910 (SA), s. 3 and sch. (Adelaide Cup Day, Proclamation Day; Christmas Eve and New Year's Eve evenings only)",
    rules: [
      "01-01",
      "01-26>",
      "03-08+1",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "2027-04-26",
      "06-08+1",
      "10-01+1",
      "12-25",
      "2026-12-28",
      "2027-12-27",
      "2027-12-28",
    ],
  },
  {
    country: "AU",
    region: "AU-TAS",
    source:
      "Statutory Holidays Act 2000 (Tas), s. 3 (Eight Hours Day; Easter Tuesday for some awards only, not counted)",
    rules: [
      "01-01",
      "01-26>",
      "03-08+1",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "04-25",
      "06-08+1",
      "12-25",
      "2026-12-28",
      "2027-12-27",
      "2027-12-28",
    ],
  },
  {
    country: "AU",
    region: "AU-NT",
    source:
      "Public Holidays Act 1981 (NT), s. 4 and sch. (May Day, Picnic Day; Christmas Eve and New Year's Eve evenings only)",
    rules: [
      "01-01",
      "01-26>",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "04-25",
      "2027-04-26",
      "05-01+1",
      "06-08+1",
      "08-01+1",
      "12-25",
      "2026-12-28",
      "2027-12-27",
      "2027-12-28",
    ],
  },

  // ---- Regions whose statutory public holidays are the national ones ----
  ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((state) => ({
    country: "AT",
    region: `AT-${state}`,
    source: "Arbeitsruhegesetz (ARG) § 7 Abs. 2: one list for all Länder (patron saints' days are not public holidays)",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "05-01",
      ASCENSION,
      WHIT_MONDAY,
      CORPUS_CHRISTI,
      "08-15",
      "10-26",
      "11-01",
      "12-08",
      ...CHRISTMAS,
    ],
  })),
  ...["BRU", "DE", "VLG", "WAL"].map((state) => ({
    country: "BE",
    region: `BE-${state}`,
    source:
      "Loi du 4 janvier 1974 relative aux jours fériés: one list for the whole country (community days are not public holidays)",
    rules: ["01-01", EASTER_MONDAY, "05-01", ASCENSION, WHIT_MONDAY, "07-21", "08-15", "11-01", "11-11", "12-25"],
  })),
  ...["GR", "NH", "ZH"].map((state) => ({
    country: "NL",
    region: `NL-${state}`,
    source: "Algemene termijnenwet, art. 3: one list for the whole country",
    rules: ["01-01", EASTER_MONDAY, "04-27", "05-05", ASCENSION, WHIT_MONDAY, ...CHRISTMAS],
  })),
  ...["17", "19"].map((state) => ({
    country: "HR",
    region: `HR-${state}`,
    source: "Zakon o blagdanima (NN 110/2019): one list for the whole country",
    rules: [
      "01-01",
      "01-06",
      EASTER_MONDAY,
      "05-01",
      "05-30",
      CORPUS_CHRISTI,
      "06-22",
      "08-05",
      "08-15",
      "11-01",
      "11-18",
      ...CHRISTMAS,
    ],
  })),
  {
    country: "GB",
    region: null,
    source:
      "Banking and Financial Dealings Act 1971, sch. 1: the bank holidays common to England and Wales, Scotland and Northern Ireland (gov.uk/bank-holidays), with their substitute days",
    rules: ["01-01", GOOD_FRIDAY, "05-01+1", "05-25+1", "12-25", "2026-12-28", "2027-12-27", "2027-12-28"],
  },
  // France: Alsace-Moselle (Code du travail, art. L3134-13: Good Friday where there is a Protestant
  // church, and 26 December) and the overseas days commemorating the abolition of slavery (loi
  // n° 83-550 and décret n° 83-1003, as amended).
  ...["57", "67", "68"].map((department) => ({
    country: "FR",
    region: `FR-${department}`,
    source: "Code du travail, art. L3133-1 and L3134-13 (Alsace-Moselle: Good Friday and 26 December)",
    rules: [
      "01-01",
      GOOD_FRIDAY,
      EASTER_MONDAY,
      "05-01",
      "05-08",
      ASCENSION,
      WHIT_MONDAY,
      "07-14",
      "08-15",
      "11-01",
      "11-11",
      ...CHRISTMAS,
    ],
  })),
  ...(
    [
      ["GP", "05-27"],
      ["MQ", "05-22"],
      ["GF", "06-10"],
      ["RE", "12-20"],
      ["YT", "04-27"],
      ["BL", "10-09"],
    ] as const
  ).map(([region, abolition]) => ({
    country: "FR",
    region: `FR-${region}`,
    source:
      "Code du travail, art. L3133-1, and décret n° 83-1003 as amended (abolition of slavery day of each overseas territory)",
    rules: [
      "01-01",
      EASTER_MONDAY,
      "05-01",
      "05-08",
      ASCENSION,
      WHIT_MONDAY,
      "07-14",
      "08-15",
      "11-01",
      "11-11",
      "12-25",
      abolition,
    ],
  })),

  // ---- Spain: Cantabria (the regional day the library had on the wrong date) ----
  {
    country: "ES",
    region: "ES-CB",
    source:
      "Cantabria's labour calendars (Boletín Oficial de Cantabria) for 2026 and 2027 on top of the national days: Holy Thursday, 28 July (Día de las Instituciones), 15 September (La Bien Aparecida)",
    rules: [
      "01-01",
      "01-06",
      "E-3",
      GOOD_FRIDAY,
      "05-01",
      "07-28",
      "08-15",
      "09-15",
      "10-12",
      "11-01",
      "12-06",
      "12-08",
      "12-25",
    ],
  },
];
