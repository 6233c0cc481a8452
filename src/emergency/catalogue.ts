import type { EU_MEMBER_STATES, SEED_COUNTRIES } from "../geography/countries.js";
import { RETIRED_NUMBERS, type RetiredNumber } from "./retired.js";

export type { RetiredNumber } from "./retired.js";

/**
 * The emergency numbers of every covered country, with where each comes from.
 *
 * What is listed: a number is an emergency number here when the Regional Supplement (004,
 * "CALLS TO/FROM EMERGENCY SERVICES"; source `regional-supplement`) or the North-American 911
 * terms (001, 003) name it, or when the country's own law or regulator designates it as a number
 * that gets emergency-call treatment (free of charge, routed by the caller's location, location
 * passed on). Where a country's law puts helplines or utility-fault lines on that list (Austria,
 * France, Poland, Croatia) they are listed too: routing them needs the same location-based
 * treatment. Numbers that only reach non-urgent or information services are not listed.
 *
 * Numbers a country has retired as emergency numbers still connect, as the number that replaced
 * them (`retiredNumbers`, from retired.ts), and so do strings a country's networks connect as an
 * emergency number although they are not one (`networkAliases`).
 *
 * Sources name the instrument; a section is given only where it was checked. Every place where
 * this table (numbers, aliases and retired numbers) and Google libphonenumber's short-number
 * metadata (`ShortNumberInfo.isEmergencyNumber`) disagree is recorded in
 * `libphonenumberDifferences` with the reason, and test/emergency/catalogue.unit.test.ts fails
 * when the two drift apart.
 */

export type CoveredCountry = (typeof SEED_COUNTRIES)[number] | (typeof EU_MEMBER_STATES)[number];

export interface CatalogueNumber {
  readonly number: string;
  readonly sources: readonly string[];
  readonly note?: string;
}

/**
 * A dial string that is not itself an emergency number of the country but that its networks
 * connect as one (e.g. 112 on North-American mobile networks): classified as emergency and
 * reported as the number it connects to.
 */
export interface NetworkAlias {
  readonly dialed: string;
  readonly connectsAs: string;
  readonly sources: readonly string[];
  readonly note: string;
}

/** A number on which this catalogue and libphonenumber disagree, and what we decided. */
export interface LibphonenumberDifference {
  readonly number: string;
  readonly ours: "emergency" | "not-emergency";
  readonly reason: string;
}

export interface CountryEmergencyData {
  readonly numbers: readonly CatalogueNumber[];
  readonly networkAliases: readonly NetworkAlias[];
  /** Former emergency numbers, connected as the number that replaced them. */
  readonly retiredNumbers: readonly RetiredNumber[];
  /**
   * Outside-line prefixes that apply to every account in the country. None of the covered
   * countries' rules define one (the `9` or `0` of a PBX is a property of the customer's
   * installation), so these are empty and prefixes come from the account settings.
   */
  readonly outsideLinePrefixes: readonly string[];
  readonly libphonenumberDifferences: readonly LibphonenumberDifference[];
}

export const REGIONAL_SUPPLEMENT = "regional-supplement";
const EECC =
  "EU: Directive (EU) 2018/1972 (European Electronic Communications Code), Art. 109 (single European emergency number 112)";
const EU_112: CatalogueNumber = { number: "112", sources: [REGIONAL_SUPPLEMENT, EECC] };
const GSM_DEFAULTS = "3GPP TS 22.101 §10.1.1 (mobile equipment treats 112 and 911 as emergency numbers)";

const num = (number: string, sources: readonly string[], note?: string): CatalogueNumber =>
  note === undefined ? { number, sources } : { number, sources, note };
const ours = (number: string, reason: string): LibphonenumberDifference => ({ number, ours: "emergency", reason });
const notOurs = (number: string, reason: string): LibphonenumberDifference => ({
  number,
  ours: "not-emergency",
  reason,
});

function country(data: {
  numbers: CatalogueNumber[];
  networkAliases?: NetworkAlias[];
  retiredNumbers?: readonly RetiredNumber[];
  libphonenumberDifferences?: LibphonenumberDifference[];
}): CountryEmergencyData {
  return {
    numbers: data.numbers,
    networkAliases: data.networkAliases ?? [],
    retiredNumbers: data.retiredNumbers ?? [],
    outsideLinePrefixes: [],
    libphonenumberDifferences: data.libphonenumberDifferences ?? [],
  };
}

/** 112 dialled on a North-American network: a GSM default, connected to 911. */
function northAmerican112(regulator: string): NetworkAlias {
  return {
    dialed: "112",
    connectsAs: "911",
    sources: [GSM_DEFAULTS, regulator],
    note: "112 is not a North-American emergency number in law, but handsets and mobile networks connect it to 911 and visitors dial it; we connect it as 911 (fail-safe).",
  };
}

const AT =
  "AT: KEM-V 2009 (Kommunikationsparameter-, Entgelt- und Mehrwertdiensteverordnung), §§ 17–22, public short numbers for emergency services (Notrufdienste)";
const AT_REASON =
  "listed as a Notrufnummer by KEM-V 2009 and routed by caller location; libphonenumber keeps only 112/122/133/144";
const BR =
  "BR: Anatel, Regulamento sobre as Condições de Acesso e Fruição dos Serviços de Utilidade Pública e de Apoio ao STFC (Resolução nº 357/2004), Serviços Públicos de Emergência";
const BR_REASON = "a Serviço Público de Emergência in Anatel's Resolução 357/2004 list; libphonenumber omits it";
const FR = "FR: CPCE art. D98-8; ARCEP décision n° 02-1179 (liste des numéros d'urgence), as amended";
const FR_REASON =
  "on ARCEP's list of numéros d'urgence (CPCE art. D98-8: free, routed to the centre for the caller's location); libphonenumber keeps only 15/17/18/112";
const PL =
  "PL: Ustawa z dnia 22 listopada 2013 r. o systemie powiadamiania ratunkowego, art. 20; UKE, Tablice Numerów Kierowania Alarmowego (numery alarmowe)";
const PL_REASON =
  "a numer alarmowy in the national numbering plan, routed by UKE's emergency routing tables; libphonenumber keeps only 112/997/998/999";
const HR = "HR: HAKOM, Plan numeriranja (brojevi hitnih službi)";

export const EMERGENCY_CATALOGUE: Readonly<Record<CoveredCountry, CountryEmergencyData>> = {
  // --- North America: 911 from the 001/003 terms --------------------------------------------
  US: country({
    numbers: [
      num(
        "911",
        [
          REGIONAL_SUPPLEMENT,
          "US: Wireless Communications and Public Safety Act of 1999 (911 as the universal emergency number); 47 CFR Part 9",
        ],
        "988 (suicide and crisis lifeline) is a crisis line, not a 911 emergency number, and is not listed.",
      ),
    ],
    networkAliases: [northAmerican112("US: FCC 47 CFR Part 9 (911 service)")],
  }),
  CA: country({
    numbers: [
      num(
        "911",
        [REGIONAL_SUPPLEMENT, "CA: CRTC, Telecom Decision CRTC 2005-21 (9-1-1 obligations of VoIP service providers)"],
        "988 is a crisis line, not listed.",
      ),
    ],
    networkAliases: [northAmerican112("CA: CRTC 9-1-1 framework")],
  }),

  // --- Seed countries of the Regional Supplement ----------------------------------------------
  GB: country({
    numbers: [
      num("999", [
        REGIONAL_SUPPLEMENT,
        "GB: Ofcom General Conditions of Entitlement, Condition A3 (emergency call numbers 112 and 999)",
      ]),
      num("112", [
        REGIONAL_SUPPLEMENT,
        "GB: Ofcom General Conditions of Entitlement, Condition A3 (emergency call numbers 112 and 999)",
      ]),
      num(
        "18000",
        [
          "GB: Ofcom National Telephone Numbering Plan (18000: emergency access through the text relay service, Relay UK)",
        ],
        "For textphone users; reaches the same emergency services through a relay assistant.",
      ),
    ],
    libphonenumberDifferences: [
      ours(
        "18000",
        "the emergency text-relay number (Relay UK) for deaf and speech-impaired callers; libphonenumber omits it",
      ),
    ],
  }),
  IE: country({
    numbers: [
      num("999", [
        REGIONAL_SUPPLEMENT,
        "IE: Communications Regulation (Amendment) Act 2007 (Emergency Call Answering Service for 112 and 999)",
      ]),
      num("112", [REGIONAL_SUPPLEMENT, EECC]),
    ],
  }),
  DE: country({
    numbers: [
      num("110", [
        REGIONAL_SUPPLEMENT,
        "DE: Telekommunikationsgesetz (TKG 2021) § 164; Notrufverordnung (NotrufV), Notrufnummern 110 und 112",
      ]),
      num("112", [
        REGIONAL_SUPPLEMENT,
        EECC,
        "DE: Telekommunikationsgesetz (TKG 2021) § 164; Notrufverordnung (NotrufV), Notrufnummern 110 und 112",
      ]),
    ],
  }),
  AU: country({
    numbers: [
      num("000", [
        REGIONAL_SUPPLEMENT,
        "AU: Telecommunications Numbering Plan (primary emergency service number); Telecommunications (Emergency Call Service) Determination 2019",
      ]),
      num(
        "112",
        [
          "AU: Telecommunications Numbering Plan (secondary emergency service number); Telecommunications (Emergency Call Service) Determination 2019",
        ],
        "Answered by the same emergency call person as 000 (Telstra).",
      ),
      num(
        "106",
        [
          "AU: Telecommunications Numbering Plan (secondary emergency service number); Telecommunications (Emergency Call Service) Determination 2019",
        ],
        "Text emergency relay for callers who are deaf or have a hearing or speech impairment (National Relay Service).",
      ),
    ],
  }),
  BR: country({
    numbers: [
      num("190", [REGIONAL_SUPPLEMENT, BR], "Polícia Militar."),
      num("192", [REGIONAL_SUPPLEMENT, BR], "SAMU (ambulance)."),
      num("193", [REGIONAL_SUPPLEMENT, BR], "Corpo de Bombeiros."),
      num("197", [REGIONAL_SUPPLEMENT, BR], "Polícia Civil."),
      num("191", [BR], "Polícia Rodoviária Federal."),
      num("194", [BR], "Polícia Federal."),
      num("198", [BR], "Polícia Rodoviária Estadual."),
      num("199", [BR], "Defesa Civil."),
      num("185", [BR], "Marinha (maritime and river emergencies)."),
    ],
    networkAliases: [
      {
        dialed: "112",
        connectsAs: "190",
        sources: [
          GSM_DEFAULTS,
          "BR: Anatel list of Serviços de Utilidade Pública e de Emergência (Polícia Militar: 112/911 from mobiles)",
        ],
        note: "Mobile networks connect 112 to the Polícia Militar; we connect it as 190.",
      },
      {
        dialed: "911",
        connectsAs: "190",
        sources: [
          GSM_DEFAULTS,
          "BR: Anatel list of Serviços de Utilidade Pública e de Emergência (Polícia Militar: 112/911 from mobiles)",
        ],
        note: "Mobile networks connect 911 to the Polícia Militar; we connect it as 190.",
      },
    ],
    libphonenumberDifferences: [
      ours(
        "197",
        "named by the Regional Supplement (Polícia Civil) and by Anatel's emergency list; libphonenumber omits it",
      ),
      ours("191", BR_REASON),
      ours("194", BR_REASON),
      ours("198", BR_REASON),
      ours("199", BR_REASON),
      ours("185", BR_REASON),
      notOurs(
        "128",
        "the Mercosur common emergency number is marked 'serviço não ativado' (not activated) in Anatel's list: Brazilian networks do not connect it",
      ),
    ],
  }),

  // --- European Union member states: 112 everywhere, plus national numbers --------------------
  AT: country({
    numbers: [
      EU_112,
      num("122", [AT], "Feuerwehr."),
      num("133", [AT], "Polizei."),
      num("144", [AT], "Rettungsdienst."),
      num("128", [AT], "Gas emergencies."),
      num("140", [AT], "Bergrettung (mountain rescue)."),
      num("141", [AT], "Ärztenotdienst (doctor on call)."),
      num("142", [AT], "Telefonseelsorge (crisis line)."),
      num("147", [AT], "Notrufdienst für Kinder und Jugendliche."),
    ],
    libphonenumberDifferences: ["128", "140", "141", "142", "147"].map((n) => ours(n, AT_REASON)),
  }),
  BE: country({
    numbers: [
      EU_112,
      num(
        "100",
        [
          "BE: BIPT/IBPT national numbering plan (Royal Decree of 27 April 2007 on the national numbering space), emergency services",
        ],
        "Fire and ambulance; answered by the 112 centres.",
      ),
      num(
        "101",
        [
          "BE: BIPT/IBPT national numbering plan (Royal Decree of 27 April 2007 on the national numbering space), emergency services",
        ],
        "Police.",
      ),
    ],
  }),
  BG: country({
    numbers: [
      EU_112,
      ...[
        ["150", "Ambulance."],
        ["160", "Fire."],
        ["166", "Police."],
      ].map(([n, what]) =>
        num(
          n!,
          [
            "BG: Law on the National System for Emergency Calls with the Single European Emergency Call Number 112 (national numbers handled by the 112 system)",
          ],
          what,
        ),
      ),
    ],
  }),
  HR: country({
    numbers: [
      EU_112,
      num("192", [HR], "Police."),
      num("193", [HR], "Fire."),
      num("194", [HR], "Emergency medical service."),
      num("195", [HR], "Search and rescue at sea (MRCC)."),
      num("1987", [HR], "Road assistance (Hrvatski autoklub); HAKOM lists it among the emergency-service numbers."),
    ],
    libphonenumberDifferences: [
      ours("195", "HAKOM's emergency-service number for search and rescue at sea; libphonenumber omits it"),
      ours("1987", "HAKOM lists it among the emergency-service numbers; libphonenumber omits it"),
    ],
    retiredNumbers: RETIRED_NUMBERS.HR,
  }),
  CY: country({
    numbers: [
      EU_112,
      num(
        "199",
        ["CY: OCECPR national numbering plan, emergency numbers"],
        "Answered by the same emergency centre as 112.",
      ),
    ],
  }),
  CZ: country({
    numbers: [
      EU_112,
      num("150", ["CZ: ČTÚ, číslovací plán (čísla tísňového volání)"], "Fire and rescue."),
      num("155", ["CZ: ČTÚ, číslovací plán (čísla tísňového volání)"], "Emergency medical service."),
      num("156", ["CZ: ČTÚ, číslovací plán (čísla tísňového volání)"], "Municipal police."),
      num("158", ["CZ: ČTÚ, číslovací plán (čísla tísňového volání)"], "Police."),
    ],
    libphonenumberDifferences: ["151", "152", "153", "154", "157", "159"].map((n) =>
      notOurs(
        n,
        "not an emergency number in ČTÚ's numbering plan; libphonenumber's emergency pattern matches the whole 15x block",
      ),
    ),
  }),
  DK: country({
    numbers: [EU_112],
    libphonenumberDifferences: [
      notOurs(
        "114",
        "the Danish police's non-emergency service number (for matters that are not urgent); not an emergency number",
      ),
    ],
  }),
  EE: country({
    numbers: [
      num("112", [
        REGIONAL_SUPPLEMENT,
        EECC,
        "EE: Häirekeskus (Emergency Response Centre); single emergency number for rescue, ambulance and police since 2015",
      ]),
    ],
    retiredNumbers: RETIRED_NUMBERS.EE,
  }),
  FI: country({
    numbers: [num("112", [REGIONAL_SUPPLEMENT, EECC, "FI: Act on Emergency Response Centre Operations (692/2010)"])],
  }),
  FR: country({
    numbers: [
      EU_112,
      num("15", [FR], "SAMU."),
      num("17", [FR], "Police / gendarmerie."),
      num("18", [FR], "Sapeurs-pompiers."),
      num("114", [FR], "For deaf, hard-of-hearing and speech-impaired callers (text, fax, video)."),
      num("115", [FR], "Urgence sociale (SAMU social)."),
      num("119", [FR], "Enfance en danger."),
      num("191", [FR], "Sauvetage aéronautique."),
      num("196", [FR], "Sauvetage maritime."),
      num("197", [FR], "Alerte attentat / alerte enlèvement."),
      num("116000", [FR], "Missing children."),
      num("116117", [FR], "Permanence des soins ambulatoires (out-of-hours doctor)."),
    ],
    libphonenumberDifferences: ["114", "115", "119", "191", "196", "197", "116000", "116117"].map((n) =>
      ours(n, FR_REASON),
    ),
  }),
  GR: country({
    numbers: [
      EU_112,
      ...[
        ["100", "Police."],
        ["166", "Ambulance (EKAB)."],
        ["199", "Fire service."],
      ].map(([n, what]) =>
        num(n!, ["GR: National Numbering Plan (Ministerial Decision 26634/924, 2007), emergency numbers"], what),
      ),
    ],
  }),
  HU: country({
    numbers: [
      EU_112,
      ...[
        ["104", "Ambulance."],
        ["105", "Fire."],
        ["107", "Police."],
      ].map(([n, what]) =>
        num(n!, ["HU: NMHH national numbering plan (segélyhívó számok)"], `${what} Answered through the 112 system.`),
      ),
    ],
  }),
  IT: country({
    numbers: [
      EU_112,
      num(
        "113",
        [
          "IT: Codice delle comunicazioni elettroniche (numeri di emergenza nazionali); MIMIT, numeri per servizi di emergenza",
        ],
        "Soccorso pubblico di emergenza (Polizia di Stato).",
      ),
      num(
        "115",
        [
          "IT: Codice delle comunicazioni elettroniche (numeri di emergenza nazionali); MIMIT, numeri per servizi di emergenza",
        ],
        "Vigili del fuoco.",
      ),
      num(
        "118",
        [
          "IT: Codice delle comunicazioni elettroniche (numeri di emergenza nazionali); MIMIT, numeri per servizi di emergenza",
        ],
        "Emergenza sanitaria.",
      ),
      num(
        "114",
        [
          "IT: Codice delle comunicazioni elettroniche (numeri di emergenza nazionali); MIMIT, numeri per servizi di emergenza",
        ],
        "Emergenza infanzia (child abuse emergencies).",
      ),
    ],
    libphonenumberDifferences: [
      ours(
        "114",
        "listed by the ministry among the numbers for emergency services (emergenza infanzia), not among the public-utility numbers; libphonenumber omits it",
      ),
    ],
  }),
  LV: country({
    numbers: [
      EU_112,
      num("110", ["LV: national numbering plan, emergency service numbers"], "State police."),
      num("113", ["LV: national numbering plan, emergency service numbers"], "Emergency medical service."),
    ],
    retiredNumbers: RETIRED_NUMBERS.LV,
  }),
  LT: country({
    numbers: [
      num("112", [
        REGIONAL_SUPPLEMENT,
        EECC,
        "LT: Bendrasis pagalbos centras; since 1 October 2021 the only emergency number",
      ]),
    ],
    retiredNumbers: RETIRED_NUMBERS.LT,
  }),
  LU: country({
    numbers: [EU_112, num("113", ["LU: ILR national numbering plan, emergency numbers"], "Police.")],
  }),
  MT: country({ numbers: [num("112", [REGIONAL_SUPPLEMENT, EECC, "MT: MCA national numbering plan"])] }),
  NL: country({
    numbers: [num("112", [REGIONAL_SUPPLEMENT, EECC, "NL: Telecommunicatiewet; Nummerplan, alarmnummer 112"])],
    networkAliases: [
      {
        dialed: "911",
        connectsAs: "112",
        sources: [GSM_DEFAULTS],
        note: "Dutch mobile networks connect 911 to 112 (as libphonenumber records); we connect it as 112.",
      },
    ],
  }),
  PL: country({
    numbers: [
      EU_112,
      num("997", [PL], "Police."),
      num("998", [PL], "State fire service."),
      num("999", [PL], "Ambulance."),
      num("984", [PL], "River rescue."),
      num("985", [PL], "Sea and mountain rescue."),
      num("986", [PL], "Municipal guard."),
      num("991", [PL], "Power-grid emergencies."),
      num("992", [PL], "Gas emergencies."),
      num("993", [PL], "District-heating emergencies."),
      num("994", [PL], "Water and sewage emergencies."),
      num("995", [PL], "Police, Child Alert."),
      num("996", [PL], "Counter-terrorism centre (ABW)."),
    ],
    libphonenumberDifferences: ["984", "985", "986", "991", "992", "993", "994", "995", "996"].map((n) =>
      ours(n, PL_REASON),
    ),
  }),
  PT: country({
    numbers: [
      EU_112,
      num(
        "115",
        ["PT: the national emergency number before 112 (decree-law creating 112 as the national emergency number)"],
        "Historic national emergency number, kept as libphonenumber keeps it: sources disagree on whether networks still route it, and a caller who dials it means an emergency.",
      ),
    ],
  }),
  RO: country({
    numbers: [
      num("112", [REGIONAL_SUPPLEMENT, EECC, "RO: OUG 34/2008 on the single national emergency call system (SNUAU)"]),
    ],
  }),
  SK: country({
    numbers: [
      EU_112,
      ...[
        ["150", "Fire and rescue."],
        ["155", "Emergency medical service."],
        ["158", "Police."],
      ].map(([n, what]) => num(n!, ["SK: national numbering plan (čísla tiesňového volania)"], what)),
    ],
  }),
  SI: country({
    numbers: [
      EU_112,
      num("113", ["SI: AKOS national numbering plan, emergency numbers"], "Police; 112 is fire, rescue and ambulance."),
    ],
  }),
  // Spain: 091 and 092 (and, as reported, 061) reach police and medical services but are charged
  // numbers that the numbering plan approved in February 2021 does not treat as emergency numbers;
  // 062 and 080 are left out with them until a checked source says otherwise. 085 and 088 are
  // kept as libphonenumber records them (fail-safe), without a checked statutory reference.
  ES: country({
    numbers: [
      num("112", [REGIONAL_SUPPLEMENT, EECC, "ES: Real Decreto 903/1997 (112)"]),
      num(
        "085",
        [
          "ES: national numbering plan short number for fire services, as recorded in libphonenumber's short-number metadata",
        ],
        "Fire services.",
      ),
      num(
        "088",
        [
          "ES: national numbering plan short number for regional police, as recorded in libphonenumber's short-number metadata",
        ],
        "Regional police (Ertzaintza, Mossos d'Esquadra, …).",
      ),
    ],
  }),
  SE: country({
    numbers: [num("112", [REGIONAL_SUPPLEMENT, EECC, "SE: PTS numbering plan; answered by SOS Alarm"])],
    retiredNumbers: RETIRED_NUMBERS.SE,
  }),
};
