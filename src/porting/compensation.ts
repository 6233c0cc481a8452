import { businessCalendar } from "../calendar/business-days.js";
import { parseCivilDate, parseInstant } from "../calendar/civil-date.js";
import { localDayNumberAt } from "../calendar/zone-clock.js";
import { compensationRuleFor, type CompensationScheme } from "./compensation-rules.js";

/**
 * What the customer is owed for a late port (CONTRACT.md "Number porting", `compensation`),
 * computed from the request's timeline and its numbers' calendar under the rule of the numbers'
 * country (`compensation-rules.ts`). Pure.
 */

export interface CompensationInput {
  /** The ported numbers' country (the request's `country`), not the account's. */
  country: string;
  region: string | null;
  timeZone: string;
  numberCount: number;
  /** The porting deadline: `date` (`YYYY-MM-DD`, local) and `at` (its last instant). */
  deadline: { date: string; at: string };
  /** Activation instant when completed; otherwise the moment the delay is measured at. */
  until: string;
  /** True once the request is completed: the amount no longer changes. */
  final: boolean;
}

export interface Compensation {
  currency: string;
  /** Owed so far (final when `final`), rounded to the currency's cents. */
  amount: number;
  /** Delayed days that count under the rule. */
  days: number;
  basis: CompensationScheme;
  /** The statute or regulator decision. */
  source: string;
  /** Its short name, as the notices cite it. */
  citation: string;
  final: boolean;
  /** The instant the amount was measured at (activation when final). */
  asOf: string;
}

/**
 * The compensation owed, or null when the port was not late or the numbers' country has no
 * verified scheme. `until` before or at `deadline.at` → null.
 */
export function computeCompensation(input: CompensationInput): Compensation | null {
  const rule = compensationRuleFor(input.country);
  const scheme = rule?.scheme;
  if (!rule || !scheme) return null;
  const untilMs = parseInstant(input.until);
  const deadlineMs = parseInstant(input.deadline.at);
  const deadlineDay = parseCivilDate(input.deadline.date);
  if (untilMs === undefined || deadlineMs === undefined || deadlineDay === undefined) return null;
  if (untilMs <= deadlineMs) return null;

  const days = countedDays(scheme, input, deadlineDay, untilMs);
  const paidDays = Math.max(0, days - (scheme.fromDay - 1));
  const multiplier = scheme.per === "number" ? input.numberCount : 1;
  let amount = paidDays * scheme.amountPerDay * multiplier;
  if (scheme.cap !== null) amount = Math.min(amount, scheme.cap);
  return {
    currency: scheme.currency,
    amount: Math.round(amount * 100) / 100,
    days: paidDays,
    basis: scheme,
    source: rule.source,
    citation: rule.citation,
    final: input.final,
    asOf: new Date(untilMs).toISOString(),
  };
}

/** The delayed days after the deadline day up to `untilMs` that the scheme counts. */
function countedDays(scheme: CompensationScheme, input: CompensationInput, deadlineDay: number, untilMs: number) {
  const untilDay = localDayNumberAt(input.timeZone, untilMs);
  // A per-full-day scheme does not count the day the port finished (or is measured) in.
  const lastDay = scheme.fullDaysOnly ? untilDay - 1 : untilDay;
  if (lastDay <= deadlineDay) return 0;
  if (scheme.day === "calendar") return lastDay - deadlineDay;
  const calendar = businessCalendar(input.country, input.region);
  let days = 0;
  for (let day = deadlineDay + 1; day <= lastDay; day++) if (calendar.reasonOn(day) === null) days++;
  return days;
}
