/**
 * The emergency-service policies a customer must acknowledge before activating devices: which
 * text each country gets, its version, and which earlier acknowledgements still count.
 *
 * The texts live in `locales/<lng>/disclosures.json` under `key`; the version names the text a
 * customer accepted. Change a text → give it a new version (a test pins each text's hash to its
 * version) and decide whether acknowledgements of the old one still count (`stillValid`: only for
 * a change that tells the customer nothing new, such as a wording fix); otherwise active devices
 * of accounts that accepted only the old text show `acknowledgement-outdated` until they accept
 * the new one.
 */
export const POLICY_NAMES = ["911-service-availability", "emergency-limitations"] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** One policy text: the policy it belongs to, the countries that get it, its current version. */
export interface PolicyText {
  policy: PolicyName;
  /** Where the title and text live in the `disclosures` namespace. */
  key: string;
  /** The countries that get this text; `null` for every country no other text names. */
  countries: readonly string[] | null;
  /** Whether the text has a `{{relay}}` paragraph (`relay` or `noRelay` under its key, see `RELAY_SERVICES`). */
  relayParagraph: boolean;
  version: string;
  /** sha256 (16 hex digits) over the title and text in every locale (`text-hash.ts`). */
  textHash: string;
  /** Earlier versions whose acknowledgements still count for this one, and why. */
  stillValid: readonly { version: string; why: string }[];
  /** Earlier versions and what changed since, newest first (the audit trail of the wording). */
  history: readonly { version: string; change: string }[];
  /** What the text implements. */
  sources: readonly string[];
}

export const POLICY_TEXTS: readonly PolicyText[] = [
  {
    policy: "911-service-availability",
    key: "911-service-availability.US",
    countries: ["US"],
    relayParagraph: false,
    version: "2026-11-30",
    textHash: "4397a8b63c6d7ea7",
    stillValid: [],
    history: [
      {
        version: "2026-11-23",
        change:
          "Adds the FCC advisory items missing before: use of a non-native telephone number, and delays in making a registered location available in the ALI database (47 CFR § 9.11(a)(5)); Dutch: “verplaatsing” for moving a device. Material: earlier acknowledgements no longer count.",
      },
    ],
    sources: [
      "001/003 North-American 911 terms (physical location of every device, e-mail before automatic transmission)",
      "47 CFR § 9.11(a)(5) (interconnected VoIP: advise every subscriber of the circumstances in which 911 may not be available or may be limited)",
    ],
  },
  {
    policy: "911-service-availability",
    key: "911-service-availability.CA",
    countries: ["CA"],
    relayParagraph: false,
    version: "2026-11-30",
    textHash: "784a8033b7be9aac",
    stillValid: [],
    history: [
      {
        version: "2026-11-23",
        change:
          "Canada's own text (it shared the US text before): do not hang up, call back at once if disconnected, the call may first reach a third-party call centre, inform every user. Material: earlier acknowledgements no longer count.",
      },
    ],
    sources: [
      "001/003 North-American 911 terms",
      "Telecom Decision CRTC 2005-21 (VoIP 9-1-1 customer notification: limitations, and the customer's acknowledgement)",
      "Telecom Decision CRTC 2005-61 (notification content; reminders to existing customers at least every 12 months)",
    ],
  },
  {
    policy: "emergency-limitations",
    key: "emergency-limitations",
    countries: null,
    relayParagraph: true,
    version: "2026-11-30",
    textHash: "1ef8ad8ede5c3992",
    stillValid: [],
    history: [
      {
        version: "2026-11-23",
        change:
          "Adds what the Regional Supplement requires and the text omitted: no emergency calls while the account is suspended (e.g. for non-payment) or when the customer's LAN/WAN blocks the connection; names the text relay number where the country has one (GB 18000, AU 106) instead of saying TTY is unsupported. Material: earlier acknowledgements no longer count.",
      },
    ],
    sources: [
      "004 Regional Supplement, CALLS TO/FROM EMERGENCY SERVICES and SERVICE LIMITATIONS",
      "GB: Ofcom General Conditions A3 (access to emergency organisations via Relay UK, 18000)",
      "AU: Telecommunications (Emergency Call Service) Determination 2019 (106 text emergency relay)",
    ],
  },
];

/**
 * Text relay services that reach the emergency services, per country, for the text: where the
 * country has one, deaf and speech-impaired users are told its number instead of being told that
 * text telephones are unsupported. Each number is also in the emergency catalogue (a test checks).
 */
export const RELAY_SERVICES: Readonly<Record<string, { number: string; service: string; source: string }>> = {
  GB: {
    number: "18000",
    service: "Relay UK",
    source: "Ofcom National Telephone Numbering Plan; General Conditions A3 (emergency access via Relay UK)",
  },
  AU: {
    number: "106",
    service: "National Relay Service",
    source: "Telecommunications (Emergency Call Service) Determination 2019 (106: text-based emergency relay)",
  },
};

/** The policy text a country gets. */
export function policyTextFor(country: string): PolicyText {
  const own = POLICY_TEXTS.find((text) => text.countries?.includes(country));
  return own ?? POLICY_TEXTS.find((text) => text.countries === null)!;
}

/** The policy that governs emergency calling in `country`. */
export function policyForCountry(country: string): PolicyName {
  return policyTextFor(country).policy;
}

/** Whether an acknowledgement of `version` covers the country's current text. */
export function acknowledgementState(
  text: PolicyText,
  acknowledgedVersion: string | undefined,
): "current" | "outdated" | "missing" {
  if (acknowledgedVersion === undefined) return "missing";
  if (acknowledgedVersion === text.version || text.stillValid.some((v) => v.version === acknowledgedVersion))
    return "current";
  return "outdated";
}
