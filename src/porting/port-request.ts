import { z } from "zod";

/** A Porting Activation Requirement's state (004 "NUMBER USAGE AND PORTING"). */
export const requirementState = z.object({
  satisfied: z.boolean(),
  at: z.string().nullable().describe("When it was (un)satisfied — given by staff when entered after the fact"),
  by: z.string().nullable(),
  note: z.string().nullable(),
});
export type RequirementState = z.infer<typeof requirementState>;

export const PORT_STATUSES = ["awaiting_requirements", "scheduled", "overdue", "completed", "cancelled"] as const;
export type PortStatus = (typeof PORT_STATUSES)[number];

export const CONSENT_METHODS = ["signed-loa", "online", "recorded-call", "other"] as const;

/**
 * The end user's explicit consent to port (EECC Art. 106(6)): who gave it, when, how, and the
 * document or recording that proves it.
 */
export const portConsent = z.object({
  givenBy: z.string().describe("Who consented (the end user or their authorised signatory)"),
  at: z.string().describe("When consent was given (ISO 8601 instant)"),
  method: z.enum(CONSENT_METHODS).describe("signed letter of authorisation, online, recorded call, or other"),
  reference: z.string().nullable().describe("The document or recording, e.g. the LOA's file name or call id"),
});
export type PortConsent = z.infer<typeof portConsent>;

/**
 * What the customer is owed for a late port under the ported numbers' country's rules
 * (`compensation-rules.ts`): computed when the request becomes overdue, final at completion.
 */
export const portCompensation = z.object({
  currency: z.string().describe("ISO 4217"),
  amount: z.number().describe("Owed so far; final when `final`"),
  days: z.number().int().describe("Delayed days that count under the rule"),
  basis: z
    .object({
      per: z.enum(["number", "request"]),
      day: z.enum(["working", "calendar"]),
      fromDay: z.number().int().describe("The first counted delayed day that is paid"),
      fullDaysOnly: z.boolean().describe("Only days that ended before activation count"),
      amountPerDay: z.number(),
      currency: z.string(),
      cap: z.number().nullable(),
    })
    .describe("The rule: per number or request, per working or calendar day, from which day, amount, cap"),
  source: z.string().describe("Statute or regulator decision, with its clause"),
  citation: z.string().describe("Short name of the rule"),
  final: z.boolean(),
  asOf: z.string().describe("When the amount was measured (activation when final)"),
});

export const OPEN_STATUSES: readonly PortStatus[] = ["awaiting_requirements", "scheduled", "overdue"];

/**
 * A port request as stored — the one definition of its shape: the record type is inferred from
 * it, the OpenAPI document renders it, and the console's types are generated from that document.
 */
export const portRequestRecord = z.object({
  id: z.string(),
  accountId: z.string(),
  numbers: z.array(z.string()).describe("E.164"),
  country: z.string(),
  region: z.string().nullable(),
  timeZone: z.string(),
  donorProvider: z.string(),
  status: z.enum(PORT_STATUSES),
  requirements: z.record(z.string(), requirementState),
  agreedDate: z.string().nullable(),
  agreedDateHistory: z.array(
    z.object({ date: z.string(), at: z.string(), by: z.string(), reason: z.string().nullable() }),
  ),
  deadline: z
    .object({
      date: z.string(),
      at: z.string(),
      skipped: z.array(z.object({ date: z.string(), reason: z.string() })).describe("Days passed over, and why"),
    })
    .nullable(),
  completedAt: z.string().nullable(),
  completedOnTime: z.boolean().nullable(),
  consent: portConsent.nullable(),
  compensation: portCompensation
    .nullable()
    .describe(
      "Owed for a late port under the ported numbers' country's rules; null when on time or without a verified scheme",
    ),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PortRequestRecord = z.infer<typeof portRequestRecord>;

/** A port request as the API sends it: the record and its version. */
export const portRequest = portRequestRecord.extend({ version: z.number().int() }).meta({ id: "PortRequest" });

/** One entry of a request's timeline: what changed, from what to what, who and when. */
export interface PortEvent {
  at: string;
  by: string;
  event: "created" | "requirement" | "agreed_date" | "status" | "completed" | "cancelled" | "consent" | "compensation";
  field?: string;
  old?: unknown;
  new?: unknown;
  note?: string | null;
}

export function isOpen(status: PortStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
