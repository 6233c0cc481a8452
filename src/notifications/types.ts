/**
 * The notifications the contracts require and what each must say. The texts live in
 * `locales/<lng>/notifications.json`; every variable named here is filled by the caller.
 */
export const NOTIFICATION_TYPES = {
  /** 001/003: automatic location transmission is not enabled until the customer is e-mailed. */
  "e911.activated": ["deviceName", "displayLine", "callbackNumber", "callbackNational"],
  /** A changed emergency location of an active device (001/003: the location must be kept current). */
  "location.changed": ["deviceName", "displayLine", "previousDisplayLine", "changedBy", "changedAt"],
  /** 004 "NUMBER USAGE AND PORTING": the customer is notified of the transfer date. */
  "port.transfer_scheduled": ["numbers", "transferNote", "deadlineDate", "reference"],
  /** 004: after a delay, promptly notified of the new anticipated date. */
  "port.date_changed": ["numbers", "oldDate", "newDate", "reason"],
  "port.delayed": ["numbers", "requirement", "oldDate"],
  "port.overdue": ["numbers", "deadlineDate"],
  "port.completed": ["numbers", "completedDate"],
  /** Telecom Decisions CRTC 2005-21/2005-61: remind existing customers of the 9-1-1 limitations at least every 12 months. */
  "disclosure.reminder": ["policyTitle", "disclosureText", "year"],
  /**
   * Kari's Law (47 U.S.C. 623(d); 47 CFR 9.16(b)(2)): the on-site notification that a 911 call was
   * made, with a valid callback number and the location sent to the answering point.
   */
  "emergency.call_placed": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink"],
  /** A test call (933 in the US): the same notice, marked as a test. */
  "emergency.test_call": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink"],
  /** Nobody acknowledged an emergency call's on-site alert in time: told to the escalation contacts. */
  "emergency.call_escalated": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink", "waited"],
} as const satisfies Record<string, readonly string[]>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];
export type NotificationVars<T extends NotificationType> = Record<(typeof NOTIFICATION_TYPES)[T][number], string>;

export const CHANNELS = ["email", "webhook"] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ["queued", "sent", "failed"] as const;

/** A notification as stored: what was (or will be) sent, to whom, and how delivery went. */
export interface NotificationRecord {
  id: string;
  accountId: string;
  type: NotificationType;
  channel: Channel;
  locale: string;
  to: string;
  subject: string;
  body: string;
  html: string;
  /** The webhook's JSON payload `data` (webhook channel only). */
  data: Record<string, unknown> | null;
  status: (typeof NOTIFICATION_STATUSES)[number];
  delivered?: "smtp" | "outbox" | "webhook";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  ref: { deviceId?: string; portRequestId?: string; emergencyCallId?: string };
}
