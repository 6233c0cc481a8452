import { localisedHolidayName } from "../calendar/holidays.js";

interface WithSkippedDays {
  country: string;
  region: string | null;
  deadline: { skipped: { date: string; reason: string }[] } | null;
}

/**
 * A request with the holidays its deadline passes over named in `lng` (issue 20: "Christmas Day"
 * in the German console). Stored requests carry the calendar's default (English) names; the
 * calendar knows each holiday in its country's languages, so the name is looked up again per
 * reader. `weekend` stays a code (the console words it).
 */
export function withHolidayNames<T extends WithSkippedDays>(request: T, lng: string): T {
  if (!request.deadline || /^en\b/i.test(lng)) return request;
  return {
    ...request,
    deadline: {
      ...request.deadline,
      skipped: request.deadline.skipped.map((day) =>
        day.reason === "weekend"
          ? day
          : { ...day, reason: localisedHolidayName(day.date, request.country, request.region, lng) ?? day.reason },
      ),
    },
  };
}
