import { businessCalendar, nthBusinessDayAfter, type BusinessCalendar } from "../calendar/business-days.js";
import { formatCivilDate, parseCivilDate, parseInstant } from "../calendar/civil-date.js";
import { localisedHolidayName } from "../calendar/holidays.js";
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
  /** Language of the holiday names in `skipped` (BCP 47); English when absent. */
  locale?: string | null;
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

interface DayWalk {
  deadlineDay: number;
  deadlineDate: string;
  skipped: readonly SkippedDate[];
  /** `deadline.at` in the place's default zone, filled on first use. */
  defaultAt?: string;
}

/**
 * A validated (country, region): its rules, calendar and default zone, and the day walks already
 * made there — a walk depends only on the calendar, the start day and N.
 */
interface Place {
  country: string;
  region: string | null;
  businessDays: number;
  calendar: BusinessCalendar;
  defaultZone: string | undefined;
  walks: Map<number, DayWalk>;
}

const places = new Map<string, Map<string, Place>>();
const WALK_MEMO_LIMIT = 20_000;
/** Regions per country worth remembering; more than this is noise or abuse, not geography. */
const PLACE_MEMO_LIMIT = 2_000;

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}

function placeOf(country: string, region: string | null): Place {
  let byRegion = places.get(country);
  const cached = byRegion?.get(region ?? "");
  if (cached) return cached;
  const rules = portingRulesFor(country);
  if (!rules) throw invalid("country", `Porting is not covered in "${country}".`);
  if (region !== null && (!REGION_PATTERN.test(region) || !region.startsWith(country) || region.charCodeAt(2) !== 45)) {
    throw invalid("region", `"${region}" is not an ISO 3166-2 subdivision of ${country}.`);
  }
  const place: Place = {
    country,
    region,
    businessDays: rules.deadlineBusinessDays,
    calendar: businessCalendar(country, region),
    defaultZone: timeZoneFor(country, region),
    walks: new Map(),
  };
  if (!byRegion) {
    byRegion = new Map();
    places.set(country, byRegion);
  }
  if (byRegion.size < PLACE_MEMO_LIMIT) byRegion.set(region ?? "", place);
  return place;
}

function walkFrom(place: Place, startDay: number): DayWalk {
  let walk = place.walks.get(startDay);
  if (!walk) {
    const counted = nthBusinessDayAfter(place.calendar, startDay, place.businessDays);
    walk = {
      deadlineDay: counted.dayNumber,
      deadlineDate: formatCivilDate(counted.dayNumber),
      skipped: counted.skipped.map((day) => ({ date: formatCivilDate(day.dayNumber), reason: day.reason })),
    };
    if (place.walks.size >= WALK_MEMO_LIMIT) place.walks.clear();
    place.walks.set(startDay, walk);
  }
  return walk;
}

/**
 * The deadline for a port. Throws `ValidationError` (400, naming the field) for a country without
 * porting rules, a region of another country, an impossible date, an instant without offset or
 * an unknown time zone.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  const place = placeOf(input.country, input.region || null);

  const explicitZone = input.timeZone || null;
  const timeZone = explicitZone ?? place.defaultZone;
  if (!timeZone || (explicitZone !== null && !isKnownTimeZone(explicitZone))) {
    throw invalid("timeZone", `"${String(timeZone)}" is not an IANA time zone.`);
  }

  const agreedDay = parseCivilDate(input.agreedDate);
  if (agreedDay === undefined)
    throw invalid("agreedDate", `"${input.agreedDate}" is not a calendar date (YYYY-MM-DD).`);

  let startDay = agreedDay;
  const metAt = input.requirementsMetAt;
  if (metAt) {
    const ms = parseInstant(metAt);
    if (ms === undefined) throw invalid("requirementsMetAt", `"${metAt}" is not an ISO 8601 instant with offset.`);
    const metDay = localDayNumberAt(timeZone, ms);
    if (metDay > startDay) startDay = metDay;
  }

  const walk = walkFrom(place, startDay);
  let at: string;
  if (explicitZone === null) at = walk.defaultAt ??= endOfLocalDay(timeZone, walk.deadlineDay);
  else at = endOfLocalDay(timeZone, walk.deadlineDay);
  const skipped = new Array<SkippedDate>(walk.skipped.length);
  const locale = input.locale && !/^en\b/i.test(input.locale) ? input.locale : null;
  for (let i = 0; i < skipped.length; i++) {
    const day = walk.skipped[i]!;
    const reason =
      locale && day.reason !== "weekend"
        ? (localisedHolidayName(day.date, place.country, place.region, locale) ?? day.reason)
        : day.reason;
    skipped[i] = { date: day.date, reason };
  }
  return {
    country: place.country,
    region: place.region,
    timeZone,
    agreedDate: input.agreedDate,
    deadline: { date: walk.deadlineDate, at },
    skipped,
  };
}
