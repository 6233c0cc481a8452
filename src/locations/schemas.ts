import { z } from "zod";
import { CIVIC_FIELDS } from "./civic-fields.js";

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
  .meta({ id: "CivicAddress" });

export const locationInput = z
  .object({
    address: z.unknown(),
    reason: z.string().trim().max(500).optional().describe("Why the location changed; kept in the history."),
  })
  .strict();

export const locationInputDoc = z
  .object({ address: civicAddress, reason: z.string().max(500).optional() })
  .meta({ id: "LocationInput" });

export const location = z
  .object({
    address: civicAddress,
    displayLine: z.string().max(60).describe("What an answering point shows (≤ 60 characters)."),
    timeZone: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "Location" });

export const locationHistory = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        address: civicAddress.nullable().describe("null when the device was deactivated"),
        changedAt: z.string(),
        changedBy: z.string(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "LocationHistory" });

export const locationUpdatesQuery = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM") })
  .strict();
