import { computeCompensation } from "./compensation.js";
import { computeDeadline } from "./deadline.js";
import type { PortRequestRecord, PortStatus } from "./port-request.js";

type Derived = Pick<PortRequestRecord, "status" | "deadline" | "compensation">;

/**
 * The request's status, deadline and compensation as the contract defines them, from its
 * requirements, agreed date and timeline: `scheduled` exactly when every requirement is satisfied
 * and a date is agreed, the deadline counted from the later of the agreed date and the moment the
 * last requirement was met. A deadline already past when the request is (re)scheduled makes it
 * `overdue` at once — the customer is never told of a transfer "on" a date that is gone, then of
 * the delay seconds later. Compensation is measured when the request is overdue and made final at
 * completion, under the ported numbers' country's rules. Pure.
 */
export function reschedule(record: PortRequestRecord, nowMs: number): Derived {
  if (record.status === "cancelled")
    return { status: record.status, deadline: record.deadline, compensation: record.compensation };
  if (record.status === "completed") {
    if (record.compensation?.final)
      return { status: record.status, deadline: record.deadline, compensation: record.compensation };
    return {
      status: record.status,
      deadline: record.deadline,
      compensation: compensationOf(record, record.completedAt, true),
    };
  }
  const states = Object.values(record.requirements);
  const allMet = states.length > 0 && states.every((r) => r.satisfied);
  if (!allMet || !record.agreedDate) return { status: "awaiting_requirements", deadline: null, compensation: null };
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
  const status: PortStatus = Date.parse(deadline.at) < nowMs ? "overdue" : "scheduled";
  if (status !== "overdue") return { status, deadline, compensation: null };
  // Measured when the request becomes overdue, and again as delayed days accrue; the stored
  // amount is kept (with its `asOf`) while no further day counts, so re-reading changes nothing.
  const measured = compensationOf({ ...record, deadline }, new Date(nowMs).toISOString(), false);
  const kept = record.status === "overdue" && record.compensation && measured?.days === record.compensation.days;
  return { status, deadline, compensation: kept ? record.compensation : measured };
}

function compensationOf(record: PortRequestRecord, until: string | null, final: boolean) {
  if (!record.deadline || !until) return null;
  return computeCompensation({
    country: record.country,
    region: record.region,
    timeZone: record.timeZone,
    numberCount: record.numbers.length,
    deadline: record.deadline,
    until,
    final,
  });
}
