import { z } from "zod";
import { isCoveredCountry } from "../geography/countries.js";
import { isValidTimeZone } from "../geography/time-zones.js";
import { SUPPORTED_LOCALES } from "../platform/locales.js";

/** An ISO 3166-1 alpha-2 code of a country this service covers. */
export const coveredCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in upper case, e.g. GB")
  .refine(isCoveredCountry, "is not a country this service covers");

export const ianaTimeZone = z.string().max(64).refine(isValidTimeZone, "must be an IANA time zone, e.g. Europe/Berlin");

export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, "must be a Standard Webhooks secret: whsec_ followed by base64");

/**
 * Who must know at once that someone on the account's premises dialled an emergency number
 * (Kari's Law, 47 CFR 9.16(b)(2): a central location on or off site, e.g. a security desk).
 */
export const onSiteContacts = z
  .object({
    emails: z.array(z.email().max(254)).max(20),
    webhookUrl: z.string().max(4096).optional(),
    escalation: z
      .object({
        afterSeconds: z.number().int().min(1).max(86_400).describe("Escalate when nobody acknowledged within this"),
        emails: z.array(z.email().max(254)).min(1).max(20),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.emails.length > 0 || c.webhookUrl !== undefined, {
    error: "needs at least one e-mail address or a webhookUrl",
    path: ["emails"],
  })
  .meta({ id: "OnSiteContacts" });
export type OnSiteContactsInput = z.infer<typeof onSiteContacts>;

export const accountInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: coveredCountry,
    locale: z.string().refine((v) => (SUPPORTED_LOCALES as readonly string[]).includes(v), {
      error: `must be one of ${SUPPORTED_LOCALES.join(", ")}`,
    }),
    timeZone: ianaTimeZone.optional(),
    contacts: z
      .object({
        emails: z.array(z.email().max(254)).min(1).max(20),
        webhookUrl: z.string().max(4096).optional(),
        webhookSecret: webhookSecret.optional(),
        onSite: onSiteContacts.optional(),
      })
      .strict(),
    dialing: z
      .object({
        /** Digits a PBX user dials for an outside line (e.g. "9"); Kari's Law: 911 must work with and without it. */
        outsideLinePrefixes: z
          .array(z.string().regex(/^[0-9]{1,3}$/, "1-3 digits"))
          .max(5)
          .default([]),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: "AccountInput" });
export type AccountInput = z.infer<typeof accountInput>;

export const account = z
  .object({
    accountId: z.string(),
    name: z.string(),
    country: z.string(),
    locale: z.string(),
    timeZone: z.string(),
    contacts: z.object({
      emails: z.array(z.string()),
      webhookUrl: z.string().nullable(),
      onSite: z
        .object({
          emails: z.array(z.string()),
          webhookUrl: z.string().nullable(),
          escalation: z.object({ afterSeconds: z.number().int(), emails: z.array(z.string()) }).nullable(),
        })
        .nullable()
        .optional()
        .describe("Kari's Law on-site alert contacts; null when none are set (alerts then go to `emails`)"),
    }),
    dialing: z.object({ outsideLinePrefixes: z.array(z.string()) }),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
    webhookSecret: z.string().optional().describe("Only in the response that generated it."),
  })
  .meta({ id: "Account" });
