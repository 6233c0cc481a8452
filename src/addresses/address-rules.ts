/**
 * What a complete, deliverable civic address looks like in each covered country, as data:
 * which fields it must have, the form of its postal code, and the order its lines are written in.
 *
 * Sources are the national postal operators' addressing guides (named per entry) and the UPU's
 * "Postal addressing systems in member countries" (S42 annexes). Validation reads `required` and
 * `postalCode`; the web console reads `layout`; `displayLine` reads the layout's house-number
 * position and the US/CA abbreviation tables.
 */
import type { CivicFieldName } from "./civic-fields.js";

/** A country's postal-code format. Input is upper-cased and spaces/hyphens removed before use. */
export interface PostalCodeRule {
  /** The canonical form, as the postal operator prints it. */
  pattern: RegExp;
  /** A real code of the canonical form, quoted in error messages. */
  example: string;
  /** Where the canonical form puts its separator, counted in the compacted code (negative: from the end). */
  separator?: { at: number; text: string };
  /**
   * Country prefixes people write in front of the code ("D-10117", "LV-1050"). Accepted and
   * removed, then `canonicalPrefix` (if any) is put back because it is part of the code.
   */
  prefixes?: readonly string[];
  canonicalPrefix?: string;
}

/**
 * A dispatchable location names the door a responder must find (47 CFR § 9.3 "dispatchable
 * location": the validated street address plus what is needed to identify the caller's
 * location). Every covered country numbers its premises, so a house number is required; a
 * country whose addressing standard also has premises without a number says how such a
 * premises is identified instead.
 */
export interface DispatchRule {
  /** Why a house number is required here. */
  source: string;
  /** The country's accepted form for a premises that has no number; absent = none is accepted. */
  withoutNumber?: {
    /** What `houseNumber` then holds ("s/n" in Brazil), when the country writes a marker. */
    marker?: { pattern: RegExp; canonical: string };
    /** At least one of these fields must then identify the premises. */
    identifiedBy: readonly CivicFieldName[];
    /** What that field must look like, when only some values identify a premises (a milepost). */
    pattern?: RegExp;
    /** The form in words, for error messages. */
    description: string;
    source: string;
  };
}

/** One covered country's address rules. */
export interface AddressRules {
  country: string;
  /** The addressing standard the entry follows. */
  source: string;
  /** Fields an address must carry (country and city always). */
  required: readonly CivicFieldName[];
  /** Groups of which at least one field must be present (e.g. a street or an Eircode). */
  requiredOneOf: readonly (readonly CivicFieldName[])[];
  postalCode: PostalCodeRule;
  /** Form lines, top to bottom; every civic field appears exactly once. */
  layout: readonly (readonly CivicFieldName[])[];
  /** What makes an address of the country dispatchable: its house number, or the country's alternative. */
  dispatch: DispatchRule;
  /** Street-type and directional abbreviations the national address standard uses (US, CA). */
  abbreviations: Readonly<Record<string, string>>;
}

// Form lines shared by the layouts below.
const NAME = ["name"] as const;
const SUB_ADDRESS = ["building", "floor", "unit", "room", "seat"] as const;
const EXTRA = ["landmark", "placeType", "additionalInfo"] as const;
const COUNTRY = ["country"] as const;
const NUMBER_THEN_STREET = [
  "houseNumber",
  "houseNumberSuffix",
  "preDirectional",
  "street",
  "streetSuffix",
  "postDirectional",
] as const;
const STREET_THEN_NUMBER = [
  "preDirectional",
  "street",
  "streetSuffix",
  "postDirectional",
  "houseNumber",
  "houseNumberSuffix",
] as const;

type Layout = AddressRules["layout"];

/** US and Canada: "SPRINGFIELD IL 62701" (USPS Publication 28; Canada Post Addressing Guidelines). */
const NORTH_AMERICAN: Layout = [
  NAME,
  NUMBER_THEN_STREET,
  SUB_ADDRESS,
  ["district"],
  ["city", "region", "postalCode"],
  ["county"],
  EXTRA,
  COUNTRY,
];
/** Australia: the unit line comes first ("Unit 5, 12 Smith St"), then "SYDNEY NSW 2000" (AS 4590). */
const AUSTRALIAN: Layout = [
  NAME,
  SUB_ADDRESS,
  NUMBER_THEN_STREET,
  ["district"],
  ["city", "region", "postalCode"],
  ["county"],
  EXTRA,
  COUNTRY,
];
/** UK: premises, thoroughfare, dependent locality, post town, postcode on its own line. */
const BRITISH: Layout = [
  NAME,
  SUB_ADDRESS,
  NUMBER_THEN_STREET,
  ["district"],
  ["city"],
  ["county", "region"],
  ["postalCode"],
  EXTRA,
  COUNTRY,
];
/** Ireland: as the UK, the county line carries "Co. Kerry" (region), Eircode last. */
const IRISH: Layout = [
  NAME,
  SUB_ADDRESS,
  NUMBER_THEN_STREET,
  ["district"],
  ["city"],
  ["region", "county"],
  ["postalCode"],
  EXTRA,
  COUNTRY,
];
/** Most of continental Europe: "Hauptstraße 5", then "10117 Berlin". */
const CONTINENTAL: Layout = [
  NAME,
  STREET_THEN_NUMBER,
  SUB_ADDRESS,
  ["district"],
  ["postalCode", "city"],
  ["county", "region"],
  EXTRA,
  COUNTRY,
];
/** France and Luxembourg: "10 bis rue de Rivoli", then "75001 Paris" (NF Z10-011). */
const FRENCH: Layout = [
  NAME,
  SUB_ADDRESS,
  NUMBER_THEN_STREET,
  ["district"],
  ["postalCode", "city"],
  ["county", "region"],
  EXTRA,
  COUNTRY,
];
/** Italy: "Via Roma 1", then "00184 Roma RM" with the province on the city line. */
const ITALIAN: Layout = [
  NAME,
  STREET_THEN_NUMBER,
  SUB_ADDRESS,
  ["district"],
  ["postalCode", "city", "region"],
  ["county"],
  EXTRA,
  COUNTRY,
];
/** Brazil: "Rua Augusta, 100", complemento, bairro, "São Paulo - SP", CEP on its own line. */
const BRAZILIAN: Layout = [
  NAME,
  STREET_THEN_NUMBER,
  SUB_ADDRESS,
  ["district"],
  ["city", "region"],
  ["postalCode"],
  ["county"],
  EXTRA,
  COUNTRY,
];
/** Hungary: settlement first, then street, then postcode (Magyar Posta). */
const HUNGARIAN: Layout = [
  NAME,
  ["city"],
  STREET_THEN_NUMBER,
  SUB_ADDRESS,
  ["postalCode"],
  ["district"],
  ["county", "region"],
  EXTRA,
  COUNTRY,
];
/** Latvia: "Brīvības iela 1", then "Rīga, LV-1050". */
const LATVIAN: Layout = [
  NAME,
  STREET_THEN_NUMBER,
  SUB_ADDRESS,
  ["district"],
  ["city", "postalCode"],
  ["county", "region"],
  EXTRA,
  COUNTRY,
];
/** Malta: "12, Triq il-Kbira", locality, postcode on its own line (MaltaPost). */
const MALTESE: Layout = [
  NAME,
  SUB_ADDRESS,
  NUMBER_THEN_STREET,
  ["district"],
  ["city"],
  ["postalCode"],
  ["county", "region"],
  EXTRA,
  COUNTRY,
];

const STREET_AND_POSTCODE = ["street", "postalCode"] as const satisfies readonly CivicFieldName[];
const STANDARD = ["country", "city", "street", "postalCode"] as const satisfies readonly CivicFieldName[];
const STANDARD_WITH_REGION = [
  "country",
  "region",
  "city",
  "street",
  "postalCode",
] as const satisfies readonly CivicFieldName[];

/** USPS Publication 28: directionals, and street suffixes (Appendix C1). */
const US_ABBREVIATIONS: Readonly<Record<string, string>> = {
  NORTH: "N",
  SOUTH: "S",
  EAST: "E",
  WEST: "W",
  NORTHEAST: "NE",
  NORTHWEST: "NW",
  SOUTHEAST: "SE",
  SOUTHWEST: "SW",
  ALLEY: "ALY",
  AVENUE: "AVE",
  BOULEVARD: "BLVD",
  CAUSEWAY: "CSWY",
  CENTER: "CTR",
  CIRCLE: "CIR",
  COURT: "CT",
  COVE: "CV",
  CRESCENT: "CRES",
  DRIVE: "DR",
  EXPRESSWAY: "EXPY",
  FREEWAY: "FWY",
  HEIGHTS: "HTS",
  HIGHWAY: "HWY",
  LANE: "LN",
  PARKWAY: "PKWY",
  PLACE: "PL",
  PLAZA: "PLZ",
  POINT: "PT",
  ROAD: "RD",
  SQUARE: "SQ",
  STREET: "ST",
  TERRACE: "TER",
  TRAIL: "TRL",
  TURNPIKE: "TPKE",
};

/** Canada Post Addressing Guidelines, street types and directions (English and French). */
const CA_ABBREVIATIONS: Readonly<Record<string, string>> = {
  NORTH: "N",
  SOUTH: "S",
  EAST: "E",
  WEST: "W",
  NORTHEAST: "NE",
  NORTHWEST: "NW",
  SOUTHEAST: "SE",
  SOUTHWEST: "SW",
  NORD: "N",
  SUD: "S",
  EST: "E",
  OUEST: "O",
  "NORD-EST": "NE",
  "NORD-OUEST": "NO",
  "SUD-EST": "SE",
  "SUD-OUEST": "SO",
  AVENUE: "AVE",
  BOULEVARD: "BLVD",
  CIRCLE: "CIR",
  COURT: "CRT",
  CRESCENT: "CRES",
  DRIVE: "DR",
  HIGHWAY: "HWY",
  PARKWAY: "PKY",
  PLACE: "PL",
  ROAD: "RD",
  SQUARE: "SQ",
  STREET: "ST",
  TERRACE: "TERR",
};

/** A house number is required, with no alternative (the operator's guide numbers every premises). */
const HOUSE_NUMBER_REQUIRED: DispatchRule = {
  source: "UPU S42 address template of the country: premises are identified by their house number",
};

/** "s/n" (sin/sem número) with a landmark or complement naming the premises (BR, ES, PT). */
function sinNumero(source: string, complement: string): DispatchRule {
  return {
    source: "UPU S42 address template of the country: premises are identified by their house number",
    withoutNumber: {
      marker: { pattern: /^s\.?\s?\/?\s?n\.?[ºo°]?$/i, canonical: "s/n" },
      identifiedBy: ["landmark", "additionalInfo"],
      description: `houseNumber "s/n" with a landmark or additionalInfo (${complement}) naming the premises`,
      source,
    },
  };
}

interface Entry {
  source: string;
  dispatch?: DispatchRule;
  required?: readonly CivicFieldName[];
  requiredOneOf?: AddressRules["requiredOneOf"];
  postalCode: PostalCodeRule;
  layout: Layout;
  abbreviations?: AddressRules["abbreviations"];
}

const ENTRIES: Readonly<Record<string, Entry>> = {
  AT: {
    source: "Österreichische Post, Adressierungsrichtlinien",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1010", prefixes: ["A", "AT"] },
    layout: CONTINENTAL,
  },
  AU: {
    source: "Australia Post Addressing Guidelines; AS 4590 — every address names its state or territory",
    required: STANDARD_WITH_REGION,
    postalCode: { pattern: /^\d{4}$/, example: "2000" },
    layout: AUSTRALIAN,
  },
  BE: {
    source: "bpost, addressing standards",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1000", prefixes: ["B", "BE"] },
    layout: CONTINENTAL,
  },
  BG: {
    source: "Bulgarian Posts (UPU S42)",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1000", prefixes: ["BG"] },
    layout: CONTINENTAL,
  },
  BR: {
    dispatch: sinNumero(
      'Correios, Como endereçar: "s/n" (sem número) with the complemento or a ponto de referência',
      "complemento or ponto de referência",
    ),
    source: "Correios, Como endereçar — the state (UF) is part of every address, CEP 00000-000",
    required: STANDARD_WITH_REGION,
    postalCode: { pattern: /^\d{5}-\d{3}$/, example: "01310-100", separator: { at: 5, text: "-" } },
    layout: BRAZILIAN,
  },
  CA: {
    source: "Canada Post Addressing Guidelines — province/territory always, postal code A1A 1A1",
    required: STANDARD_WITH_REGION,
    // First letters D F I O Q U W Z are never used; D F I O Q U never appear at all.
    postalCode: {
      pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/,
      example: "K1A 0B1",
      separator: { at: 3, text: " " },
    },
    layout: NORTH_AMERICAN,
    abbreviations: CA_ABBREVIATIONS,
  },
  CY: {
    source: "Cyprus Post, postcode system",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1010", prefixes: ["CY"] },
    layout: CONTINENTAL,
  },
  CZ: {
    source: "Česká pošta, addressing rules (ČSN 01 6910)",
    postalCode: { pattern: /^[1-7]\d{2} \d{2}$/, example: "110 00", separator: { at: 3, text: " " }, prefixes: ["CZ"] },
    layout: CONTINENTAL,
  },
  DE: {
    source: "Deutsche Post, Adressierung; DIN 5008",
    postalCode: { pattern: /^(?:0[1-9]|[1-9]\d)\d{3}$/, example: "10117", prefixes: ["D", "DE"] },
    layout: CONTINENTAL,
  },
  DK: {
    source: "PostNord Danmark, adressering",
    postalCode: { pattern: /^\d{4}$/, example: "1050", prefixes: ["DK"] },
    layout: CONTINENTAL,
  },
  EE: {
    source: "Omniva, addressing (UPU S42)",
    postalCode: { pattern: /^[1-9]\d{4}$/, example: "10111", prefixes: ["EE"] },
    layout: CONTINENTAL,
  },
  ES: {
    dispatch: sinNumero(
      'Correos, cómo escribir una dirección: "s/n" (sin número) when the building has no number',
      "a building or place name",
    ),
    source: "Correos, cómo escribir una dirección — the first two digits are the province (01–52)",
    postalCode: { pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: "28013", prefixes: ["E", "ES"] },
    layout: CONTINENTAL,
  },
  FI: {
    source: "Posti, addressing guide",
    postalCode: { pattern: /^\d{5}$/, example: "00100", prefixes: ["FI", "AX"] },
    layout: CONTINENTAL,
  },
  FR: {
    source: "La Poste; AFNOR NF Z10-011 — number before street, code postal before commune",
    postalCode: { pattern: /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/, example: "75001", prefixes: ["F", "FR"] },
    layout: FRENCH,
  },
  GB: {
    dispatch: {
      source: HOUSE_NUMBER_REQUIRED.source,
      withoutNumber: {
        identifiedBy: ["landmark"],
        description: "the building name (in landmark) that Royal Mail records for a premises without a number",
        source:
          "Royal Mail Programmers' Guide to PAF: a premises is identified by a building number, a building name, or both",
      },
    },
    source: "Royal Mail Programmers' Guide to PAF — outward code, space, inward code",
    postalCode: {
      pattern: /^[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) \d[ABD-HJLNP-UW-Z]{2}$/,
      example: "SW1A 2AA",
      separator: { at: -3, text: " " },
    },
    layout: BRITISH,
  },
  GR: {
    source: "ELTA Hellenic Post (UPU S42)",
    postalCode: { pattern: /^[1-8]\d{2} \d{2}$/, example: "105 57", separator: { at: 3, text: " " }, prefixes: ["GR"] },
    layout: CONTINENTAL,
  },
  HR: {
    source: "Hrvatska pošta, adresiranje",
    postalCode: { pattern: /^[1-5]\d{4}$/, example: "10000", prefixes: ["HR"] },
    layout: CONTINENTAL,
  },
  HU: {
    source: "Magyar Posta, címzési útmutató",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1051", prefixes: ["H", "HU"] },
    layout: HUNGARIAN,
  },
  IE: {
    dispatch: {
      source: HOUSE_NUMBER_REQUIRED.source,
      withoutNumber: {
        identifiedBy: ["postalCode"],
        description: "an Eircode, which identifies the premises itself",
        source: "Eircode (2015): the unique identifier (last four characters) is assigned to each individual address",
      },
    },
    // Many rural Irish addresses have no street (house name, townland, county): the Eircode
    // (introduced 2015) is what identifies the building, so one of the two must be there. The
    // Eircode itself stays optional because it is not yet universal in use.
    source: "An Post; Eircode (routing key + unique identifier) — not used universally, so optional",
    required: ["country", "city"],
    requiredOneOf: [STREET_AND_POSTCODE],
    postalCode: {
      pattern: /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}$/,
      example: "A65 F4E2",
      separator: { at: 3, text: " " },
    },
    layout: IRISH,
  },
  IT: {
    dispatch: {
      source: HOUSE_NUMBER_REQUIRED.source,
      withoutNumber: {
        marker: { pattern: /^s\.?\s?n\.?\s?c\.?$/i, canonical: "snc" },
        identifiedBy: ["landmark", "additionalInfo"],
        description: 'houseNumber "snc" (senza numero civico) with a landmark or additionalInfo naming the premises',
        source:
          'Poste Italiane, come scrivere l\'indirizzo: "snc" (senza numero civico) for premises without a street number',
      },
    },
    source: "Poste Italiane, come scrivere l'indirizzo — CAP, località, sigla provincia",
    postalCode: { pattern: /^\d{5}$/, example: "00184", prefixes: ["I", "IT"] },
    layout: ITALIAN,
  },
  LT: {
    source: "Lietuvos paštas — the LT- prefix is part of the code",
    postalCode: { pattern: /^LT-\d{5}$/, example: "LT-01100", prefixes: ["LT"], canonicalPrefix: "LT-" },
    layout: CONTINENTAL,
  },
  LU: {
    source: "POST Luxembourg, adressage",
    postalCode: { pattern: /^\d{4}$/, example: "1118", prefixes: ["L", "LU"] },
    layout: FRENCH,
  },
  LV: {
    source: "Latvijas Pasts — the LV- prefix is part of the code",
    postalCode: { pattern: /^LV-\d{4}$/, example: "LV-1050", prefixes: ["LV"], canonicalPrefix: "LV-" },
    layout: LATVIAN,
  },
  MT: {
    source: "MaltaPost postcode system (2007): three letters, four digits",
    postalCode: { pattern: /^[A-Z]{3} \d{4}$/, example: "VLT 1117", separator: { at: 3, text: " " } },
    layout: MALTESE,
  },
  NL: {
    source: "PostNL, adresseren — SA, SD and SS are never issued",
    postalCode: {
      pattern: /^[1-9]\d{3} (?!S[ADS])[A-Z]{2}$/,
      example: "1012 JS",
      separator: { at: 4, text: " " },
      prefixes: ["NL"],
    },
    layout: CONTINENTAL,
  },
  PL: {
    source: "Poczta Polska, adresowanie",
    postalCode: { pattern: /^\d{2}-\d{3}$/, example: "00-950", separator: { at: 2, text: "-" }, prefixes: ["PL"] },
    layout: CONTINENTAL,
  },
  PT: {
    dispatch: sinNumero(
      'CTT Correios de Portugal, endereçamento: "s/n" (sem número) with the lugar or building name',
      "the lugar or building name",
    ),
    source: "CTT Correios de Portugal — CP4-CP3",
    postalCode: {
      pattern: /^[1-9]\d{3}-\d{3}$/,
      example: "1100-148",
      separator: { at: 4, text: "-" },
      prefixes: ["PT"],
    },
    layout: CONTINENTAL,
  },
  RO: {
    source: "Poșta Română, coduri poștale",
    postalCode: { pattern: /^\d{6}$/, example: "010011", prefixes: ["RO"] },
    layout: CONTINENTAL,
  },
  SE: {
    source: "PostNord Sverige, adressering",
    postalCode: {
      pattern: /^[1-9]\d{2} \d{2}$/,
      example: "111 22",
      separator: { at: 3, text: " " },
      prefixes: ["SE", "S"],
    },
    layout: CONTINENTAL,
  },
  SI: {
    source: "Pošta Slovenije",
    postalCode: { pattern: /^[1-9]\d{3}$/, example: "1000", prefixes: ["SI"] },
    layout: CONTINENTAL,
  },
  SK: {
    source: "Slovenská pošta — codes begin 0, 8 or 9",
    postalCode: { pattern: /^[089]\d{2} \d{2}$/, example: "811 01", separator: { at: 3, text: " " }, prefixes: ["SK"] },
    layout: CONTINENTAL,
  },
  US: {
    dispatch: {
      source: "47 CFR § 9.3 (dispatchable location: the validated street address); NENA-STA-004 (NG9-1-1 CLDXF)",
      withoutNumber: {
        identifiedBy: ["landmark"],
        pattern: /^(?:mile\s?(?:post|marker)|MP|MM)\s*\d+(?:\.\d+)?$/i,
        description: 'a milepost on the road in street, written in landmark as "Milepost 47" or "MP 47.5"',
        source: "NENA-STA-004 (NG9-1-1 CLDXF): the Milepost element locates a place along a road without addresses",
      },
    },
    source: "USPS Publication 28 — state and ZIP Code always; ZIP or ZIP+4",
    required: STANDARD_WITH_REGION,
    postalCode: { pattern: /^\d{5}(?:-\d{4})?$/, example: "20500", separator: { at: 5, text: "-" } },
    layout: NORTH_AMERICAN,
    abbreviations: US_ABBREVIATIONS,
  },
};

/** Every covered country's rules, keyed by ISO 3166-1 alpha-2. */
export const ADDRESS_RULES: Readonly<Record<string, AddressRules>> = Object.fromEntries(
  Object.entries(ENTRIES).map(([country, entry]) => [
    country,
    {
      country,
      source: entry.source,
      required: entry.required ?? STANDARD,
      requiredOneOf: entry.requiredOneOf ?? [],
      postalCode: entry.postalCode,
      layout: entry.layout,
      dispatch: entry.dispatch ?? HOUSE_NUMBER_REQUIRED,
      abbreviations: entry.abbreviations ?? {},
    } satisfies AddressRules,
  ]),
);

/** The rules for a country (ISO 3166-1 alpha-2, upper case); `undefined` for one not covered. */
export function addressRulesFor(country: string): AddressRules | undefined {
  return Object.hasOwn(ADDRESS_RULES, country) ? ADDRESS_RULES[country] : undefined;
}

/** True when the country writes the house number before the street name ("10 Downing St"). */
export function houseNumberFirst(rules: AddressRules): boolean {
  let first = numberFirst.get(rules);
  if (first === undefined) {
    const order = rules.layout.flat();
    first = order.indexOf("houseNumber") < order.indexOf("street");
    numberFirst.set(rules, first);
  }
  return first;
}

// Worked out once per country's rules: every location write asked it, flattening the layout each
// time (~2 % of the PUT-location profile).
const numberFirst = new WeakMap<AddressRules, boolean>();

/**
 * Brings a postal code to the country's canonical form (upper case, the operator's separator and
 * prefix); `undefined` when it does not match the country's format.
 */
export function normalisePostalCode(rules: AddressRules, raw: string): string | undefined {
  const rule = rules.postalCode;
  const compact = raw.toUpperCase().replace(/[\s\-–]/g, "");
  const candidates = [compact];
  for (const prefix of rule.prefixes ?? []) {
    if (compact.length > prefix.length && compact.startsWith(prefix)) candidates.push(compact.slice(prefix.length));
  }
  for (const candidate of candidates) {
    const formatted = (rule.canonicalPrefix ?? "") + withSeparator(candidate, rule.separator);
    if (rule.pattern.test(formatted)) return formatted;
  }
  return undefined;
}

function withSeparator(code: string, separator: PostalCodeRule["separator"]): string {
  if (!separator) return code;
  const at = separator.at < 0 ? code.length + separator.at : separator.at;
  if (at <= 0 || at >= code.length) return code;
  return code.slice(0, at) + separator.text + code.slice(at);
}
