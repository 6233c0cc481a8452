import type { AccountRecord } from "../accounts/service.js";
import { localisedHolidayName } from "../calendar/holidays.js";
import { formatNational } from "../devices/callback-number.js";
import { isEuMemberState } from "../geography/countries.js";
import { planNotifications, type PlannedNotifications } from "../notifications/outbox.js";
import { formatDate } from "../notifications/render.js";
import type { Context } from "../platform/context.js";
import { t } from "../platform/i18n.js";
import type { Locale } from "../platform/locales.js";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { PortRequestRecord } from "./port-request.js";

/**
 * The customer notices of a port's state changes (004: the transfer date once the requirements
 * are complete; the new anticipated date after a delay), planned into the same write as the
 * change. Dates are written as the contract says: `dateStyle: "long"` in the request's zone.
 *
 * Rules the texts keep: a date already gone is never announced as to come (the transfer-scheduled
 * notice says the agreed date has passed); compensation is stated under the ported numbers'
 * country's rules, never the account's; holiday names are in the account's language.
 */
export function portNotice(
  ctx: Context,
  account: AccountRecord,
  before: PortRequestRecord,
  after: PortRequestRecord,
  context: { reason?: string | null; withdrawn?: string | null },
): PlannedNotifications | null {
  const locale = account.locale;
  const translate = t(locale, "notifications");
  const date = (value: string | null | undefined) => (value ? formatDate(locale, value, after.timeZone) : "—");
  const numbers = after.numbers.map(numberLine).join("\n");
  const ref = { portRequestId: after.id };
  const data = {
    portRequestId: after.id,
    status: after.status,
    agreedDate: after.agreedDate,
    deadline: after.deadline ? { date: after.deadline.date, at: after.deadline.at } : null,
    compensation: after.compensation
      ? { currency: after.compensation.currency, amount: after.compensation.amount, final: after.compensation.final }
      : null,
  };
  const wasScheduled = before.status === "scheduled" || before.status === "overdue";
  const isScheduled = after.status === "scheduled" || after.status === "overdue";

  if (after.status === "completed" && before.status !== "completed") {
    const late = after.completedOnTime === false;
    return planNotifications(
      ctx,
      account,
      "port.completed",
      { numbers, completedDate: formatDate(locale, localDate(after.completedAt!, after.timeZone), after.timeZone) },
      ref,
      { data, extraParagraphs: late ? compensationParagraphs(locale, after, "completed") : [] },
    );
  }
  if (after.status === "overdue" && before.status !== "overdue") {
    return planNotifications(ctx, account, "port.overdue", { numbers, deadlineDate: date(after.deadline?.date) }, ref, {
      data,
      extraParagraphs: compensationParagraphs(locale, after, "overdue"),
    });
  }
  if (isScheduled && !wasScheduled) {
    const today = localDate(ctx.now().toISOString(), after.timeZone);
    const transferDate = date(after.agreedDate);
    const transferNote =
      after.agreedDate && after.agreedDate < today
        ? translate("port.transfer_scheduled.datePassed", { transferDate })
        : translate("port.transfer_scheduled.onDate", { transferDate });
    return planNotifications(
      ctx,
      account,
      "port.transfer_scheduled",
      { numbers, transferNote, deadlineDate: date(after.deadline?.date), reference: after.id },
      ref,
      { data, extraParagraphs: skippedParagraph(locale, after) },
    );
  }
  if (wasScheduled && !isScheduled && after.status === "awaiting_requirements") {
    const name = context.withdrawn ?? "agreed_date";
    const requirement = translate(`requirements.${name}`);
    return planNotifications(
      ctx,
      account,
      "port.delayed",
      { numbers, requirement, oldDate: date(before.agreedDate) },
      ref,
      { data },
    );
  }
  if (wasScheduled && isScheduled && before.agreedDate !== after.agreedDate) {
    return planNotifications(
      ctx,
      account,
      "port.date_changed",
      { numbers, oldDate: date(before.agreedDate), newDate: date(after.agreedDate), reason: context.reason ?? "—" },
      ref,
      { data },
    );
  }
  return null;
}

/**
 * One number as people read it: the national format, then the international one
 * (`(03) 9123 4567 – +61 3 9123 4567`). Never wrapped in brackets of its own: national formats
 * bring theirs (Australia, North America).
 */
export function numberLine(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return `${formatNational(e164)} – ${parsed.formatInternational()}`;
}

/**
 * What the customer is owed, as the notices state it: the amount under the numbers' country's
 * scheme, or, in the EU without a verified national amount, that compensation may be due.
 */
function compensationParagraphs(locale: Locale, request: PortRequestRecord, when: "overdue" | "completed"): string[] {
  const translate = t(locale, "notifications");
  const compensation = request.compensation;
  if (compensation) {
    const money = (amount: number) =>
      new Intl.NumberFormat(locale, { style: "currency", currency: compensation.currency }).format(amount);
    const basis = compensation.basis;
    const rate = translate(`compensation.rate.${basis.per}.${basis.day}${basis.fullDaysOnly ? "Full" : ""}`, {
      amount: money(basis.amountPerDay),
    });
    return [
      translate(`compensation.${when}`, {
        citation: compensation.citation,
        rate,
        days: String(compensation.days),
        amount: money(compensation.amount),
        asOf: formatDate(locale, localDate(compensation.asOf, request.timeZone), request.timeZone),
      }),
    ];
  }
  return isEuMemberState(request.country) ? [translate("port.overdue.euCompensation")] : [];
}

/** The days the deadline passes over, with holiday names in the account's language. */
function skippedParagraph(locale: Locale, request: PortRequestRecord): string[] {
  const skipped = request.deadline?.skipped ?? [];
  if (!skipped.some((day) => day.reason !== "weekend")) return [];
  const translate = t(locale, "notifications");
  const days = skipped
    .map((day) => {
      const reason =
        day.reason === "weekend"
          ? translate("skipped.weekend")
          : (localisedHolidayName(day.date, request.country, request.region, locale) ?? day.reason);
      return `${formatDate(locale, day.date, request.timeZone)} (${reason})`;
    })
    .join("; ");
  return [translate("skipped.intro", { days })];
}

/** The calendar date of an instant in a zone (`YYYY-MM-DD`). */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}
