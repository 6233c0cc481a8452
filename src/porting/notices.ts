import type { AccountRecord } from "../accounts/service.js";
import { formatNational } from "../devices/callback-number.js";
import { isEuMemberState } from "../geography/countries.js";
import { planNotifications, type PlannedNotifications } from "../notifications/outbox.js";
import { formatDate } from "../notifications/render.js";
import type { Context } from "../platform/context.js";
import { t } from "../platform/i18n.js";
import type { PortRequestRecord } from "./port-request.js";

/**
 * The customer notices of a port's state changes (004: the transfer date once the requirements
 * are complete; the new anticipated date after a delay), planned into the same write as the
 * change. Dates are written as the contract says: `dateStyle: "long"` in the request's zone.
 */
export function portNotice(
  ctx: Context,
  account: AccountRecord,
  before: PortRequestRecord,
  after: PortRequestRecord,
  context: { reason?: string | null; withdrawn?: string | null },
): PlannedNotifications | null {
  const locale = account.locale;
  const date = (value: string | null | undefined) => (value ? formatDate(locale, value, after.timeZone) : "—");
  const numbers = after.numbers.map((n) => `${n} (${formatNational(n)})`).join("\n");
  const ref = { portRequestId: after.id };
  const data = {
    portRequestId: after.id,
    status: after.status,
    agreedDate: after.agreedDate,
    deadline: after.deadline ? { date: after.deadline.date, at: after.deadline.at } : null,
  };
  const wasScheduled = before.status === "scheduled" || before.status === "overdue";
  const isScheduled = after.status === "scheduled" || after.status === "overdue";

  if (after.status === "completed" && before.status !== "completed") {
    return planNotifications(
      ctx,
      account,
      "port.completed",
      { numbers, completedDate: formatDate(locale, localDate(after.completedAt!, after.timeZone), after.timeZone) },
      ref,
      { data },
    );
  }
  if (after.status === "overdue" && before.status !== "overdue") {
    const extra = isEuMemberState(account.country) ? [t(locale, "notifications")("port.overdue.euCompensation")] : [];
    return planNotifications(ctx, account, "port.overdue", { numbers, deadlineDate: date(after.deadline?.date) }, ref, {
      data,
      extraParagraphs: extra,
    });
  }
  if (isScheduled && !wasScheduled) {
    return planNotifications(
      ctx,
      account,
      "port.transfer_scheduled",
      { numbers, transferDate: date(after.agreedDate), deadlineDate: date(after.deadline?.date) },
      ref,
      { data },
    );
  }
  if (wasScheduled && !isScheduled && after.status === "awaiting_requirements") {
    const name = context.withdrawn ?? "agreed_date";
    const requirement = t(locale, "notifications")(`requirements.${name}`);
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

/** The calendar date of an instant in a zone (`YYYY-MM-DD`). */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}
