import type { CallLocation, CallWarning, EmergencyCallRecord } from "./evidence.js";
import type { CallState, TimelineEvent } from "./store.js";

/** An emergency call as the API shows it: the evidence, its state, and (one call) its timeline. */
export interface EmergencyCallView {
  id: string;
  callId: string;
  accountId: string | null;
  deviceId: string | null;
  identity: string | null;
  resolved: boolean;
  dialed: string;
  number: string | null;
  country: string | null;
  test: boolean;
  callbackNumber: string | null;
  deviceLabel: string | null;
  location: CallLocation | null;
  startedAt: string;
  receivedAt: string;
  status: "notified" | "acknowledged" | "escalated" | "pending";
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedAt: string | null;
  escalationDueAt: string | null;
  alerted: boolean;
  notificationIds: string[];
  warnings: CallWarning[];
  timeline?: TimelineEvent[];
}

export function callView(
  record: EmergencyCallRecord,
  state: CallState,
  options: { timeline?: TimelineEvent[]; pending?: boolean } = {},
): EmergencyCallView {
  const status = options.pending
    ? "pending"
    : state.acknowledgedAt
      ? "acknowledged"
      : state.escalatedAt
        ? "escalated"
        : "notified";
  return {
    id: record.id,
    callId: record.callId,
    accountId: record.accountId,
    deviceId: record.deviceId,
    identity: record.identity,
    resolved: record.resolved,
    dialed: record.dialed,
    number: record.number,
    country: record.country,
    test: record.test,
    callbackNumber: record.callbackNumber,
    deviceLabel: record.deviceLabel,
    location: record.location,
    startedAt: record.startedAt,
    receivedAt: record.receivedAt,
    status,
    acknowledgedAt: state.acknowledgedAt,
    acknowledgedBy: state.acknowledgedBy,
    escalatedAt: state.escalatedAt,
    escalationDueAt: record.escalation?.dueAt ?? null,
    alerted: record.alert !== null,
    notificationIds: record.alert?.notificationIds ?? [],
    warnings: record.warnings,
    ...(options.timeline ? { timeline: options.timeline } : {}),
  };
}
