import { createHash } from "node:crypto";
import type { Context } from "../platform/context.js";
import { EmergencyPath } from "../platform/emergency-path.js";
import { ConflictError } from "../platform/errors.js";
import { jobIds } from "../platform/queues.js";
import { loggableError } from "../platform/logger.js";
import type { NotificationRecord } from "../notifications/types.js";
import { VersionConflictError } from "../platform/versioned-store.js";
import { callLink } from "./alert-text.js";
import { dispatchAlerts, planAlerts } from "./alerts.js";
import { callEvidence, type CallReport, type EmergencyCallRecord } from "./evidence.js";
import { identifyCaller } from "./identify.js";
import { addToFeed, feedJoinsRecord, readCall, writeCallRecord, type StoredCall } from "./store.js";

/** The call's id: one per (account, callId), so a repeated report finds the first one's record. */
export function callRecordId(owner: string | null, callId: string): string {
  return `ecall_${createHash("sha256")
    .update(`${owner ?? "~"}\n${callId}`)
    .digest("base64url")
    .slice(0, 22)}`;
}

/** What a report was: the fields as received, hashed (a retry without `startedAt` is the same report). */
export function reportFingerprint(report: CallReport): string {
  const fields = [report.callId, report.dialed, report.accountId, report.deviceId, report.identity, report.startedAt];
  return createHash("sha256")
    .update(JSON.stringify(fields.map((f) => f ?? null)))
    .digest("hex");
}

export class CallReportConflictError extends ConflictError {
  constructor() {
    super(
      "call-report-conflict",
      "Call reported differently",
      "This callId was already reported with other details; the first report is kept as evidence.",
      [{ path: "callId", message: "was already reported with other details" }],
    );
  }
}

export type Recorded = { ok: true; created: boolean; call: StoredCall } | { ok: false };

/**
 * Records one reported call — its evidence, its on-site alerts in the outbox, its timeline and
 * indexes in one atomic write — then queues the alerts, schedules the escalation and shows it in
 * the staff feed. Those three are triggers: if this process dies before them, the sweeper does
 * them. `{ ok: false }` when the store could not be reached within the emergency path's deadline.
 */
export async function recordReportedCall(
  ctx: Context,
  report: CallReport,
  receivedAt: Date,
  reportedBy: string,
  path: EmergencyPath = new EmergencyPath(),
): Promise<Recorded> {
  const identified = await identifyCaller(ctx, report, path);
  if (!identified.ok) return identified;
  const { account, device } = identified.value;
  const owner = account?.accountId ?? null;
  const id = callRecordId(owner, report.callId);
  const fingerprint = reportFingerprint(report);
  const {
    record: evidence,
    recipients,
    alertType,
  } = callEvidence({
    id,
    report,
    fingerprint,
    account,
    device,
    receivedAt,
    reportedBy,
  });
  const link = callLink(ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`, evidence);
  const planned =
    account && recipients && alertType
      ? planAlerts(ctx, account, { ...evidence, alert: null }, alertType, recipients, link)
      : { records: [], effects: [] };
  const record: EmergencyCallRecord = {
    ...evidence,
    alert:
      alertType && recipients
        ? { type: alertType, notificationIds: planned.records.map((r) => r.id), recipients: recipients.kind }
        : null,
  };

  let written: { ok: boolean };
  try {
    written = await path.attempt(() => writeCallRecord(ctx, record, planned.effects));
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    const first = await path.attempt(() => readCall(ctx, owner, id));
    if (!first.ok) return first;
    if (!first.value) throw error;
    if (first.value.record.fingerprint !== fingerprint) throw new CallReportConflictError();
    return { ok: true, created: false, call: first.value };
  }
  if (!written.ok) return { ok: false };

  // The answer waits for the staff feed (written with the record on one node, one more round trip
  // in a Cluster: staff see what the reporter was told is recorded) but not for the queueing of the
  // alerts and the escalation: the call is answered as soon as its record is written, and the
  // alerts leave at the same moment. What is lost if this process dies now is in the outbox, and
  // the sweeper queues it (ADR 0015).
  queueTriggers(ctx, planned.records, record);
  if (!feedJoinsRecord(ctx)) await path.attempt(() => addToFeed(ctx, record));
  return {
    ok: true,
    created: true,
    call: {
      record,
      state: { acknowledgedAt: null, acknowledgedBy: null, acknowledgedByKey: null, escalatedAt: null },
      stateVersion: 0,
    },
  };
}

/** Queues the call's alerts and escalation without holding up the answer; a failure is logged. */
function queueTriggers(ctx: Context, alerts: readonly NotificationRecord[], record: EmergencyCallRecord): void {
  Promise.all([dispatchAlerts(ctx, alerts), scheduleEscalation(ctx, record)]).catch((error: unknown) => {
    ctx.logger.warn(
      { emergencyCallId: record.id, error: loggableError(error) },
      "emergency-call alerts not queued; the sweeper will queue them",
    );
  });
}

/** Adds the call's escalation job (deterministic id: adding it again is a no-op). */
export async function scheduleEscalation(ctx: Context, record: EmergencyCallRecord): Promise<void> {
  if (!record.escalation || record.accountId === null) return;
  const job = { owner: record.accountId, emergencyCallId: record.id };
  await ctx.queues.emergencyAlerts.add("escalate", job, {
    jobId: jobIds.emergencyEscalation(job),
    delay: Math.max(0, Date.parse(record.escalation.dueAt) - ctx.now().getTime()),
  });
}
