import { createHash } from "node:crypto";
import { translator } from "../platform/i18n.js";
import { SUPPORTED_LOCALES } from "../platform/locales.js";
import type { PolicyText } from "./policies.js";

/**
 * A fingerprint of a policy text in every locale (every string under its key: title, text and
 * the parts put into it). Pinned beside the text's version in `POLICY_TEXTS`; a test fails when a
 * text changes without a new version, because an acknowledgement must name exactly the text the
 * customer accepted.
 */
export function policyTextHash(text: Pick<PolicyText, "key">): string {
  const hash = createHash("sha256");
  for (const locale of SUPPORTED_LOCALES) {
    const resource = translator().getResource(locale, "disclosures", text.key) as unknown;
    hash.update(`${locale}\n${stableJson(resource)}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

function stableJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}
