/**
 * Official public-holiday calendars for 2026 and 2027, typed in from the publishing authority.
 * Each list holds the dates as the authority lists them (a holiday on a weekend appears when the
 * authority lists it); `notes` say what was left out and why.
 */

export interface OfficialCalendar {
  country: string;
  region: string | null;
  year: number;
  source: string;
  /** [date, name as the authority writes it] */
  holidays: ReadonlyArray<readonly [string, string]>;
  notes?: string;
}

// --- United Kingdom: https://www.gov.uk/bank-holidays (Banking and Financial Dealings Act 1971,
// Schedule 1, and the Royal Proclamations of substitute days). England and Wales share a list.
const GOV_UK = "https://www.gov.uk/bank-holidays";
const englandAndWales2026: OfficialCalendar["holidays"] = [
  ["2026-01-01", "New Year’s Day"], ["2026-04-03", "Good Friday"], ["2026-04-06", "Easter Monday"],
  ["2026-05-04", "Early May bank holiday"], ["2026-05-25", "Spring bank holiday"], ["2026-08-31", "Summer bank holiday"],
  ["2026-12-25", "Christmas Day"], ["2026-12-28", "Boxing Day (substitute day)"],
];
const englandAndWales2027: OfficialCalendar["holidays"] = [
  ["2027-01-01", "New Year’s Day"], ["2027-03-26", "Good Friday"], ["2027-03-29", "Easter Monday"],
  ["2027-05-03", "Early May bank holiday"], ["2027-05-31", "Spring bank holiday"], ["2027-08-30", "Summer bank holiday"],
  ["2027-12-27", "Christmas Day (substitute day)"], ["2027-12-28", "Boxing Day (substitute day)"],
];

// --- Ireland: https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/
// (Organisation of Working Time Act 1997, Schedule 2, as amended for St Brigid's Day from 2023:
// the first Monday in February, or 1 February when that is a Friday). Good Friday is not a
// public holiday; there are no substitute days when a holiday falls on a weekend.
const CITIZENS_INFO = "https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/";

// --- Germany: Bundesministerium des Innern, "Gesetzliche Feiertage"
// https://www.bmi.bund.de/DE/themen/verfassung/staatliche-symbole/nationale-feiertage/nationale-feiertage-node.html
// and the Länder statutes: Bayern Feiertagsgesetz (FTG) Art. 1; Berlin Gesetz über die Sonn- und
// Feiertage § 1; Sachsen SächsSFG § 1; Nordrhein-Westfalen FTG NW § 2; Thüringen ThürFtG § 2.
const BMI = "https://www.bmi.bund.de/DE/themen/verfassung/staatliche-symbole/nationale-feiertage/nationale-feiertage-node.html";

// --- Australia: the states' own pages.
const VIC = "https://business.vic.gov.au/business-information/public-holidays";
const NSW = "https://www.nsw.gov.au/about-nsw/public-holidays";
const QLD = "https://www.qld.gov.au/recreation/travel/holidays/public";
const WA = "https://www.commerce.wa.gov.au/labour-relations/public-holidays-western-australia";

// --- Brazil: national holidays by federal law — Lei 662/1949 as amended by Lei 10.607/2002
// (1 Jan, 21 Apr, 1 May, 7 Sep, 2 Nov, 15 Nov, 25 Dec), Lei 6.802/1980 (12 Oct), Lei 14.759/2023
// (20 Nov); Good Friday as the religious holiday of Lei 9.093/1995, kept in every capital.
// https://www.planalto.gov.br/ccivil_03/leis/l0662.htm ,
// https://www.planalto.gov.br/ccivil_03/_ato2023-2026/2023/lei/l14759.htm
// Carnival and Corpus Christi are "pontos facultativos" (optional) federally. Election Sundays
// (Lei 4.737/1965 art. 380) are left out: Sundays either way.
const PLANALTO = "https://www.planalto.gov.br/ccivil_03/leis/l0662.htm";
const brazil2026: OfficialCalendar["holidays"] = [
  ["2026-01-01", "Confraternização Universal"], ["2026-04-03", "Paixão de Cristo"], ["2026-04-21", "Tiradentes"],
  ["2026-05-01", "Dia do Trabalho"], ["2026-09-07", "Independência do Brasil"], ["2026-10-12", "Nossa Senhora Aparecida"],
  ["2026-11-02", "Finados"], ["2026-11-15", "Proclamação da República"], ["2026-11-20", "Dia Nacional de Zumbi e da Consciência Negra"],
  ["2026-12-25", "Natal"],
];
const brazil2027: OfficialCalendar["holidays"] = [
  ["2027-01-01", "Confraternização Universal"], ["2027-03-26", "Paixão de Cristo"], ["2027-04-21", "Tiradentes"],
  ["2027-05-01", "Dia do Trabalho"], ["2027-09-07", "Independência do Brasil"], ["2027-10-12", "Nossa Senhora Aparecida"],
  ["2027-11-02", "Finados"], ["2027-11-15", "Proclamação da República"], ["2027-11-20", "Dia Nacional de Zumbi e da Consciência Negra"],
  ["2027-12-25", "Natal"],
];

// --- Canada: Ontario Employment Standards Act, 2000 — https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays
// Québec Act respecting labour standards s. 60 and the National Holiday Act — https://www.cnesst.gouv.qc.ca/en/working-conditions/leave/statutory-holidays
const ONTARIO = "https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays";
const CNESST = "https://www.cnesst.gouv.qc.ca/en/working-conditions/leave/statutory-holidays";

// --- United States: federal holidays, 5 U.S.C. 6103 — https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/
const OPM = "https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/";

export const OFFICIAL_CALENDARS: readonly OfficialCalendar[] = [
  { country: "GB", region: "GB-ENG", year: 2026, source: GOV_UK, holidays: englandAndWales2026 },
  { country: "GB", region: "GB-ENG", year: 2027, source: GOV_UK, holidays: englandAndWales2027 },
  { country: "GB", region: "GB-WLS", year: 2026, source: GOV_UK, holidays: englandAndWales2026 },
  { country: "GB", region: "GB-WLS", year: 2027, source: GOV_UK, holidays: englandAndWales2027 },
  {
    country: "GB", region: "GB-SCT", year: 2026, source: GOV_UK,
    holidays: [
      ["2026-01-01", "New Year’s Day"], ["2026-01-02", "2nd January"], ["2026-04-03", "Good Friday"],
      ["2026-05-04", "Early May bank holiday"], ["2026-05-25", "Spring bank holiday"], ["2026-08-03", "Summer bank holiday"],
      ["2026-11-30", "St Andrew’s Day"], ["2026-12-25", "Christmas Day"], ["2026-12-28", "Boxing Day (substitute day)"],
    ],
  },
  {
    country: "GB", region: "GB-SCT", year: 2027, source: GOV_UK,
    holidays: [
      ["2027-01-01", "New Year’s Day"], ["2027-01-04", "2nd January (substitute day)"], ["2027-03-26", "Good Friday"],
      ["2027-05-03", "Early May bank holiday"], ["2027-05-31", "Spring bank holiday"], ["2027-08-02", "Summer bank holiday"],
      ["2027-11-30", "St Andrew’s Day"], ["2027-12-27", "Christmas Day (substitute day)"], ["2027-12-28", "Boxing Day (substitute day)"],
    ],
  },
  {
    country: "GB", region: "GB-NIR", year: 2026, source: GOV_UK,
    holidays: [
      ["2026-01-01", "New Year’s Day"], ["2026-03-17", "St Patrick’s Day"], ["2026-04-03", "Good Friday"],
      ["2026-04-06", "Easter Monday"], ["2026-05-04", "Early May bank holiday"], ["2026-05-25", "Spring bank holiday"],
      ["2026-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"], ["2026-08-31", "Summer bank holiday"],
      ["2026-12-25", "Christmas Day"], ["2026-12-28", "Boxing Day (substitute day)"],
    ],
  },
  {
    country: "GB", region: "GB-NIR", year: 2027, source: GOV_UK,
    holidays: [
      ["2027-01-01", "New Year’s Day"], ["2027-03-17", "St Patrick’s Day"], ["2027-03-26", "Good Friday"],
      ["2027-03-29", "Easter Monday"], ["2027-05-03", "Early May bank holiday"], ["2027-05-31", "Spring bank holiday"],
      ["2027-07-12", "Battle of the Boyne (Orangemen’s Day)"], ["2027-08-30", "Summer bank holiday"],
      ["2027-12-27", "Christmas Day (substitute day)"], ["2027-12-28", "Boxing Day (substitute day)"],
    ],
  },
  {
    country: "IE", region: null, year: 2026, source: CITIZENS_INFO,
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-02-02", "St Brigid's Day"], ["2026-03-17", "St Patrick's Day"],
      ["2026-04-06", "Easter Monday"], ["2026-05-04", "May Day"], ["2026-06-01", "June Bank Holiday"],
      ["2026-08-03", "August Bank Holiday"], ["2026-10-26", "October Bank Holiday"], ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "St Stephen's Day"],
    ],
  },
  {
    country: "IE", region: null, year: 2027, source: CITIZENS_INFO,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-02-01", "St Brigid's Day"], ["2027-03-17", "St Patrick's Day"],
      ["2027-03-29", "Easter Monday"], ["2027-05-03", "May Day"], ["2027-06-07", "June Bank Holiday"],
      ["2027-08-02", "August Bank Holiday"], ["2027-10-25", "October Bank Holiday"], ["2027-12-25", "Christmas Day"],
      ["2027-12-26", "St Stephen's Day"],
    ],
  },
  {
    country: "DE", region: "DE-BY", year: 2026, source: BMI,
    notes: "Mariä Himmelfahrt (15 Aug) is a holiday only in Bavarian communities with a mainly Catholic population (FTG Art. 1(1) Nr. 2), so not state-wide; it is a Saturday in 2026 and a Sunday in 2027 anyway.",
    holidays: [
      ["2026-01-01", "Neujahr"], ["2026-01-06", "Heilige Drei Könige"], ["2026-04-03", "Karfreitag"], ["2026-04-06", "Ostermontag"],
      ["2026-05-01", "Tag der Arbeit"], ["2026-05-14", "Christi Himmelfahrt"], ["2026-05-25", "Pfingstmontag"],
      ["2026-06-04", "Fronleichnam"], ["2026-10-03", "Tag der Deutschen Einheit"], ["2026-11-01", "Allerheiligen"],
      ["2026-12-25", "1. Weihnachtstag"], ["2026-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-BY", year: 2027, source: BMI,
    holidays: [
      ["2027-01-01", "Neujahr"], ["2027-01-06", "Heilige Drei Könige"], ["2027-03-26", "Karfreitag"], ["2027-03-29", "Ostermontag"],
      ["2027-05-01", "Tag der Arbeit"], ["2027-05-06", "Christi Himmelfahrt"], ["2027-05-17", "Pfingstmontag"],
      ["2027-05-27", "Fronleichnam"], ["2027-10-03", "Tag der Deutschen Einheit"], ["2027-11-01", "Allerheiligen"],
      ["2027-12-25", "1. Weihnachtstag"], ["2027-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-BE", year: 2026, source: BMI,
    holidays: [
      ["2026-01-01", "Neujahr"], ["2026-03-08", "Internationaler Frauentag"], ["2026-04-03", "Karfreitag"],
      ["2026-04-06", "Ostermontag"], ["2026-05-01", "Tag der Arbeit"], ["2026-05-14", "Christi Himmelfahrt"],
      ["2026-05-25", "Pfingstmontag"], ["2026-10-03", "Tag der Deutschen Einheit"], ["2026-12-25", "1. Weihnachtstag"],
      ["2026-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-BE", year: 2027, source: BMI,
    holidays: [
      ["2027-01-01", "Neujahr"], ["2027-03-08", "Internationaler Frauentag"], ["2027-03-26", "Karfreitag"],
      ["2027-03-29", "Ostermontag"], ["2027-05-01", "Tag der Arbeit"], ["2027-05-06", "Christi Himmelfahrt"],
      ["2027-05-17", "Pfingstmontag"], ["2027-10-03", "Tag der Deutschen Einheit"], ["2027-12-25", "1. Weihnachtstag"],
      ["2027-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-SN", year: 2026, source: BMI,
    notes: "Fronleichnam is a holiday only in some Sorbian Catholic communities of Saxony, not state-wide.",
    holidays: [
      ["2026-01-01", "Neujahr"], ["2026-04-03", "Karfreitag"], ["2026-04-06", "Ostermontag"], ["2026-05-01", "Tag der Arbeit"],
      ["2026-05-14", "Christi Himmelfahrt"], ["2026-05-25", "Pfingstmontag"], ["2026-10-03", "Tag der Deutschen Einheit"],
      ["2026-10-31", "Reformationstag"], ["2026-11-18", "Buß- und Bettag"], ["2026-12-25", "1. Weihnachtstag"],
      ["2026-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-SN", year: 2027, source: BMI,
    holidays: [
      ["2027-01-01", "Neujahr"], ["2027-03-26", "Karfreitag"], ["2027-03-29", "Ostermontag"], ["2027-05-01", "Tag der Arbeit"],
      ["2027-05-06", "Christi Himmelfahrt"], ["2027-05-17", "Pfingstmontag"], ["2027-10-03", "Tag der Deutschen Einheit"],
      ["2027-10-31", "Reformationstag"], ["2027-11-17", "Buß- und Bettag"], ["2027-12-25", "1. Weihnachtstag"],
      ["2027-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-NW", year: 2026, source: BMI,
    holidays: [
      ["2026-01-01", "Neujahr"], ["2026-04-03", "Karfreitag"], ["2026-04-06", "Ostermontag"], ["2026-05-01", "Tag der Arbeit"],
      ["2026-05-14", "Christi Himmelfahrt"], ["2026-05-25", "Pfingstmontag"], ["2026-06-04", "Fronleichnam"],
      ["2026-10-03", "Tag der Deutschen Einheit"], ["2026-11-01", "Allerheiligen"], ["2026-12-25", "1. Weihnachtstag"],
      ["2026-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "DE", region: "DE-TH", year: 2027, source: BMI,
    holidays: [
      ["2027-01-01", "Neujahr"], ["2027-03-26", "Karfreitag"], ["2027-03-29", "Ostermontag"], ["2027-05-01", "Tag der Arbeit"],
      ["2027-05-06", "Christi Himmelfahrt"], ["2027-05-17", "Pfingstmontag"], ["2027-09-20", "Weltkindertag"],
      ["2027-10-03", "Tag der Deutschen Einheit"], ["2027-10-31", "Reformationstag"], ["2027-12-25", "1. Weihnachtstag"],
      ["2027-12-26", "2. Weihnachtstag"],
    ],
  },
  {
    country: "AU", region: "AU-VIC", year: 2026, source: VIC,
    notes: "Public Holidays Act 1993 (Vic). The Friday before the AFL Grand Final is subject to the AFL's confirmation of the Grand Final date.",
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-01-26", "Australia Day"], ["2026-03-09", "Labour Day"], ["2026-04-03", "Good Friday"],
      ["2026-04-04", "Saturday before Easter Sunday"], ["2026-04-05", "Easter Sunday"], ["2026-04-06", "Easter Monday"],
      ["2026-04-25", "ANZAC Day"], ["2026-06-08", "King's Birthday"], ["2026-09-25", "Friday before the AFL Grand Final"],
      ["2026-11-03", "Melbourne Cup"], ["2026-12-25", "Christmas Day"], ["2026-12-26", "Boxing Day"],
      ["2026-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-VIC", year: 2027, source: VIC,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-01-26", "Australia Day"], ["2027-03-08", "Labour Day"], ["2027-03-26", "Good Friday"],
      ["2027-03-27", "Saturday before Easter Sunday"], ["2027-03-28", "Easter Sunday"], ["2027-03-29", "Easter Monday"],
      ["2027-04-25", "ANZAC Day"], ["2027-06-14", "King's Birthday"], ["2027-09-24", "Friday before the AFL Grand Final"],
      ["2027-11-02", "Melbourne Cup"], ["2027-12-25", "Christmas Day"], ["2027-12-26", "Boxing Day"],
      ["2027-12-27", "Christmas Day (additional day)"], ["2027-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-NSW", year: 2026, source: NSW,
    notes: "Public Holidays Act 2010 (NSW); the Monday after a weekend Anzac Day in 2026 and 2027 was added by the NSW Government in February 2026. The Bank Holiday (first Monday in August) applies to banks only.",
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-01-26", "Australia Day"], ["2026-04-03", "Good Friday"], ["2026-04-04", "Easter Saturday"],
      ["2026-04-05", "Easter Sunday"], ["2026-04-06", "Easter Monday"], ["2026-04-25", "Anzac Day"],
      ["2026-04-27", "Anzac Day (additional day)"], ["2026-06-08", "King's Birthday"], ["2026-10-05", "Labour Day"],
      ["2026-12-25", "Christmas Day"], ["2026-12-26", "Boxing Day"], ["2026-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-NSW", year: 2027, source: NSW,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-01-26", "Australia Day"], ["2027-03-26", "Good Friday"], ["2027-03-27", "Easter Saturday"],
      ["2027-03-28", "Easter Sunday"], ["2027-03-29", "Easter Monday"], ["2027-04-25", "Anzac Day"],
      ["2027-04-26", "Anzac Day (additional day)"], ["2027-06-14", "King's Birthday"], ["2027-10-04", "Labour Day"],
      ["2027-12-25", "Christmas Day"], ["2027-12-26", "Boxing Day"], ["2027-12-27", "Christmas Day (additional day)"],
      ["2027-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-QLD", year: 2026, source: QLD,
    notes: "Holidays Act 1983 (Qld). Christmas Eve 6pm–midnight is a part-day holiday (does not take the day); the Royal Queensland Show day applies to the Brisbane area only.",
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-01-26", "Australia Day"], ["2026-04-03", "Good Friday"],
      ["2026-04-04", "The day after Good Friday"], ["2026-04-05", "Easter Sunday"], ["2026-04-06", "Easter Monday"],
      ["2026-04-25", "Anzac Day"], ["2026-05-04", "Labour Day"], ["2026-10-05", "King's Birthday"],
      ["2026-12-25", "Christmas Day"], ["2026-12-26", "Boxing Day"], ["2026-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-QLD", year: 2027, source: QLD,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-01-26", "Australia Day"], ["2027-03-26", "Good Friday"],
      ["2027-03-27", "The day after Good Friday"], ["2027-03-28", "Easter Sunday"], ["2027-03-29", "Easter Monday"],
      ["2027-04-26", "Anzac Day (Monday, as 25 April is a Sunday)"], ["2027-05-03", "Labour Day"], ["2027-10-04", "King's Birthday"],
      ["2027-12-25", "Christmas Day"], ["2027-12-26", "Boxing Day"], ["2027-12-27", "Christmas Day (additional day)"],
      ["2027-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-WA", year: 2026, source: WA,
    notes: "Public and Bank Holidays Act 1972 (WA); the King's Birthday date is proclaimed each year.",
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-01-26", "Australia Day"], ["2026-03-02", "Labour Day"], ["2026-04-03", "Good Friday"],
      ["2026-04-05", "Easter Sunday"], ["2026-04-06", "Easter Monday"], ["2026-04-25", "Anzac Day"], ["2026-04-27", "Anzac Day (additional day)"],
      ["2026-06-01", "Western Australia Day"], ["2026-09-28", "King's Birthday"], ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"], ["2026-12-28", "Boxing Day (additional day)"],
    ],
  },
  {
    country: "AU", region: "AU-WA", year: 2027, source: WA,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-01-26", "Australia Day"], ["2027-03-01", "Labour Day"], ["2027-03-26", "Good Friday"],
      ["2027-03-28", "Easter Sunday"], ["2027-03-29", "Easter Monday"], ["2027-04-25", "Anzac Day"], ["2027-04-26", "Anzac Day (additional day)"],
      ["2027-06-07", "Western Australia Day"], ["2027-09-27", "King's Birthday"], ["2027-12-25", "Christmas Day"],
      ["2027-12-26", "Boxing Day"], ["2027-12-27", "Christmas Day (additional day)"], ["2027-12-28", "Boxing Day (additional day)"],
    ],
  },
  { country: "BR", region: null, year: 2026, source: PLANALTO, holidays: brazil2026 },
  { country: "BR", region: null, year: 2027, source: PLANALTO, holidays: brazil2027 },
  {
    // São Paulo state: Lei estadual 9.497/1997 (9 de julho).
    country: "BR", region: "BR-SP", year: 2026, source: "https://www.al.sp.gov.br/repositorio/legislacao/lei/1997/lei-9497-05.03.1997.html",
    holidays: [...brazil2026, ["2026-07-09", "Revolução Constitucionalista"]],
  },
  {
    country: "BR", region: "BR-SP", year: 2027, source: "https://www.al.sp.gov.br/repositorio/legislacao/lei/1997/lei-9497-05.03.1997.html",
    holidays: [...brazil2027, ["2027-07-09", "Revolução Constitucionalista"]],
  },
  {
    // Rio de Janeiro state: Lei estadual 5.243/2008 (terça-feira de Carnaval), Lei 5.198/2008 (São Jorge),
    // Lei 4.007/2002 (Zumbi, 20 Nov). Source: ALERJ, http://alerjln1.alerj.rj.gov.br/contlei.nsf
    country: "BR", region: "BR-RJ", year: 2026, source: "http://alerjln1.alerj.rj.gov.br/contlei.nsf",
    holidays: [...brazil2026, ["2026-02-17", "Carnaval (terça-feira)"], ["2026-04-23", "Dia de São Jorge"]],
  },
  {
    country: "BR", region: "BR-RJ", year: 2027, source: "http://alerjln1.alerj.rj.gov.br/contlei.nsf",
    holidays: [...brazil2027, ["2027-02-09", "Carnaval (terça-feira)"], ["2027-04-23", "Dia de São Jorge"]],
  },
  {
    country: "CA", region: "CA-ON", year: 2026, source: ONTARIO,
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-02-16", "Family Day"], ["2026-04-03", "Good Friday"], ["2026-05-18", "Victoria Day"],
      ["2026-07-01", "Canada Day"], ["2026-09-07", "Labour Day"], ["2026-10-12", "Thanksgiving Day"], ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
    ],
  },
  {
    country: "CA", region: "CA-ON", year: 2027, source: ONTARIO,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-02-15", "Family Day"], ["2027-03-26", "Good Friday"], ["2027-05-24", "Victoria Day"],
      ["2027-07-01", "Canada Day"], ["2027-09-06", "Labour Day"], ["2027-10-11", "Thanksgiving Day"], ["2027-12-25", "Christmas Day"],
      ["2027-12-26", "Boxing Day"],
    ],
  },
  {
    country: "CA", region: "CA-QC", year: 2026, source: CNESST,
    notes: "Good Friday or Easter Monday at the employer's option: Good Friday is the one counted.",
    holidays: [
      ["2026-01-01", "New Year's Day"], ["2026-04-03", "Good Friday"], ["2026-05-18", "National Patriots' Day"],
      ["2026-06-24", "Fête nationale"], ["2026-07-01", "Canada Day"], ["2026-09-07", "Labour Day"], ["2026-10-12", "Thanksgiving"],
      ["2026-12-25", "Christmas Day"],
    ],
  },
  {
    country: "CA", region: "CA-QC", year: 2027, source: CNESST,
    holidays: [
      ["2027-01-01", "New Year's Day"], ["2027-03-26", "Good Friday"], ["2027-05-24", "National Patriots' Day"],
      ["2027-06-24", "Fête nationale"], ["2027-07-01", "Canada Day"], ["2027-09-06", "Labour Day"], ["2027-10-11", "Thanksgiving"],
      ["2027-12-25", "Christmas Day"],
    ],
  },
  {
    country: "US", region: null, year: 2026, source: OPM,
    holidays: [
      ["2026-01-01", "New Year’s Day"], ["2026-01-19", "Birthday of Martin Luther King, Jr."], ["2026-02-16", "Washington’s Birthday"],
      ["2026-05-25", "Memorial Day"], ["2026-06-19", "Juneteenth National Independence Day"], ["2026-07-03", "Independence Day (observed)"],
      ["2026-09-07", "Labor Day"], ["2026-10-12", "Columbus Day"], ["2026-11-11", "Veterans Day"], ["2026-11-26", "Thanksgiving Day"],
      ["2026-12-25", "Christmas Day"],
    ],
  },
  {
    country: "US", region: null, year: 2027, source: OPM,
    holidays: [
      ["2027-01-01", "New Year’s Day"], ["2027-01-18", "Birthday of Martin Luther King, Jr."], ["2027-02-15", "Washington’s Birthday"],
      ["2027-05-31", "Memorial Day"], ["2027-06-18", "Juneteenth National Independence Day (observed)"],
      ["2027-07-05", "Independence Day (observed)"], ["2027-09-06", "Labor Day"], ["2027-10-11", "Columbus Day"],
      ["2027-11-11", "Veterans Day"], ["2027-11-25", "Thanksgiving Day"], ["2027-12-24", "Christmas Day (observed)"],
      ["2027-12-31", "New Year’s Day 2028 (observed)"],
    ],
  },
];
