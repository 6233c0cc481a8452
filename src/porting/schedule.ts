import { computeDeadline } from "./deadline.js";
import type { PortRequestRecord, PortStatus } from "./port-request.js";

/**
 * The request's status and deadline as the contract defines them, from its requirements and
 * agreed date: `scheduled` exactly when every requirement is satisfied and a date is agreed, the
 * deadline counted from the later of the agreed date and the moment the last requirement was met.
 * A request already `overdue` stays overdue while its (recomputed) deadline is past. Pure.
 */
export function reschedule(record: PortRequestRecord, nowMs: number): Pick<PortRequestRecord, "status" | "deadline"> {
  if (record.status === "completed" || record.status === "cancelled")
    return { status: record.status, deadline: record.deadline };
  const states = Object.values(record.requirements);
  const allMet = states.length > 0 && states.every((r) => r.satisfied);
  if (!allMet || !record.agreedDate) return { status: "awaiting_requirements", deadline: null };
  const metAt = states.reduce<string | null>(
    (latest, r) => (r.at && (!latest || Date.parse(r.at) > Date.parse(latest)) ? r.at : latest),
    null,
  );
  const computed = computeDeadline({
    country: record.country,
    region: record.region,
    timeZone: record.timeZone,
    agreedDate: record.agreedDate,
    requirementsMetAt: metAt,
  });
  const deadline = { date: computed.deadline.date, at: computed.deadline.at, skipped: computed.skipped };
  const status: PortStatus = record.status === "overdue" && Date.parse(deadline.at) < nowMs ? "overdue" : "scheduled";
  return { status, deadline };
}
