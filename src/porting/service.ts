import { randomUUID } from "node:crypto";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { isSubdivisionOf } from "../geography/subdivisions.js";
import { timeZoneFor } from "../geography/time-zones.js";
import { dispatch } from "../notifications/outbox.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { Context } from "../platform/context.js";
import { ConflictError, NotFoundError, ProblemError, ValidationError, type FieldError } from "../platform/errors.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import { jobIds } from "../platform/queues.js";
import type { SideEffect, Versioned } from "../platform/versioned-store.js";
import { updateVersioned } from "../platform/versioned-update.js";
import { isPortingAvailable, portingRulesFor, requirementsFor } from "./country-rules.js";
import { claimNumbers, confirmClaims, releaseNumbers } from "./number-claims.js";
import { portNotice } from "./notices.js";
import { isOpen, type PortConsent, type PortEvent, type PortRequestRecord } from "./port-request.js";
import { reschedule } from "./schedule.js";

export const MAX_NUMBERS = 1_000;
/** Agreed dates further than this from today are refused as typos (e.g. 2062 for 2026). */
const MAX_DATE_DISTANCE_DAYS = 730;
/** Score of requests without a deadline in the open index: after every real deadline. */
const NO_DEADLINE = 8_640_000_000_000_000;

export type PortRequestView = PortRequestRecord & { version: number };
// Records written before consent and compensation existed read as having neither.
export const portRequestView = (found: Versioned<PortRequestRecord>): PortRequestView => ({
  ...found.doc,
  consent: found.doc.consent ?? null,
  compensation: found.doc.compensation ?? null,
  version: found.version,
});

export interface NewPortRequest {
  numbers: string[];
  country: string;
  region?: string | undefined;
  timeZone?: string | undefined;
  donorProvider: string;
  consent?: { givenBy: string; at: string; method: PortConsent["method"]; reference?: string | undefined } | undefined;
}

/**
 * The end user's consent as recorded: required where the numbers' country's rules require it
 * (`country-rules.ts`, EU: EECC Art. 106(6)), never dated in the future.
 */
function recordedConsent(input: NewPortRequest, now: string): PortConsent | null {
  const rules = portingRulesFor(input.country);
  if (!input.consent) {
    if (rules?.consent.required)
      throw new ValidationError([
        { path: "consent", message: `is required in ${input.country}: ${rules.consent.source}` },
      ]);
    return null;
  }
  return {
    givenBy: input.consent.givenBy,
    at: pastOrNow(input.consent.at, now, "consent.at"),
    method: input.consent.method,
    reference: input.consent.reference ?? null,
  };
}

/** Validates the numbers as numbers of `country` (E.164 out), naming each bad one. */
function normaliseNumbers(numbers: string[], country: string): string[] {
  const errors: FieldError[] = [];
  const out: string[] = [];
  numbers.forEach((raw, index) => {
    const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
    if (!parsed?.isValid() || parsed.country !== country)
      errors.push({ path: `numbers.${index}`, message: `is not a valid number of ${country}` });
    else if (out.includes(parsed.number)) errors.push({ path: `numbers.${index}`, message: "appears twice" });
    else out.push(parsed.number);
  });
  if (errors.length)
    throw new ValidationError(errors, "Some numbers are not valid numbers of the request's country.", "invalid-number");
  return out;
}

/**
 * Opens a port-in request. Refused with 400 `invalid-number` for numbers not of its country,
 * 422 `porting-unavailable` when there is no porting agreement with the donor (004: porting may be
 * unavailable), 409 `number-in-open-request` when a number is already being ported.
 */
export async function createPortRequest(
  ctx: Context,
  by: Principal,
  accountId: string,
  input: NewPortRequest,
): Promise<PortRequestView> {
  const { record: account } = await getAccount(ctx, accountId);
  if (!portingRulesFor(input.country))
    throw new ValidationError([{ path: "country", message: "porting is not covered in this country" }]);
  if (input.region && !isSubdivisionOf(input.country, input.region))
    throw new ValidationError([{ path: "region", message: `is not an ISO 3166-2 subdivision of ${input.country}` }]);
  const numbers = normaliseNumbers(input.numbers, input.country);
  const now = ctx.now().toISOString();
  const consent = recordedConsent(input, now);
  if (!isPortingAvailable(input.country, input.donorProvider)) {
    throw new ProblemError(
      422,
      "porting-unavailable",
      "Porting unavailable",
      `There is no porting agreement with ${input.donorProvider} in ${input.country}.`,
      [{ path: "donorProvider", message: "has no porting agreement" }],
    );
  }
  const id = `port_${randomUUID()}`;
  const actor = actorOf(by);
  const record: PortRequestRecord = {
    id,
    accountId,
    numbers,
    country: input.country,
    region: input.region ?? null,
    timeZone: input.timeZone ?? timeZoneFor(input.country, input.region) ?? account.timeZone,
    donorProvider: input.donorProvider,
    status: "awaiting_requirements",
    requirements: Object.fromEntries(
      requirementsFor(input.country).map((name) => [name, { satisfied: false, at: null, by: null, note: null }]),
    ),
    agreedDate: null,
    agreedDateHistory: [],
    deadline: null,
    completedAt: null,
    completedOnTime: null,
    consent,
    compensation: null,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  await claimNumbers(ctx, accountId, id, numbers);
  try {
    const event: PortEvent = {
      at: now,
      by: actor,
      event: "created",
      new: { numbers, country: record.country, donorProvider: record.donorProvider },
    };
    const consentEvent: PortEvent | null = consent
      ? { at: now, by: actor, event: "consent", field: "consent", old: null, new: consent }
      : null;
    await ctx.store.write(ctx.keys.portRequest(accountId, id), 0, record, [
      { command: "ZADD", key: ctx.keys.portRequestIndex(accountId), args: [Date.parse(now), id] },
      { command: "LPUSH", key: ctx.keys.portTimeline(accountId, id), args: [JSON.stringify(event)] },
      ...(consentEvent
        ? [
            {
              command: "LPUSH" as const,
              key: ctx.keys.portTimeline(accountId, id),
              args: [JSON.stringify(consentEvent)],
            },
          ]
        : []),
    ]);
  } catch (error) {
    await releaseNumbers(ctx, accountId, id, numbers).catch(() => undefined);
    throw error;
  }
  await confirmClaims(ctx, accountId, id);
  await ctx.redis.zadd(ctx.keys.openPortRequests(), NO_DEADLINE, `${accountId}/${id}`);
  return { ...record, version: 1 };
}

export async function getPortRequest(ctx: Context, accountId: string, id: string): Promise<PortRequestView> {
  const found = await ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(accountId, id));
  if (!found) throw new NotFoundError("port request");
  return portRequestView(found);
}

/** The account's port requests, newest first. */
export async function listPortRequests(ctx: Context, accountId: string, limit = 100): Promise<PortRequestView[]> {
  await getAccount(ctx, accountId);
  const ids = await ctx.redis.zrevrange(ctx.keys.portRequestIndex(accountId), 0, limit - 1);
  const docs = await ctx.store.readMany<PortRequestRecord>(ids.map((id) => ctx.keys.portRequest(accountId, id)));
  return docs.filter((d): d is Versioned<PortRequestRecord> => d !== null).map(portRequestView);
}

/** The request's timeline, newest first (append-only). */
export async function portTimeline(ctx: Context, accountId: string, id: string): Promise<PortEvent[]> {
  await getPortRequest(ctx, accountId, id);
  const entries = await ctx.redis.lrange(ctx.keys.portTimeline(accountId, id), 0, -1);
  return entries.map((e) => JSON.parse(e) as PortEvent);
}

/** How many closed requests the board's completed/cancelled filter remembers. */
const CLOSED_KEPT = 5_000;

/** Remembers a closed request for the board's filter (idempotent: the score is its closing time). */
async function recordClosed(ctx: Context, member: string, closedAt: string): Promise<void> {
  await ctx.redis.zadd(ctx.keys.closedPortRequests(), Date.parse(closedAt), member);
  await ctx.redis.zremrangebyrank(ctx.keys.closedPortRequests(), 0, -CLOSED_KEPT - 1);
}

/** Completed or cancelled requests across accounts, most recently closed first. */
export async function closedPortRequests(
  ctx: Context,
  status: "completed" | "cancelled",
  limit = 500,
): Promise<PortRequestView[]> {
  const members = await ctx.redis.zrevrange(ctx.keys.closedPortRequests(), 0, CLOSED_KEPT - 1);
  const found = await Promise.all(
    members.map((m) => {
      const [accountId, id] = m.split("/") as [string, string];
      return ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(accountId, id));
    }),
  );
  return found
    .filter((d): d is Versioned<PortRequestRecord> => d !== null && d.doc.status === status)
    .slice(0, limit)
    .map(portRequestView);
}

/** Open requests across accounts, overdue first, then by deadline, then those without one. */
export async function portingBoard(ctx: Context, limit = 500): Promise<PortRequestView[]> {
  const members = await ctx.redis.zrange(ctx.keys.openPortRequests(), "0", String(limit - 1));
  const found = await Promise.all(
    members.map((m) => {
      const [accountId, id] = m.split("/") as [string, string];
      return ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(accountId, id));
    }),
  );
  return found
    .filter((d): d is Versioned<PortRequestRecord> => d !== null && isOpen(d.doc.status))
    .map(portRequestView);
}

interface Change {
  record: PortRequestRecord;
  events: PortEvent[];
  /** For the notices: why the date moved, which requirement was withdrawn. */
  context?: { reason?: string | null; withdrawn?: string | null };
}

/**
 * Applies one change to a request with compare-and-set: the new status and deadline are derived
 * (`reschedule`), the timeline entries and the customer notices are written in the same atomic
 * step, so a retry can neither lose nor repeat a notice. Then the cross-account index, the
 * deadline job and the number claims follow (each idempotent), and the notices are queued.
 */
async function changePortRequest(
  ctx: Context,
  by: Principal,
  accountId: string,
  id: string,
  ifMatch: number | "*" | undefined,
  mutate: (current: PortRequestRecord, now: string, actor: string) => Change | null,
): Promise<PortRequestView> {
  const { record: account } = await getAccount(ctx, accountId);
  const actor = actorOf(by);
  return updateVersioned(ifMatch, async () => {
    const found = await ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(accountId, id));
    if (!found) throw new NotFoundError("port request");
    assertIfMatch(ifMatch, found.version);
    const now = ctx.now();
    const change = mutate(found.doc, now.toISOString(), actor);
    if (!change) return portRequestView(found);
    const derived = reschedule(change.record, now.getTime());
    const next: PortRequestRecord = { ...change.record, ...derived, updatedAt: now.toISOString(), updatedBy: actor };
    const events = [...change.events];
    if (next.status !== found.doc.status)
      events.push({
        at: now.toISOString(),
        by: actor,
        event: "status",
        field: "status",
        old: found.doc.status,
        new: next.status,
      });
    if (JSON.stringify(next.deadline) !== JSON.stringify(found.doc.deadline)) {
      events.push({
        at: now.toISOString(),
        by: actor,
        event: "status",
        field: "deadline",
        old: found.doc.deadline && { date: found.doc.deadline.date, at: found.doc.deadline.at },
        new: next.deadline && { date: next.deadline.date, at: next.deadline.at },
      });
    }
    if (JSON.stringify(next.compensation) !== JSON.stringify(found.doc.compensation)) {
      events.push({
        at: now.toISOString(),
        by: actor,
        event: "compensation",
        field: "compensation",
        old: found.doc.compensation,
        new: next.compensation,
      });
    }
    const notice = portNotice(ctx, account, found.doc, next, change.context ?? {});
    const effects: SideEffect[] = [
      ...events.map((e) => ({
        command: "LPUSH" as const,
        key: ctx.keys.portTimeline(accountId, id),
        args: [JSON.stringify(e)],
      })),
      ...(notice?.effects ?? []),
    ];
    const version = await ctx.store.write(ctx.keys.portRequest(accountId, id), found.version, next, effects);
    await afterChange(ctx, found.doc, next, notice?.records ?? []);
    return { ...next, version };
  });
}

/** The follow-ups of a committed change; each is idempotent, and the sweep repairs a missed one. */
async function afterChange(
  ctx: Context,
  before: PortRequestRecord,
  after: PortRequestRecord,
  notices: NotificationRecord[],
): Promise<void> {
  const member = `${after.accountId}/${after.id}`;
  if (isOpen(after.status)) {
    await ctx.redis.zadd(
      ctx.keys.openPortRequests(),
      after.deadline ? Date.parse(after.deadline.at) : NO_DEADLINE,
      member,
    );
  } else {
    await ctx.redis.zrem(ctx.keys.openPortRequests(), member);
    await recordClosed(ctx, member, after.updatedAt);
    await releaseNumbers(ctx, after.accountId, after.id, after.numbers);
  }
  const deadlineGone = before.deadline && (before.deadline.at !== after.deadline?.at || !isOpen(after.status));
  if (deadlineGone && before.deadline) {
    await ctx.queues.portDeadlines
      .remove(
        jobIds.portDeadline({ accountId: after.accountId, portRequestId: after.id, deadlineAt: before.deadline.at }),
      )
      .catch(() => 0);
  }
  if (after.status === "scheduled" && after.deadline) await scheduleDeadlineJob(ctx, after);
  await dispatch(ctx, notices);
}

/** A delayed job that fires just after `deadline.at` (deterministic id: scheduling twice is harmless). */
export async function scheduleDeadlineJob(ctx: Context, record: PortRequestRecord): Promise<void> {
  const job = { accountId: record.accountId, portRequestId: record.id, deadlineAt: record.deadline!.at };
  const delay = Math.max(0, Date.parse(job.deadlineAt) + 1 - ctx.now().getTime());
  await ctx.queues.portDeadlines.add("deadline", job, { jobId: jobIds.portDeadline(job), delay });
}

function assertChangeable(record: PortRequestRecord, what: string): void {
  if (record.status === "completed" || record.status === "cancelled") {
    throw new ConflictError(
      "invalid-transition",
      "Request closed",
      `The request is ${record.status}; its ${what} can no longer change.`,
    );
  }
}

function pastOrNow(at: string | undefined, now: string, path: string): string {
  if (at === undefined) return now;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new ValidationError([{ path, message: "is not a date-time with offset" }]);
  if (ms > Date.parse(now) + 1_000)
    throw new ValidationError([{ path, message: "is in the future: record when it actually happened" }]);
  return new Date(ms).toISOString();
}

/** Sets or withdraws one Porting Activation Requirement (who, when, a note). */
export async function setRequirement(
  ctx: Context,
  by: Principal,
  accountId: string,
  id: string,
  name: string,
  input: { satisfied: boolean; note?: string | undefined; at?: string | undefined },
  ifMatch?: number | "*",
): Promise<PortRequestView> {
  return changePortRequest(ctx, by, accountId, id, ifMatch, (current, now, actor) => {
    if (!(name in current.requirements)) {
      throw new ValidationError([
        {
          path: "name",
          message: `is not a requirement in ${current.country}: ${Object.keys(current.requirements).join(", ")}`,
        },
      ]);
    }
    assertChangeable(current, "requirements");
    const at = pastOrNow(input.at, now, "at");
    const old = current.requirements[name]!;
    if (old.satisfied === input.satisfied) return null;
    const state = { satisfied: input.satisfied, at, by: actor, note: input.note ?? null };
    return {
      record: { ...current, requirements: { ...current.requirements, [name]: state } },
      events: [
        {
          at: now,
          by: actor,
          event: "requirement",
          field: name,
          old: old.satisfied,
          new: input.satisfied,
          note: state.note,
        },
      ],
      context: { withdrawn: input.satisfied ? null : name },
    };
  });
}

/** Sets the transfer date agreed with the donor provider, keeping every earlier one. */
export async function setAgreedDate(
  ctx: Context,
  by: Principal,
  accountId: string,
  id: string,
  input: { date: string; reason?: string | undefined },
  ifMatch?: number | "*",
): Promise<PortRequestView> {
  const days = Math.abs(Date.parse(`${input.date}T00:00:00Z`) - ctx.now().getTime()) / 86_400_000;
  if (days > MAX_DATE_DISTANCE_DAYS)
    throw new ValidationError([{ path: "date", message: "is more than two years away" }]);
  return changePortRequest(ctx, by, accountId, id, ifMatch, (current, now, actor) => {
    assertChangeable(current, "agreed date");
    if (current.agreedDate === input.date) return null;
    return {
      record: {
        ...current,
        agreedDate: input.date,
        agreedDateHistory: [
          ...current.agreedDateHistory,
          { date: input.date, at: now, by: actor, reason: input.reason ?? null },
        ],
      },
      events: [
        {
          at: now,
          by: actor,
          event: "agreed_date",
          field: "agreedDate",
          old: current.agreedDate,
          new: input.date,
          note: input.reason ?? null,
        },
      ],
      context: { reason: input.reason ?? null },
    };
  });
}

/** Records the activation; `completedOnTime` compares it with the deadline. */
export async function completePortRequest(
  ctx: Context,
  by: Principal,
  accountId: string,
  id: string,
  input: { activatedAt?: string | undefined },
  ifMatch?: number | "*",
): Promise<PortRequestView> {
  return changePortRequest(ctx, by, accountId, id, ifMatch, (current, now, actor) => {
    if (current.status === "completed") return null;
    if (current.status === "cancelled")
      throw new ConflictError("invalid-transition", "Request cancelled", "A cancelled request cannot be completed.");
    if (current.status === "awaiting_requirements") {
      throw new ConflictError(
        "invalid-transition",
        "Requirements not met",
        "The request is not scheduled: every requirement must be satisfied and a date agreed first.",
      );
    }
    const activatedAt = pastOrNow(input.activatedAt, now, "activatedAt");
    const onTime = current.deadline ? Date.parse(activatedAt) <= Date.parse(current.deadline.at) : null;
    return {
      record: { ...current, status: "completed", completedAt: activatedAt, completedOnTime: onTime },
      events: [{ at: now, by: actor, event: "completed", field: "completedAt", old: null, new: activatedAt }],
    };
  });
}

export async function cancelPortRequest(
  ctx: Context,
  by: Principal,
  accountId: string,
  id: string,
  input: { reason?: string | undefined },
  ifMatch?: number | "*",
): Promise<PortRequestView> {
  return changePortRequest(ctx, by, accountId, id, ifMatch, (current, now, actor) => {
    if (current.status === "cancelled") return null;
    if (current.status === "completed")
      throw new ConflictError("invalid-transition", "Request completed", "A completed request cannot be cancelled.");
    return {
      record: { ...current, status: "cancelled" },
      events: [{ at: now, by: actor, event: "cancelled", note: input.reason ?? null }],
    };
  });
}

const SYSTEM: Principal = { keyId: "porting-worker", role: "admin", accountId: null, label: null };

/**
 * Marks a request overdue if its deadline has passed and it is still not completed. Called by the
 * deadline job and the sweep; idempotent (an overdue request is left as it is, so the notice is
 * sent once).
 */
export async function markOverdueIfDue(
  ctx: Context,
  accountId: string,
  id: string,
): Promise<"marked" | "not-due" | "closed"> {
  let outcome: "marked" | "not-due" | "closed" = "not-due";
  await changePortRequest(ctx, SYSTEM, accountId, id, undefined, (current, now) => {
    outcome = "not-due";
    if (!isOpen(current.status)) {
      outcome = "closed";
      return null;
    }
    if (current.status === "overdue") {
      // Still late: a write only when another delayed day counts towards the compensation.
      const remeasured = reschedule(current, Date.parse(now)).compensation;
      return remeasured?.days !== current.compensation?.days ? { record: current, events: [] } : null;
    }
    if (current.status !== "scheduled" || !current.deadline || Date.parse(current.deadline.at) >= Date.parse(now))
      return null;
    outcome = "marked";
    // The status entry of the timeline (old → new) is added by changePortRequest.
    return { record: { ...current, status: "overdue" }, events: [] };
  }).catch((error: unknown) => {
    if (error instanceof NotFoundError) outcome = "closed";
    else throw error;
  });
  return outcome;
}

/**
 * The safety net behind the deadline jobs: every open request whose deadline has passed is
 * checked (a lost job, a Redis failover, a worker down at the time). Also drops stale entries.
 */
export async function sweepOverdue(ctx: Context): Promise<number> {
  const due = await ctx.redis.zrangebyscore(ctx.keys.openPortRequests(), "-inf", ctx.now().getTime());
  let marked = 0;
  for (const member of due) {
    const [accountId, id] = member.split("/") as [string, string];
    const outcome = await markOverdueIfDue(ctx, accountId, id);
    if (outcome === "marked") marked++;
    if (outcome === "closed") await ctx.redis.zrem(ctx.keys.openPortRequests(), member);
  }
  return marked;
}
