/**
 * The emergency-service policies a customer must acknowledge before activating devices, and
 * which country needs which. The texts live in `locales/<lng>/disclosures.json`; the version
 * names the text a customer accepted. Change a text → bump its version (a test pins the text's
 * hash to the version so this cannot be forgotten).
 */
export const POLICIES = {
  /** 001 "Services d'urgence en Amérique du Nord", 003 "Informatie over fysieke locaties". */
  "911-service-availability": { version: "2026-11-23", textHash: "f3264bcb509ee40c", countries: ["US", "CA"] },
  /** 004 Regional Supplement, "CALLS TO/FROM EMERGENCY SERVICES": every other country. */
  "emergency-limitations": { version: "2026-11-23", textHash: "bbdc61ec830c8ba5", countries: null },
} as const satisfies Record<string, { version: string; textHash: string; countries: readonly string[] | null }>;

export type PolicyName = keyof typeof POLICIES;
export const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];

/** The policy that governs emergency calling in `country`. */
export function policyForCountry(country: string): PolicyName {
  for (const name of POLICY_NAMES) {
    const countries = POLICIES[name].countries as readonly string[] | null;
    if (countries?.includes(country)) return name;
  }
  return "emergency-limitations";
}
