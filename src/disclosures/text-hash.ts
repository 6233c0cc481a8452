import { createHash } from "node:crypto";
import { t } from "../platform/i18n.js";
import { SUPPORTED_LOCALES } from "../platform/locales.js";
import type { PolicyName } from "./policies.js";

/**
 * A fingerprint of a policy's texts in every locale. Pinned beside the policy's version in
 * `POLICIES`; a test fails when a text changes without a new version, because an acknowledgement
 * must name exactly the text the customer accepted.
 */
export function policyTextHash(policy: PolicyName): string {
  const hash = createHash("sha256");
  for (const locale of SUPPORTED_LOCALES) {
    const translate = t(locale, "disclosures");
    hash.update(`${locale}\n${translate(`${policy}.title`)}\n${translate(`${policy}.text`)}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}
