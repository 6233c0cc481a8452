import { businessCalendar, nthBusinessDayAfter, type BusinessCalendar } from "../calendar/business-days.js";
import { formatCivilDate, parseCivilDate } from "../calendar/civil-date.js";
import { endOfLocalDay, isKnownTimeZone, localDayNumberAt } from "../calendar/zone-clock.js";
import { timeZoneFor } from "../geography/time-zones.js";
import { ValidationError } from "../platform/errors.js";
import { portingRulesFor } from "./country-rules.js";

/**
 * The porting deadline (CONTRACT.md, "Number porting", "The deadline"): the N-th business day
 * strictly after the later of the agreed date and the local date on which the last Porting
 * Activation Requirement was satisfied, in the number's country, region and time zone; N is the
 * country's deadline length (`country-rules.ts`, one business day everywhere covered today).
 * `deadline.at` is the last millisecond of that day in the zone.
 *
 * Pure and synchronous. Built for a hot path (every request change recomputes it, the sweep
 * recomputes many): calendars, zone offsets, end-of-day strings and the day walk itself are
 * memoised, so a warm call allocates only its result.
 */

export interface DeadlineInput {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 3166-2 subdivision, e.g. `DE-BY`. */
  region?: string | null;
  /** IANA zone; defaults to the region's, else the country's. */
  timeZone?: string | null;
  /** `YYYY-MM-DD`. */
  agreedDate: string;
  /** ISO instant (with offset) when the last requirement was satisfied. */
  requirementsMetAt?: string | null;
}

export interface SkippedDate {
  date: string;
  /** `"weekend"` or the holiday's name. */
  reason: string;
}

export interface Deadline {
  country: string;
  region: string | null;
  timeZone: string;
  agreedDate: string;
  deadline: { date: string; at: string };
  skipped: SkippedDate[];
}

const REGION_PATTERN = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

interface DayWalk {
  deadlineDay: number;
  skipped: readonly SkippedDate[];
}

/** Walks memoised per (calendar, start day, N): the result depends on nothing else. */
const walks = new WeakMap<BusinessCalendar, Map<number, DayWalk>>();
const WALK_MEMO_LIMIT = 20_000;

function walkFrom(calendar: BusinessCalendar, startDay: number, businessDays: number): DayWalk {
  let byStart = walks.get(calendar);
  if (!byStart) {
    byStart = new Map();
    walks.set(calendar, byStart);
  }
  const key = startDay * 8 + businessDays;
  let walk = byStart.get(key);
  if (!walk) {
    const counted = nthBusinessDayAfter(calendar, startDay, businessDays);
    walk = {
      deadlineDay: counted.dayNumber,
      skipped: counted.skipped.map((day) => ({ date: formatCivilDate(day.dayNumber), reason: day.reason })),
    };
    if (byStart.size >= WALK_MEMO_LIMIT) byStart.clear();
    byStart.set(key, walk);
  }
  return walk;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}

/**
 * The deadline for a port. Throws `ValidationError` (400, naming the field) for a country without
 * porting rules, a region of another country, an impossible date, an instant without offset or
 * an unknown time zone.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  const country = input.country;
  const rules = portingRulesFor(country);
  if (!rules) throw invalid("country", `Porting is not covered in "${country}".`);

  const region = input.region || null;
  if (region !== null && (!REGION_PATTERN.test(region) || !region.startsWith(country) || region.charCodeAt(2) !== 45)) {
    throw invalid("region", `"${region}" is not an ISO 3166-2 subdivision of ${country}.`);
  }

  const timeZone = input.timeZone || timeZoneFor(country, region);
  if (!timeZone || !isKnownTimeZone(timeZone)) throw invalid("timeZone", `"${String(timeZone)}" is not an IANA time zone.`);

  const agreedDay = parseCivilDate(input.agreedDate);
  if (agreedDay === undefined) throw invalid("agreedDate", `"${input.agreedDate}" is not a calendar date (YYYY-MM-DD).`);

  let startDay = agreedDay;
  const metAt = input.requirementsMetAt;
  if (metAt) {
    const ms = INSTANT_PATTERN.test(metAt) ? Date.parse(metAt) : Number.NaN;
    if (Number.isNaN(ms)) throw invalid("requirementsMetAt", `"${metAt}" is not an ISO 8601 instant with offset.`);
    const metDay = localDayNumberAt(timeZone, ms);
    if (metDay > startDay) startDay = metDay;
  }

  const walk = walkFrom(businessCalendar(country, region), startDay, rules.deadlineBusinessDays);
  const skipped: SkippedDate[] = new Array(walk.skipped.length);
  for (let i = 0; i < skipped.length; i++) {
    const day = walk.skipped[i]!;
    skipped[i] = { date: day.date, reason: day.reason };
  }
  return {
    country,
    region,
    timeZone,
    agreedDate: input.agreedDate,
    deadline: { date: formatCivilDate(walk.deadlineDay), at: endOfLocalDay(timeZone, walk.deadlineDay) },
    skipped,
  };
}
