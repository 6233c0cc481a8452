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
  event: "created" | "requirement" | "agreed_date" | "status" | "completed" | "cancelled";
  field?: string;
  old?: unknown;
  new?: unknown;
  note?: string | null;
}

export function isOpen(status: PortStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
