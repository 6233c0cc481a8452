import { EU_MEMBER_STATES, SEED_COUNTRIES } from "../geography/countries.js";

/**
 * Number-porting rules per country, as data.
 *
 * The duty (Regional Supplement 004, "NUMBER USAGE AND PORTING"): where porting is available the
 * provider completes transfer and activation within one business day "or otherwise as applicable
 * law says", once the Porting Activation Requirements are met — (1) activation processes and
 * validations completed, (2) network connection ready, (3) donor provider has received the
 * activation request, (4) a transfer date is agreed (kept separately as the agreed date).
 *
 * Covered: the seed countries and every EU member state. In the EU, Directive (EU) 2018/1972
 * (European Electronic Communications Code, EECC) Art. 106(5) requires the number to be activated
 * within one working day of the date agreed with the end-user, so the contractual day and the
 * law agree. Where a regulator allows a longer interval than one day (Canada, Brazil), the
 * contract's one day is the stricter promise and governs; the regulator's figure is recorded in
 * `regulatoryNote` for staff, not used.
 *
 * `donorsWithoutAgreement` is CONFIGURATION, not law: donor providers with which no porting
 * agreement exists, so porting from them is unavailable (the supplement: "porting may be
 * unavailable, e.g. no porting agreement between carriers"). The names below are placeholders
 * showing the shape; operations replaces them with the real list. They are stored normalised
 * (`normaliseProviderName`).
 */

export const BASE_REQUIREMENTS = ["validations_completed", "network_ready", "donor_activation_requested"] as const;

export type BaseRequirement = (typeof BASE_REQUIREMENTS)[number];

export interface ExtraRequirement {
  name: string;
  /** What has to be true, for staff. */
  description: string;
  source: string;
}

export interface PortingCountryRules {
  country: string;
  /** N: the deadline is the N-th business day after the start date. */
  deadlineBusinessDays: number;
  /** Where the deadline length comes from. */
  deadlineSource: string;
  /** Information for staff where a regulator's interval differs from the deadline used. */
  regulatoryNote?: string;
  extraRequirements: readonly ExtraRequirement[];
  /** Normalised donor names without a porting agreement (configuration; see module note). */
  donorsWithoutAgreement: readonly string[];
  /**
   * Whether the end user's explicit consent must be recorded before a port is opened, and the
   * rule that says so. Where no rule requiring it was verified, consent is optional (still
   * recorded when given).
   */
  consent: { required: boolean; source: string };
}

const SUPPLEMENT =
  'Regional Supplement (004), "NUMBER USAGE AND PORTING": one business day from the agreed porting date';
const EECC =
  "Directive (EU) 2018/1972 (EECC) Art. 106(5): activation within one working day of the date agreed with the end-user";
/**
 * EECC Art. 106(6): the receiving provider leads the port, and providers shall not "port numbers
 * or switch end-users without the end-users' explicit consent". Binding in every member state
 * through its transposition (named where the national act was checked).
 */
const EECC_CONSENT = "Directive (EU) 2018/1972 (EECC) Art. 106(6): no port without the end-user's explicit consent";
const EU_CONSENT_TRANSPOSITION: Readonly<Record<string, string>> = {
  DE: "§ 59 Telekommunikationsgesetz (TKG 2021)",
  IE: "European Union (Electronic Communications Code) Regulations 2022 (S.I. No. 444 of 2022)",
};
function euConsent(country: string): PortingCountryRules["consent"] {
  const national = EU_CONSENT_TRANSPOSITION[country];
  return {
    required: true,
    source: national ? `${EECC_CONSENT}, transposed by ${national}` : `${EECC_CONSENT}, as transposed in ${country}`,
  };
}
const CONSENT_NOT_VERIFIED = {
  required: false,
  source:
    "No rule requiring recorded consent before the port is opened was verified for this country; recorded when given.",
};

/** Lower case, no accents, no punctuation, no company-form suffix, single spaces. */
export function normaliseProviderName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(
      /\b(ltd|limited|plc|llc|inc|corp|corporation|co|gmbh|ag|kg|se|sa|s a|ltda|eireli|me|pty|bv|nv|srl|spa|sas|oy|ab|as)\b/g,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
}

function donors(...names: string[]): readonly string[] {
  return Object.freeze(names.map(normaliseProviderName));
}

const SEED_RULES: readonly PortingCountryRules[] = [
  {
    country: "GB",
    consent: CONSENT_NOT_VERIFIED,
    deadlineBusinessDays: 1,
    deadlineSource: `${SUPPLEMENT}; Ofcom General Conditions of Entitlement, Condition B3 (Number portability)`,
    extraRequirements: [],
    donorsWithoutAgreement: donors("Hollowmere Telecom Ltd", "Brightwick Voice plc"),
  },
  {
    country: "IE",
    consent: euConsent("IE"),
    deadlineBusinessDays: 1,
    deadlineSource: `${EECC}, transposed by the European Union (Electronic Communications Code) Regulations 2022 (S.I. No. 444 of 2022); ComReg number portability rules`,
    extraRequirements: [],
    donorsWithoutAgreement: donors("Shannonside Telecom Ltd"),
  },
  {
    country: "DE",
    consent: euConsent("DE"),
    deadlineBusinessDays: 1,
    deadlineSource: `${EECC}, transposed by § 59 Telekommunikationsgesetz (TKG 2021), Anbieterwechsel und Rufnummernmitnahme`,
    extraRequirements: [],
    donorsWithoutAgreement: donors("Rheinfeld Telefonie GmbH", "Alpenklang Kommunikation AG"),
  },
  {
    country: "AU",
    consent: CONSENT_NOT_VERIFIED,
    deadlineBusinessDays: 1,
    deadlineSource: `${SUPPLEMENT}; porting processes per Communications Alliance code C540 (Local Number Portability), registered with the ACMA`,
    extraRequirements: [
      {
        name: "underlying_carrier_ported",
        description: "Telstra, the underlying carrier, has ported the numbers (the service is subject to it).",
        source:
          'Regional Supplement (004), "NUMBER USAGE AND PORTING", Australia: provision subject to Telstra porting the numbers',
      },
    ],
    donorsWithoutAgreement: donors("Red Gum Communications Pty Ltd", "Southern Cross Outback Voice"),
  },
  {
    country: "BR",
    consent: CONSENT_NOT_VERIFIED,
    deadlineBusinessDays: 1,
    deadlineSource: SUPPLEMENT,
    regulatoryNote:
      "Anatel Resolução nº 460/2007 (Regulamento Geral de Portabilidade) allows up to three working days from the porting request (since March 2010); the one-day contractual commitment is stricter and is the deadline used.",
    extraRequirements: [
      {
        name: "stfc_carrier_confirmed",
        description:
          "The third-party carrier holding the fixed-telephony (STFC) licence that provides the DIDs has confirmed the port.",
        source:
          'Regional Supplement (004), "NUMBER USAGE AND PORTING", Brazil: numbering resources come from a third-party STFC-licensed carrier',
      },
    ],
    donorsWithoutAgreement: donors("Telefonia Ipê Ltda", "Cerrado Voz S.A."),
  },
  {
    country: "US",
    consent: CONSENT_NOT_VERIFIED,
    deadlineBusinessDays: 1,
    deadlineSource: "47 CFR § 52.35(a): a simple port request is completed within one business day (FCC 09-41)",
    extraRequirements: [],
    donorsWithoutAgreement: donors("Prairie Line Telephone Co", "Bayou Voice LLC"),
  },
  {
    country: "CA",
    consent: CONSENT_NOT_VERIFIED,
    deadlineBusinessDays: 1,
    deadlineSource: SUPPLEMENT,
    regulatoryNote:
      "Telecom Decision CRTC 2005-72: the LEC-to-LEC interval for a stand-alone (simple) port is two business days; the one-day contractual commitment is stricter and is the deadline used.",
    extraRequirements: [],
    donorsWithoutAgreement: donors("Muskoka Telecom Inc", "Fleuve Téléphonie inc."),
  },
];

function euRules(country: string): PortingCountryRules {
  return {
    country,
    deadlineBusinessDays: 1,
    deadlineSource: EECC,
    extraRequirements: [],
    donorsWithoutAgreement: [],
    consent: euConsent(country),
  };
}

const RULES = new Map<string, PortingCountryRules>();
for (const rules of SEED_RULES) RULES.set(rules.country, rules);
for (const country of EU_MEMBER_STATES) if (!RULES.has(country)) RULES.set(country, euRules(country));
for (const rules of RULES.values()) {
  Object.freeze(rules.extraRequirements);
  Object.freeze(rules.consent);
  Object.freeze(rules);
}

/** Countries where this service ports numbers: the seed countries and the EU member states. */
export const PORTING_COUNTRIES: readonly string[] = Object.freeze(
  [...new Set<string>([...SEED_COUNTRIES, ...EU_MEMBER_STATES])].sort(),
);

/** The rules of `country` (ISO 3166-1 alpha-2), or undefined where porting is not covered. */
export function portingRulesFor(country: string): PortingCountryRules | undefined {
  return RULES.get(country);
}

const requirementLists = new Map<string, readonly string[]>();

/** Every Porting Activation Requirement name of `country` (base, then the country's extras). */
export function requirementsFor(country: string): readonly string[] {
  let list = requirementLists.get(country);
  if (!list) {
    const extras = RULES.get(country)?.extraRequirements.map((extra) => extra.name) ?? [];
    list = Object.freeze([...BASE_REQUIREMENTS, ...extras]);
    requirementLists.set(country, list);
  }
  return list;
}

/** False when the country is not covered or there is no porting agreement with the donor. */
export function isPortingAvailable(country: string, donorProvider: string): boolean {
  const rules = RULES.get(country);
  if (!rules) return false;
  return !rules.donorsWithoutAgreement.includes(normaliseProviderName(donorProvider));
}
