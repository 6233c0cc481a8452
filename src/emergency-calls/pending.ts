import type { Context } from "../platform/context.js";
import { loggableError } from "../platform/logger.js";
import { isConnectionError } from "../platform/redis.js";
import type { CallReport } from "./evidence.js";
import { CallReportConflictError, recordReportedCall } from "./record-call.js";

interface HeldReport {
  report: CallReport;
  receivedAt: Date;
  reportedBy: string;
  /** Set once an unexpected error has been logged for this report (logged once, retried on). */
  failedOnce?: boolean;
}

const held = new WeakMap<Context, { reports: Map<string, HeldReport>; timer: NodeJS.Timeout }>();
const RETRY_MS = 500;

/**
 * Keeps a call reported while the store was unreachable and records it — alerts and all — as soon
 * as the store answers again, with the time it was received. Held in this process only: the 202
 * answer tells the reporter the call is not recorded yet, so it reports it again (same `callId`)
 * until it gets a 201/200; a repeat is harmless either way.
 */
export function holdForRetry(ctx: Context, key: string, report: HeldReport): void {
  let entry = held.get(ctx);
  if (!entry) {
    const reports = new Map<string, HeldReport>();
    const timer = setInterval(() => void retryHeld(ctx, reports), RETRY_MS);
    timer.unref();
    entry = { reports, timer };
    held.set(ctx, entry);
  }
  if (!entry.reports.has(key)) entry.reports.set(key, report);
}

/** How many reports this process holds for the store. */
export function heldReports(ctx: Context): number {
  return held.get(ctx)?.reports.size ?? 0;
}

let retrying = false;
async function retryHeld(ctx: Context, reports: Map<string, HeldReport>): Promise<void> {
  if (retrying || reports.size === 0) return;
  retrying = true;
  try {
    for (const [key, held] of reports) {
      try {
        const recorded = await recordReportedCall(ctx, held.report, held.receivedAt, held.reportedBy);
        if (recorded.ok) reports.delete(key);
      } catch (error) {
        if (isConnectionError(error)) return;
        // A conflicting earlier report is the evidence: done. Anything else — a write applied but
        // not yet confirmed by a replica after a failover, say — is tried again next round: an
        // emergency call is never dropped. Logged once per report.
        if (error instanceof CallReportConflictError) reports.delete(key);
        else if (!held.failedOnce) {
          held.failedOnce = true;
          ctx.logger.error({ error: loggableError(error) }, "held emergency call not recorded yet; retrying");
        }
      }
    }
  } finally {
    retrying = false;
  }
}
