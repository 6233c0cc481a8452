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
 * that takes the whole day, with this name; `working` makes a Saturday or Sunday a working day
 * (a business day), as governments do when they swap a bridge day for a weekend day.
 *
 * `names` gives the day's name in the languages customers read (en, de, fr, nl, pt): the holiday
 * names in notices and in `GET /v1/porting/deadline?locale=` come from here for overridden days.
 */

export interface HolidayOverride {
  country: string;
  region: string | null;
  date: string;
  action: "add" | "remove" | "working";
  /** English name. */
  name: string;
  /** The name by language (ISO 639-1), for the languages the notices are written in. */
  names: Readonly<Record<string, string>>;
  source: string;
}

type Names = Readonly<{ en: string; de: string; fr: string; nl: string; pt: string }>;

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

const HU_2026 =
  "Hungary, 10/2025. (IV. 30.) NGM rendelet a 2026. évi munkaszüneti napok körüli munkarendről, § 2: " +
  "2 January, 21 August and 24 December 2026 are rest days; Saturdays 10 January, 8 August and 12 December " +
  "2026 are working days (Magyar Közlöny 2025/51)";

const LV_2026 =
  "Latvia, Cabinet of Ministers order 'Par darba dienu pārcelšanu 2026. gadā': the working days of Friday " +
  "2 January and Monday 22 June 2026 are moved to Saturdays 17 January and 27 June 2026 (binding on " +
  "state-budget institutions, recommended to every employer)";

const CA_NDTR: Readonly<Record<string, string>> = {
  "CA-BC":
    "British Columbia Employment Standards Act, s. 1(1) 'statutory holiday', as amended in 2023: National Day " +
    "for Truth and Reconciliation (30 September) is a statutory holiday",
  "CA-PE":
    "Prince Edward Island Employment Standards Act, s. 1 'paid holiday', as amended in 2022: National Day for " +
    "Truth and Reconciliation (30 September) is a paid holiday",
  "CA-NT":
    "Northwest Territories Employment Standards Act, s. 1 'statutory holiday', as amended in 2022: National Day " +
    "for Truth and Reconciliation (30 September) is a statutory holiday",
  "CA-NU":
    "Nunavut Labour Standards Act, s. 1 'general holiday', as amended in 2022: National Day for Truth and " +
    "Reconciliation (30 September) is a general holiday",
  "CA-YT":
    "Yukon Employment Standards Act, s. 1 'statutory holiday', as amended in 2023: National Day for Truth and " +
    "Reconciliation (30 September) is a statutory holiday",
};

const PE_GOLD_CUP =
  "Prince Edward Island Employment Standards Act, s. 1 'paid holiday': Gold Cup Parade Day (third Friday in " +
  "August) is not a paid holiday (a civic holiday of Charlottetown and the provincial public service only); " +
  "date-holidays counts it province-wide";

const NU_NUNAVUT_DAY =
  "Nunavut Labour Standards Act, s. 1 'general holiday': Nunavut Day (9 July) is a general holiday; " +
  "date-holidays types it as a bank holiday only";

const ES_CB_INSTITUCIONES =
  "Cantabria: the Día de las Instituciones de Cantabria is 28 July (the founding of the Provincia de Cantabria " +
  "on 28 July 1778), the regional holiday in the Cantabrian labour calendars (Boletín Oficial de Cantabria); " +
  "date-holidays puts it on 28 June";

const N = {
  blackAwareness: {
    en: "Black Awareness Day",
    de: "Tag des Schwarzen Bewusstseins",
    fr: "Journée de la conscience noire",
    nl: "Dag van het Zwarte Bewustzijn",
    pt: "Dia Nacional de Zumbi e da Consciência Negra",
  },
  easterMonday: {
    en: "Easter Monday",
    de: "Ostermontag",
    fr: "Lundi de Pâques",
    nl: "Tweede paasdag",
    pt: "Segunda-feira de Páscoa",
  },
  cleanMondayWrong: {
    en: "Clean Monday (wrong day)",
    de: "Rosenmontag der Orthodoxen (falscher Tag)",
    fr: "Lundi pur (mauvais jour)",
    nl: "Schone Maandag (verkeerde dag)",
    pt: "Segunda-feira Limpa (dia errado)",
  },
  greenMonday: {
    en: "Green Monday",
    de: "Grüner Montag (Kathara Deftera)",
    fr: "Lundi vert (Kathara Deftera)",
    nl: "Groene Maandag (Kathara Deftera)",
    pt: "Segunda-feira Verde (Kathara Deftera)",
  },
  kataklysmos: {
    en: "Kataklysmos (Whit Monday)",
    de: "Kataklysmos (Pfingstmontag)",
    fr: "Kataklysmos (lundi de Pentecôte)",
    nl: "Kataklysmos (Tweede pinksterdag)",
    pt: "Kataklysmos (Segunda-feira de Pentecostes)",
  },
  euroChangeover: {
    en: "Non-working day (euro changeover)",
    de: "Arbeitsfreier Tag (Euro-Umstellung)",
    fr: "Jour chômé (passage à l’euro)",
    nl: "Vrije dag (overgang op de euro)",
    pt: "Dia de folga (adoção do euro)",
  },
  slavonicMoved: {
    en: "Day of Slavonic Literature (moved from Sunday)",
    de: "Tag des slawischen Schrifttums (vom Sonntag verlegt)",
    fr: "Fête de l’écriture slave (reportée du dimanche)",
    nl: "Dag van de Slavische letterkunde (verplaatst van zondag)",
    pt: "Dia da Literatura Eslava (transferido de domingo)",
  },
  unificationMoved: {
    en: "Unification Day (moved from Sunday)",
    de: "Tag der Vereinigung (vom Sonntag verlegt)",
    fr: "Jour de l’Unification (reporté du dimanche)",
    nl: "Dag van de Eenwording (verplaatst van zondag)",
    pt: "Dia da Unificação (transferido de domingo)",
  },
  christmasSecond: {
    en: "Christmas (second day)",
    de: "Zweiter Weihnachtstag",
    fr: "Lendemain de Noël",
    nl: "Tweede kerstdag",
    pt: "Segundo dia de Natal",
  },
  christmasFromSaturday: {
    en: "Christmas (moved from Saturday)",
    de: "Weihnachten (vom Samstag verlegt)",
    fr: "Noël (reporté du samedi)",
    nl: "Kerstmis (verplaatst van zaterdag)",
    pt: "Natal (transferido de sábado)",
  },
  christmasFromSunday: {
    en: "Christmas (moved from Sunday)",
    de: "Weihnachten (vom Sonntag verlegt)",
    fr: "Noël (reporté du dimanche)",
    nl: "Kerstmis (verplaatst van zondag)",
    pt: "Natal (transferido de domingo)",
  },
  labourFromSaturday: {
    en: "Labour Day (moved from Saturday)",
    de: "Tag der Arbeit (vom Samstag verlegt)",
    fr: "Fête du Travail (reportée du samedi)",
    nl: "Dag van de Arbeid (verplaatst van zaterdag)",
    pt: "Dia do Trabalho (transferido de sábado)",
  },
  restDay: {
    en: "Rest day (bridge day)",
    de: "Arbeitsfreier Brückentag",
    fr: "Jour de repos (pont)",
    nl: "Vrije brugdag",
    pt: "Dia de descanso (ponte)",
  },
  workingSaturday: {
    en: "Working Saturday (replaces a bridge day)",
    de: "Arbeitssamstag (Ausgleich für einen Brückentag)",
    fr: "Samedi travaillé (en échange d’un pont)",
    nl: "Werkzaterdag (ter compensatie van een brugdag)",
    pt: "Sábado útil (compensa um dia de ponte)",
  },
  truthAndReconciliation: {
    en: "National Day for Truth and Reconciliation",
    de: "Nationaler Tag der Wahrheit und Versöhnung",
    fr: "Journée nationale de la vérité et de la réconciliation",
    nl: "Nationale Dag van Waarheid en Verzoening",
    pt: "Dia Nacional da Verdade e Reconciliação",
  },
  goldCup: {
    en: "Gold Cup Parade Day",
    de: "Gold-Cup-Paradetag",
    fr: "Jour du défilé de la Gold Cup",
    nl: "Gold Cup-paradedag",
    pt: "Dia do Desfile da Gold Cup",
  },
  nunavutDay: { en: "Nunavut Day", de: "Nunavut-Tag", fr: "Jour du Nunavut", nl: "Nunavutdag", pt: "Dia de Nunavut" },
  institucionesWrong: {
    en: "Day of the Institutions of Cantabria (wrong day)",
    de: "Tag der Institutionen Kantabriens (falscher Tag)",
    fr: "Jour des institutions de Cantabrie (mauvais jour)",
    nl: "Dag van de Instellingen van Cantabrië (verkeerde dag)",
    pt: "Dia das Instituições da Cantábria (dia errado)",
  },
  instituciones: {
    en: "Day of the Institutions of Cantabria",
    de: "Tag der Institutionen Kantabriens",
    fr: "Jour des institutions de Cantabrie",
    nl: "Dag van de Instellingen van Cantabrië",
    pt: "Dia das Instituições da Cantábria",
  },
} satisfies Record<string, Names>;

function entry(
  country: string,
  region: string | null,
  date: string,
  action: HolidayOverride["action"],
  names: Names,
  source: string,
): HolidayOverride {
  return { country, region, date, action, name: names.en, names, source };
}

export const HOLIDAY_OVERRIDES: readonly HolidayOverride[] = [
  // Brazil: Consciência Negra, national since 2024.
  entry("BR", null, "2026-11-20", "add", N.blackAwareness, BR_CONSCIENCIA_NEGRA),
  entry("BR", null, "2027-11-20", "add", N.blackAwareness, BR_CONSCIENCIA_NEGRA),
  entry("BR", null, "2028-11-20", "add", N.blackAwareness, BR_CONSCIENCIA_NEGRA),

  // Canada, Ontario: Easter Monday is not a public holiday.
  entry("CA", "CA-ON", "2026-04-06", "remove", N.easterMonday, ON_EASTER_MONDAY),
  entry("CA", "CA-ON", "2027-03-29", "remove", N.easterMonday, ON_EASTER_MONDAY),
  entry("CA", "CA-ON", "2028-04-17", "remove", N.easterMonday, ON_EASTER_MONDAY),

  // Canada: National Day for Truth and Reconciliation where the province or territory made it a
  // statutory holiday (date-holidays has it as an observance or not at all).
  ...["CA-BC", "CA-PE", "CA-NT", "CA-NU", "CA-YT"].flatMap((region) =>
    ["2026-09-30", "2027-09-30", "2028-09-30"].map((date) =>
      entry("CA", region, date, "add", N.truthAndReconciliation, CA_NDTR[region]!),
    ),
  ),
  // Canada, Prince Edward Island: Gold Cup Parade Day is not a paid holiday.
  entry("CA", "CA-PE", "2026-08-21", "remove", N.goldCup, PE_GOLD_CUP),
  entry("CA", "CA-PE", "2027-08-20", "remove", N.goldCup, PE_GOLD_CUP),
  entry("CA", "CA-PE", "2028-08-18", "remove", N.goldCup, PE_GOLD_CUP),
  // Canada, Nunavut: Nunavut Day.
  entry("CA", "CA-NU", "2026-07-09", "add", N.nunavutDay, NU_NUNAVUT_DAY),
  entry("CA", "CA-NU", "2027-07-09", "add", N.nunavutDay, NU_NUNAVUT_DAY),
  entry("CA", "CA-NU", "2028-07-09", "add", N.nunavutDay, NU_NUNAVUT_DAY),

  // Spain, Cantabria: the Day of the Institutions is 28 July, not 28 June.
  entry("ES", "ES-CB", "2026-06-28", "remove", N.institucionesWrong, ES_CB_INSTITUCIONES),
  entry("ES", "ES-CB", "2026-07-28", "add", N.instituciones, ES_CB_INSTITUCIONES),
  entry("ES", "ES-CB", "2027-06-28", "remove", N.institucionesWrong, ES_CB_INSTITUCIONES),
  entry("ES", "ES-CB", "2027-07-28", "add", N.instituciones, ES_CB_INSTITUCIONES),
  entry("ES", "ES-CB", "2028-06-28", "remove", N.institucionesWrong, ES_CB_INSTITUCIONES),
  entry("ES", "ES-CB", "2028-07-28", "add", N.instituciones, ES_CB_INSTITUCIONES),

  // Cyprus: Green Monday one day late; Kataklysmos missing.
  entry("CY", null, "2026-02-24", "remove", N.cleanMondayWrong, CY_GREEN_MONDAY),
  entry("CY", null, "2026-02-23", "add", N.greenMonday, CY_GREEN_MONDAY),
  entry("CY", null, "2027-03-16", "remove", N.cleanMondayWrong, CY_GREEN_MONDAY),
  entry("CY", null, "2027-03-15", "add", N.greenMonday, CY_GREEN_MONDAY),
  entry("CY", null, "2028-02-29", "remove", N.cleanMondayWrong, CY_GREEN_MONDAY),
  entry("CY", null, "2028-02-28", "add", N.greenMonday, CY_GREEN_MONDAY),
  entry("CY", null, "2026-06-01", "add", N.kataklysmos, CY_KATAKLYSMOS),
  entry("CY", null, "2027-06-21", "add", N.kataklysmos, CY_KATAKLYSMOS),
  entry("CY", null, "2028-06-05", "add", N.kataklysmos, CY_KATAKLYSMOS),

  // Bulgaria: 26 December and the moved days of the Labour Code.
  entry("BG", null, "2026-01-02", "add", N.euroChangeover, BG_EURO_CHANGEOVER),
  entry("BG", null, "2026-05-25", "add", N.slavonicMoved, BG_LABOUR_CODE),
  entry("BG", null, "2026-09-07", "add", N.unificationMoved, BG_LABOUR_CODE),
  entry("BG", null, "2026-12-26", "add", N.christmasSecond, BG_LABOUR_CODE),
  entry("BG", null, "2026-12-28", "add", N.christmasFromSaturday, BG_LABOUR_CODE),
  entry("BG", null, "2027-05-04", "add", N.labourFromSaturday, BG_LABOUR_CODE),
  entry("BG", null, "2027-12-26", "add", N.christmasSecond, BG_LABOUR_CODE),
  entry("BG", null, "2027-12-27", "add", N.christmasFromSaturday, BG_LABOUR_CODE),
  entry("BG", null, "2027-12-28", "add", N.christmasFromSunday, BG_LABOUR_CODE),

  // Hungary 2026: three bridge days off, three Saturdays worked in exchange.
  entry("HU", null, "2026-01-02", "add", N.restDay, HU_2026),
  entry("HU", null, "2026-01-10", "working", N.workingSaturday, HU_2026),
  entry("HU", null, "2026-08-21", "add", N.restDay, HU_2026),
  entry("HU", null, "2026-08-08", "working", N.workingSaturday, HU_2026),
  entry("HU", null, "2026-12-24", "add", N.restDay, HU_2026),
  entry("HU", null, "2026-12-12", "working", N.workingSaturday, HU_2026),

  // Latvia 2026: two working days moved to Saturdays.
  entry("LV", null, "2026-01-02", "add", N.restDay, LV_2026),
  entry("LV", null, "2026-01-17", "working", N.workingSaturday, LV_2026),
  entry("LV", null, "2026-06-22", "add", N.restDay, LV_2026),
  entry("LV", null, "2026-06-27", "working", N.workingSaturday, LV_2026),
];

const byCountryYear = new Map<string, HolidayOverride[]>();
for (const item of HOLIDAY_OVERRIDES) {
  const key = `${item.country}|${item.date.slice(0, 4)}`;
  const list = byCountryYear.get(key);
  if (list) list.push(item);
  else byCountryYear.set(key, [item]);
}

/** The overrides that apply to `country` (and `region`, ISO 3166-2, when given) in `year`. */
export function overridesFor(country: string, region: string | null, year: number): readonly HolidayOverride[] {
  const list = byCountryYear.get(`${country}|${year}`);
  if (!list) return [];
  return list.filter((item) => item.region === null || item.region === region);
}
