import type { Context } from "../platform/context.js";
import { loggableError } from "../platform/logger.js";
import { isConnectionError } from "../platform/redis.js";
import type { CallReport } from "./evidence.js";
import { CallReportConflictError, recordReportedCall } from "./record-call.js";

interface HeldReport {
  report: CallReport;
  receivedAt: Date;
  reportedBy: string;
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
    for (const [key, { report, receivedAt, reportedBy }] of reports) {
      try {
        const recorded = await recordReportedCall(ctx, report, receivedAt, reportedBy);
        if (recorded.ok) reports.delete(key);
      } catch (error) {
        if (isConnectionError(error)) return;
        // A conflicting earlier report is the evidence; anything else is logged and dropped, not retried forever.
        if (!(error instanceof CallReportConflictError))
          ctx.logger.error({ error: loggableError(error) }, "held emergency call could not be recorded");
        reports.delete(key);
      }
    }
  } finally {
    retrying = false;
  }
}
