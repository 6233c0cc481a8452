import { classifyWithPrefixes } from "../emergency/classify.js";
import { testCallNumber } from "./test-numbers.js";

/**
 * What one emergency call is recorded as: the evidence that the on-site notification of Kari's
 * Law (47 U.S.C. 623(d); 47 CFR 9.16(b)(2)) had something true to say. Written once, never
 * changed: acknowledgement and escalation are appended to the call's timeline beside it.
 */
export interface EmergencyCallRecord {
  id: string;
  callId: string;
  /** The account the call was matched to; null when no account could be found. */
  accountId: string | null;
  /** The device as reported (account + device) or as resolved from the identity; null if unknown. */
  deviceId: string | null;
  /** The SIP or tel URI the call was reported with, when it was reported that way. */
  identity: string | null;
  /** True when the call was matched to a known device. */
  resolved: boolean;
  dialed: string;
  /** The emergency (or test) number the dialled string reached; null when it is neither. */
  number: string | null;
  /** The country whose number it is (the device's service country, else the account's). */
  country: string | null;
  test: boolean;
  callbackNumber: string | null;
  deviceLabel: string | null;
  /** The dispatchable location the call carried, as registered at that moment, with its version. */
  location: CallLocation | null;
  startedAt: string;
  receivedAt: string;
  reportedBy: string;
  warnings: CallWarning[];
  /** The on-site alert written with the record (null: nothing to alert, or nobody to alert). */
  alert: { type: AlertType; notificationIds: string[]; recipients: "on-site" | "account" } | null;
  /** When the alert is escalated if nobody acknowledges it (snapshot of the account's setting). */
  escalation: { afterSeconds: number; dueAt: string; emails: string[] } | null;
  /** Hash of the report as received: the same `callId` with another report is a conflict. */
  fingerprint: string;
}

export type AlertType = "emergency.call_placed" | "emergency.test_call";

export const CALL_WARNINGS = [
  "unknown-caller",
  "unknown-account",
  "not-an-emergency-number",
  "location-not-registered",
  "no-on-site-contacts",
  "no-alert-recipients",
  "store-unavailable",
] as const;
export type CallWarning = (typeof CALL_WARNINGS)[number];

/** A registered location as carried by a call: the device's location document plus where it came from. */
export type CallLocation = Record<string, unknown> & { version: number; source: "registered" };

/** The parts of a device the evidence needs (structural, so this rule stays free of the devices component). */
export interface CallingDevice {
  deviceId: string;
  callbackNumber: string;
  serviceCountry: string;
  label: string | null;
  location: ({ version: number } & Record<string, unknown>) | null;
}

export interface CallingAccount {
  accountId: string;
  country: string;
  dialing: { outsideLinePrefixes: readonly string[] };
  contacts: {
    emails: string[];
    webhookUrl: string | null;
    onSite?: {
      emails: string[];
      webhookUrl: string | null;
      escalation: { afterSeconds: number; emails: string[] } | null;
    } | null;
  };
}

export interface CallReport {
  callId: string;
  dialed: string;
  accountId?: string | undefined;
  deviceId?: string | undefined;
  identity?: string | undefined;
  startedAt?: string | undefined;
}

/** Who gets the on-site alert: the on-site contacts, or — when the account has none — its contacts. */
export interface AlertRecipients {
  emails: string[];
  webhookUrl: string | null;
  kind: "on-site" | "account";
}

/**
 * Builds the evidence of one reported call from what was known at the moment it arrived. The
 * number is classified in the device's service country (else the account's country), with or
 * without an outside-line prefix (47 CFR 9.16(b)(1)); a test number (933 in the US) is recorded as
 * `test: true`. A number that is neither is recorded with `number: null` and no alert.
 */
export function callEvidence(input: {
  id: string;
  report: CallReport;
  fingerprint: string;
  account: CallingAccount | null;
  device: CallingDevice | null;
  receivedAt: Date;
  reportedBy: string;
}): { record: Omit<EmergencyCallRecord, "alert">; recipients: AlertRecipients | null; alertType: AlertType | null } {
  const { report, account, device } = input;
  const country = device?.serviceCountry ?? account?.country ?? null;
  const prefixes = account?.dialing.outsideLinePrefixes ?? [];
  const test = country ? testCallNumber(country, report.dialed, prefixes) : null;
  const classified = country && !test ? classifyWithPrefixes(country, report.dialed, prefixes) : null;
  const number = test ?? classified?.number ?? null;

  const warnings: CallWarning[] = [];
  if (!account) warnings.push("unknown-account");
  if (!device) warnings.push("unknown-caller");
  if (number === null && country !== null) warnings.push("not-an-emergency-number");
  if (device && !device.location) warnings.push("location-not-registered");

  let recipients: AlertRecipients | null = null;
  const alertType: AlertType | null = number === null ? null : test ? "emergency.test_call" : "emergency.call_placed";
  if (account && alertType) {
    const onSite = account.contacts.onSite;
    if (onSite && (onSite.emails.length > 0 || onSite.webhookUrl)) {
      recipients = { emails: onSite.emails, webhookUrl: onSite.webhookUrl, kind: "on-site" };
    } else {
      // Nobody named for the premises: the account's own contacts are the best central location we know.
      warnings.push("no-on-site-contacts");
      recipients = { emails: account.contacts.emails, webhookUrl: account.contacts.webhookUrl, kind: "account" };
    }
    if (recipients.emails.length === 0 && !recipients.webhookUrl) {
      warnings.push("no-alert-recipients");
      recipients = null;
    }
  }

  const escalationSetting = test || !recipients ? null : (account?.contacts.onSite?.escalation ?? null);
  const record: Omit<EmergencyCallRecord, "alert"> = {
    id: input.id,
    callId: report.callId,
    accountId: account?.accountId ?? null,
    deviceId: device?.deviceId ?? report.deviceId ?? null,
    identity: report.identity ?? null,
    resolved: device !== null,
    dialed: report.dialed,
    number,
    country,
    test: test !== null,
    callbackNumber: device?.callbackNumber ?? null,
    deviceLabel: device?.label ?? null,
    location: device?.location ? { ...device.location, source: "registered" } : null,
    startedAt: report.startedAt ?? input.receivedAt.toISOString(),
    receivedAt: input.receivedAt.toISOString(),
    reportedBy: input.reportedBy,
    warnings,
    escalation: escalationSetting
      ? {
          afterSeconds: escalationSetting.afterSeconds,
          dueAt: new Date(input.receivedAt.getTime() + escalationSetting.afterSeconds * 1000).toISOString(),
          emails: escalationSetting.emails,
        }
      : null,
    fingerprint: input.fingerprint,
  };
  return { record, recipients, alertType };
}
