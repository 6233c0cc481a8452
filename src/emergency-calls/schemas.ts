import { z } from "zod";
import { location } from "../devices/schemas.js";
import { resourceId } from "../platform/ids.js";
import { CALL_WARNINGS } from "./evidence.js";

/** What a handset or PBX can send (as the dial check accepts it): digits and keypad separators. */
const dialed = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9+*#(). ,\t\u00a0-]+$/, "may contain only digits, spaces, - . ( ) , + * #");

/** The report of one emergency call, by the platform, the SIP proxy or a provisioning hook. */
export const emergencyCallReport = z
  .object({
    callId: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[\x21-\x7e]+$/, "visible ASCII characters only (a SIP Call-ID)")
      .describe("The call's own id (the SIP Call-ID): the same callId again is the same call"),
    dialed,
    accountId: resourceId.optional(),
    deviceId: resourceId.optional(),
    identity: z
      .string()
      .max(512)
      .regex(/^(sip|sips|tel):\S+$/, "must be a sip:, sips: or tel: URI")
      .optional()
      .describe("The caller's SIP or tel URI, instead of accountId + deviceId"),
    startedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the call started; defaults to when the report arrived"),
  })
  .strict()
  .superRefine((r, ctx) => {
    const byDevice = r.accountId !== undefined || r.deviceId !== undefined;
    if (byDevice && r.identity !== undefined)
      ctx.addIssue({ code: "custom", path: ["identity"], message: "give either accountId + deviceId or identity" });
    else if (!byDevice && r.identity === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["accountId"],
        message: "is required (with deviceId) unless identity is given",
      });
    else if (byDevice && (r.accountId === undefined || r.deviceId === undefined))
      ctx.addIssue({
        code: "custom",
        path: [r.accountId === undefined ? "accountId" : "deviceId"],
        message: "is required with the other",
      });
  })
  .meta({ id: "EmergencyCallReport" });

const timelineEvent = z
  .object({
    at: z.string(),
    type: z.enum(["placed", "alert_sent", "alert_failed", "acknowledged", "escalated"]),
    channel: z.enum(["email", "webhook"]).optional(),
    notificationId: z.string().optional(),
    by: z.string().optional(),
    detail: z.string().optional(),
  })
  .meta({ id: "EmergencyCallEvent" });

export const emergencyCall = z
  .object({
    id: z.string(),
    callId: z.string(),
    accountId: z.string().nullable().describe("null: the call could not be matched to an account"),
    deviceId: z.string().nullable(),
    identity: z.string().nullable(),
    resolved: z.boolean().describe("false: the caller could not be matched to a device (kept for staff)"),
    dialed: z.string(),
    number: z.string().nullable().describe("The emergency (or test) number reached; null: neither, so no alert"),
    country: z.string().nullable(),
    test: z.boolean().describe("A test call (933 in the US)"),
    callbackNumber: z.string().nullable(),
    deviceLabel: z.string().nullable(),
    location: location
      .extend({ source: z.literal("registered") })
      .nullable()
      .describe("The dispatchable location the call carried, with its version, as it was at that moment"),
    startedAt: z.string(),
    receivedAt: z.string(),
    status: z
      .enum(["notified", "acknowledged", "escalated", "pending"])
      .describe("`pending`: only in a 202, answered while the store was unreachable"),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    escalationDueAt: z.string().nullable(),
    alerted: z.boolean().describe("Whether an on-site alert was written with the record"),
    notificationIds: z.array(z.string()).describe("The on-site alert's notifications (one per channel)"),
    warnings: z.array(z.enum(CALL_WARNINGS)),
    timeline: z.array(timelineEvent).optional().describe("One call: placed → alert sent → acknowledged/escalated"),
  })
  .meta({ id: "EmergencyCall" });

export const emergencyCallList = z
  .object({ items: z.array(emergencyCall), nextCursor: z.string().nullable() })
  .meta({ id: "EmergencyCallList" });

export const emergencyCallFeedSchema = z
  .object({ items: z.array(emergencyCall), open: z.number().int().describe("Unacknowledged calls in all") })
  .meta({ id: "EmergencyCallFeed" });

export const callIdParam = z.string().regex(/^ecall_[A-Za-z0-9_-]{22}$/, "is not an emergency call id");
