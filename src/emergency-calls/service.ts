import { getAccount } from "../accounts/service.js";
import { lastKnownDialing } from "../accounts/last-known.js";
import type { Context } from "../platform/context.js";
import { EmergencyPath } from "../platform/emergency-path.js";
import { NotFoundError, ProblemError } from "../platform/errors.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { jobIds } from "../platform/queues.js";
import { VersionConflictError } from "../platform/versioned-store.js";
import { callEvidence, type CallReport, type EmergencyCallRecord } from "./evidence.js";
import { lastKnownCaller } from "./identify.js";
import { holdForRetry } from "./pending.js";
import { callRecordId, recordReportedCall, reportFingerprint } from "./record-call.js";
import {
  listCallIds,
  NO_STATE,
  readCall,
  readCalls,
  readFeed,
  readTimeline,
  removeFromOpenFeed,
  timelineEntry,
  writeCallState,
} from "./store.js";
import { callView, type EmergencyCallView } from "./view.js";

export type { EmergencyCallView } from "./view.js";

/** The reported caller is unknown: 404, although the call was recorded (as unresolved) for staff. */
export class UnknownCallerError extends ProblemError {
  constructor(id: string) {
    super(
      404,
      "not-found",
      "Not found",
      `No such device. The emergency call was recorded as unresolved (${id}) and is shown to staff.`,
    );
  }
}

export interface ReportAnswer {
  /** 201 recorded now, 200 recorded before (same `callId`), 202 held: the store is unreachable. */
  status: 200 | 201 | 202;
  call: EmergencyCallView;
}

/**
 * An emergency call reported by the platform or the SIP proxy, while it is being set up: recorded
 * as evidence with its on-site alerts (Kari's Law) in one write, answered as soon as that write is
 * done. Idempotent on `callId`. A caller that cannot be matched is still recorded (unresolved) and
 * still alerts the account, if known; the route answers it 404. When the store does not answer
 * within the emergency path's deadline, the answer is 202 with what this process knows and the
 * warning `store-unavailable`, and the report is recorded as soon as the store is back.
 */
export async function reportEmergencyCall(
  ctx: Context,
  principal: Principal,
  report: CallReport,
  path: EmergencyPath = new EmergencyPath(),
): Promise<ReportAnswer> {
  const receivedAt = ctx.now();
  const reportedBy = actorOf(principal);
  const recorded = await recordReportedCall(ctx, report, receivedAt, reportedBy, path);
  if (recorded.ok) {
    return { status: recorded.created ? 201 : 200, call: callView(recorded.call.record, recorded.call.state) };
  }
  return heldAnswer(ctx, report, receivedAt, reportedBy);
}

/** Without the store: the evidence as this process knows it, held for recording. Never a 5xx. */
function heldAnswer(ctx: Context, report: CallReport, receivedAt: Date, reportedBy: string): ReportAnswer {
  const device = lastKnownCaller(ctx, report);
  const owner = device ? device.accountId : null;
  holdForRetry(ctx, `${report.accountId ?? "~"} ${report.callId}`, { report, receivedAt, reportedBy });
  const { record } = callEvidence({
    id: callRecordId(report.accountId ?? owner, report.callId),
    report,
    fingerprint: reportFingerprint(report),
    account: device
      ? {
          accountId: device.accountId,
          country: device.serviceCountry,
          dialing: { outsideLinePrefixes: lastKnownDialing(ctx, device.accountId)?.value.outsideLinePrefixes ?? [] },
          contacts: { emails: [], webhookUrl: null },
        }
      : null,
    device,
    receivedAt,
    reportedBy,
  });
  // Only what is known: the alert and its recipients are decided when the call is recorded.
  const warnings = record.warnings.filter((w) => w !== "no-on-site-contacts" && w !== "no-alert-recipients");
  warnings.push("store-unavailable");
  const held: EmergencyCallRecord = { ...record, accountId: report.accountId ?? null, warnings, alert: null };
  return { status: 202, call: callView(held, NO_STATE, { pending: true }) };
}

/** One call of an account (or, `owner` null, an unresolved one) with its timeline; 404 otherwise. */
export async function getEmergencyCall(ctx: Context, owner: string | null, id: string): Promise<EmergencyCallView> {
  const [found, timeline] = await Promise.all([readCall(ctx, owner, id), readTimeline(ctx, owner, id)]);
  if (!found) throw new NotFoundError("emergency call");
  return callView(found.record, found.state, { timeline });
}

/**
 * The security desk confirms it has seen the alert: appended to the call's timeline, the call
 * leaves the live feed and its escalation is cancelled. Acknowledging again changes nothing.
 */
export async function acknowledgeEmergencyCall(
  ctx: Context,
  principal: Principal,
  owner: string | null,
  id: string,
  by: string,
): Promise<EmergencyCallView> {
  for (;;) {
    const found = await readCall(ctx, owner, id);
    if (!found) throw new NotFoundError("emergency call");
    if (found.state.acknowledgedAt) return getEmergencyCall(ctx, owner, id);
    const at = ctx.now().toISOString();
    const state = { ...found.state, acknowledgedAt: at, acknowledgedBy: by, acknowledgedByKey: actorOf(principal) };
    try {
      await writeCallState(ctx, owner, id, found.stateVersion, state, [
        timelineEntry(ctx, owner, id, { at, type: "acknowledged", by }),
        { command: "ZREM", key: ctx.keys.openEmergencyCalls(owner), args: [id] },
      ]);
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    await removeFromOpenFeed(ctx, owner, id);
    if (owner !== null) await cancelEscalation(ctx, owner, id);
    return getEmergencyCall(ctx, owner, id);
  }
}

async function cancelEscalation(ctx: Context, owner: string, id: string): Promise<void> {
  // A job already running (or locked) cannot be removed: it re-reads the state and finds the acknowledgement.
  await ctx.queues.emergencyAlerts.remove(jobIds.emergencyEscalation({ owner, emergencyCallId: id })).catch(() => 0);
}

/** An account's emergency calls, newest first (optionally one device's, or only test calls). */
export async function listEmergencyCalls(
  ctx: Context,
  accountId: string,
  query: { deviceId?: string | undefined; test?: boolean | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: EmergencyCallView[]; nextCursor: string | null }> {
  await getAccount(ctx, accountId);
  let offset = query.cursor ? Number(Buffer.from(query.cursor, "base64url").toString("utf8")) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) offset = 0;
  const items: EmergencyCallView[] = [];
  for (;;) {
    const ids = await listCallIds(ctx, accountId, { deviceId: query.deviceId, offset, limit: 100 });
    const calls = await readCalls(
      ctx,
      ids.map((id) => ({ owner: accountId, id })),
    );
    for (const call of calls) {
      offset++;
      if (!call || (query.test !== undefined && call.record.test !== query.test)) continue;
      items.push(callView(call.record, call.state));
      if (items.length === query.limit) return { items, nextCursor: Buffer.from(String(offset)).toString("base64url") };
    }
    if (ids.length < 100) return { items, nextCursor: null };
  }
}

/** The staff's live feed across accounts: unacknowledged calls (`open`) or all recent ones, newest first. */
export async function emergencyCallFeed(
  ctx: Context,
  query: { status: "open" | "all"; limit: number },
): Promise<{ items: EmergencyCallView[]; open: number }> {
  const [refs, open] = await Promise.all([
    readFeed(ctx, query.status, query.limit),
    ctx.redis.zcard(ctx.keys.emergencyCallFeed("open")),
  ]);
  const calls = await readCalls(ctx, refs);
  const items = calls.flatMap((call) => (call ? [callView(call.record, call.state)] : []));
  return { items, open };
}

export type { CallReport };
