import { z } from "zod";
import { CIVIC_FIELDS, type CivicAddress } from "./civic-fields.js";

const FIELD_DOCS: Record<string, string> = {
  country: "ISO 3166-1 alpha-2 (RFC 5139 `country`)",
  region: "ISO 3166-2 subdivision code, e.g. DE-BY (RFC 5139 `A1`)",
  city: "RFC 5139 `A3`",
};

/**
 * The documented shape of a `CivicAddress`, generated from the field table. Requests are
 * validated by the per-country rules in `civic-address.ts` (which name every bad field); this
 * schema only documents the fields and their RFC 5139 elements.
 */
export const civicAddress = z
  .object(
    Object.fromEntries(
      CIVIC_FIELDS.map((field) => {
        const base = z
          .string()
          .max(field.maxLength)
          .describe(FIELD_DOCS[field.name] ?? `RFC 5139 \`${field.element}\``);
        return [field.name, field.name === "country" || field.name === "city" ? base : base.optional()];
      }),
    ),
  )
  .meta({ id: "CivicAddress" }) as unknown as z.ZodType<CivicAddress>;
// (Built from the field table, so the compiler cannot see the field names: the type says them.)
