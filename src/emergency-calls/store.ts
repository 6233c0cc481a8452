import type { Context } from "../platform/context.js";
import type { SideEffect } from "../platform/versioned-store.js";
import type { EmergencyCallRecord } from "./evidence.js";

/** What happened to a call after it was recorded, in order (appended, never rewritten). */
export interface TimelineEvent {
  at: string;
  type: "placed" | "alert_sent" | "alert_failed" | "acknowledged" | "escalated";
  channel?: "email" | "webhook";
  notificationId?: string;
  by?: string;
  detail?: string;
}

/** The call's mutable state: which of the appended steps have happened (versioned, compare-and-set). */
export interface CallState {
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByKey: string | null;
  escalatedAt: string | null;
}

export const NO_STATE: CallState = {
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByKey: null,
  escalatedAt: null,
};

/** How many calls the staff feed keeps (newest first). */
const FEED_LENGTH = 2_000;

/** `owner/id` in the feed; `~` stands for "no account". */
export const feedMember = (owner: string | null, id: string) => `${owner === null ? "~" : owner}/${id}`;
/** `~` cannot start an account id (`[A-Za-z0-9._-]`), so it marks the unresolved slot. */
export function parseFeedMember(member: string): { owner: string | null; id: string } {
  const slash = member.lastIndexOf("/");
  const owner = member.slice(0, slash);
  return { owner: owner === "~" ? null : owner, id: member.slice(slash + 1) };
}

export const timelineEntry = (ctx: Context, owner: string | null, id: string, event: TimelineEvent): SideEffect => ({
  command: "RPUSH",
  key: ctx.keys.emergencyCallTimeline(owner, id),
  args: [JSON.stringify(event)],
});

/**
 * Whether the staff feed is written in the call record's own script: on one node (single Redis,
 * Sentinel) it is, which saves the intake a round trip; in a Cluster the feed is a key of its own
 * slot, so it follows the record (`addToFeed`).
 */
export const feedJoinsRecord = (ctx: Context): boolean => !ctx.redis.isCluster;

/**
 * Writes a call's record once (version 1: a record with this id already stored is a
 * `VersionConflictError`), with its first timeline entry, its indexes and its alerts' outbox
 * entries in the same script — and its place in the staff feed where {@link feedJoinsRecord}.
 */
export async function writeCallRecord(ctx: Context, record: EmergencyCallRecord, effects: SideEffect[]): Promise<void> {
  const owner = record.accountId;
  const score = Date.parse(record.receivedAt);
  const all: SideEffect[] = [
    timelineEntry(ctx, owner, record.id, { at: record.receivedAt, type: "placed" }),
    { command: "ZADD", key: ctx.keys.emergencyCalls(owner), args: [score, record.id] },
    ...effects,
  ];
  if (record.deviceId !== null)
    all.push({ command: "ZADD", key: ctx.keys.deviceEmergencyCalls(owner, record.deviceId), args: [score, record.id] });
  if (record.number !== null)
    all.push({ command: "ZADD", key: ctx.keys.openEmergencyCalls(owner), args: [score, record.id] });
  if (feedJoinsRecord(ctx)) all.push(...feedWrites(ctx, record));
  await ctx.store.write(ctx.keys.emergencyCall(owner, record.id), 0, record, all);
}

/**
 * Whether the call waits for someone to acknowledge it: every emergency or test call, and every
 * call we could not match (staff must look at it, whatever was dialled).
 */
export function needsAttention(record: EmergencyCallRecord): boolean {
  return record.number !== null || !record.resolved;
}

/** A call's place in the staff's live feed: all recent calls (trimmed), and the open ones. */
function feedWrites(ctx: Context, record: EmergencyCallRecord): SideEffect[] {
  const member = feedMember(record.accountId, record.id);
  const score = Date.parse(record.receivedAt);
  const all = ctx.keys.emergencyCallFeed("all");
  const writes: SideEffect[] = [
    { command: "ZADD", key: all, args: [score, member] },
    { command: "ZREMRANGEBYRANK", key: all, args: [0, -FEED_LENGTH - 1] },
  ];
  if (needsAttention(record))
    writes.push({ command: "ZADD", key: ctx.keys.emergencyCallFeed("open"), args: [score, member] });
  return writes;
}

/**
 * Puts a recorded call into the staff's live feed (after its record is written, where the feed
 * is not written with it). Plain commands on the batching connection (ADR 0027), sent in order
 * in one socket write with the other requests' commands (a MULTI is written at once; the feed
 * needs order, not isolation).
 */
export async function addToFeed(ctx: Context, record: EmergencyCallRecord): Promise<void> {
  await Promise.all(feedWrites(ctx, record).map((w) => ctx.redis.call(w.command, w.key, ...w.args)));
}

export async function removeFromOpenFeed(ctx: Context, owner: string | null, id: string): Promise<void> {
  await ctx.redis.zrem(ctx.keys.emergencyCallFeed("open"), feedMember(owner, id));
}

/** The feed's newest members, newest first. */
export async function readFeed(
  ctx: Context,
  kind: "all" | "open",
  limit: number,
): Promise<{ owner: string | null; id: string }[]> {
  const members = await ctx.redis.zrevrange(ctx.keys.emergencyCallFeed(kind), 0, limit - 1);
  return members.map(parseFeedMember);
}

export interface StoredCall {
  record: EmergencyCallRecord;
  state: CallState;
  stateVersion: number;
}

/** Reads calls with their state in one round trip per slot group; missing ones are null. */
export async function readCalls(
  ctx: Context,
  refs: { owner: string | null; id: string }[],
): Promise<(StoredCall | null)[]> {
  const docs = await ctx.store.readMany<unknown>(
    refs.flatMap((r) => [ctx.keys.emergencyCall(r.owner, r.id), ctx.keys.emergencyCallState(r.owner, r.id)]),
  );
  return refs.map((_, i) => {
    const record = docs[2 * i];
    const state = docs[2 * i + 1];
    if (!record) return null;
    return {
      record: record.doc as EmergencyCallRecord,
      state: (state?.doc as CallState | undefined) ?? NO_STATE,
      stateVersion: state?.version ?? 0,
    };
  });
}

export async function readCall(ctx: Context, owner: string | null, id: string): Promise<StoredCall | null> {
  const [found] = await readCalls(ctx, [{ owner, id }]);
  return found ?? null;
}

export async function readTimeline(ctx: Context, owner: string | null, id: string): Promise<TimelineEvent[]> {
  const raws = await ctx.redis.lrange(ctx.keys.emergencyCallTimeline(owner, id), 0, -1);
  return raws.map((raw) => JSON.parse(raw) as TimelineEvent);
}

/** Compare-and-set of a call's state with what goes with the change (timeline, indexes, notices). */
export async function writeCallState(
  ctx: Context,
  owner: string | null,
  id: string,
  expectedVersion: number,
  state: CallState,
  effects: SideEffect[],
): Promise<number> {
  return ctx.store.write(ctx.keys.emergencyCallState(owner, id), expectedVersion, state, effects);
}

/** The owner's call ids, newest first (optionally one device's), a page at a time. */
export async function listCallIds(
  ctx: Context,
  owner: string | null,
  query: { deviceId?: string | undefined; offset: number; limit: number },
): Promise<string[]> {
  const key = query.deviceId ? ctx.keys.deviceEmergencyCalls(owner, query.deviceId) : ctx.keys.emergencyCalls(owner);
  return ctx.redis.zrevrange(key, query.offset, query.offset + query.limit - 1);
}

/** Alerts of `owner` written before `cutoffMs` and not yet delivered. */
export async function undeliveredAlerts(ctx: Context, owner: string, cutoffMs: number): Promise<string[]> {
  return ctx.redis.zrangebyscore(ctx.keys.emergencyAlertOutbox(owner), "-inf", String(cutoffMs));
}

/** Unacknowledged calls of `owner`, oldest first. */
export async function openCallIds(ctx: Context, owner: string): Promise<string[]> {
  return ctx.redis.zrange(ctx.keys.openEmergencyCalls(owner), "0", "199");
}
