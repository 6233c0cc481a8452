import type { Context } from "../platform/context.js";
import { ConflictError } from "../platform/errors.js";
import { isOpen, type PortRequestRecord } from "./port-request.js";

/**
 * How long a claim may wait for its port request to be saved. A creation takes milliseconds; a
 * claim whose marker expired and whose request was never saved belongs to a writer that died.
 */
export const PENDING_CLAIM_MS = 30_000;

// All-or-nothing, in one step: returns the first number held by someone else (and that holder),
// or claims every number and writes the pending marker of the claiming request with its expiry.
// KEYS[1] claims hash, KEYS[2] pending marker; ARGV[1] holder, ARGV[2] marker ms, ARGV[3..] numbers.
const CLAIM = `
for i = 3, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[i])
  if holder and holder ~= ARGV[1] then return { ARGV[i], holder } end
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
for i = 3, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
return {}
`;
// Deletes entries only where they still name `holder`, and the holder's pending marker.
const RELEASE = `
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
redis.call('DEL', KEYS[2])
return 1
`;
// Takes over one stale claim: only while it still names the stale holder and that holder has no
// pending marker (checked again inside the script, so a creation in between is never undone).
const RELEASE_STALE = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
if redis.call('HGET', KEYS[1], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[2]) end
return 1
`;

const holderOf = (accountId: string, id: string) => `${accountId}/${id}`;

function inOpenRequest(numbers: readonly string[], number: string): ConflictError {
  const index = numbers.indexOf(number);
  return new ConflictError(
    "number-in-open-request",
    "Number in an open port request",
    `${number} is already in an open port request.`,
    [{ path: `numbers.${index}`, message: "is already in an open port request" }],
  );
}

/**
 * Claims `numbers` for a port request about to be created, or 409 `number-in-open-request` naming
 * the first number another request holds. The claims and a pending marker of the new request are
 * written in one script before the request is saved; `confirmClaims` drops the marker once it is.
 *
 * Another request's claim is taken over only when it is verifiably stale: its request is saved
 * and no longer open, or it was never saved and its pending marker has expired (its writer died).
 * The marker is read before the request: a writer saves the request before it drops the marker,
 * so a request still being created is always seen as one or the other.
 */
export async function claimNumbers(
  ctx: Context,
  accountId: string,
  id: string,
  numbers: readonly string[],
): Promise<void> {
  const claims = ctx.keys.numberClaims();
  const self = holderOf(accountId, id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = (await ctx.redis.eval(
      CLAIM,
      2,
      claims,
      ctx.keys.numberClaimPending(self),
      self,
      PENDING_CLAIM_MS,
      ...numbers,
    )) as string[];
    if (result.length === 0) return;
    const [number, holder] = result as [string, string];
    const pending = ctx.keys.numberClaimPending(holder);
    if ((await ctx.redis.exists(pending)) === 1) throw inOpenRequest(numbers, number);
    const [holderAccount, holderId] = holder.split("/") as [string, string];
    const other = await ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(holderAccount, holderId));
    if (other && isOpen(other.doc.status)) throw inOpenRequest(numbers, number);
    const released = (await ctx.redis.eval(RELEASE_STALE, 2, claims, pending, holder, number)) as number;
    if (released === 0) throw inOpenRequest(numbers, number);
  }
  throw new ConflictError(
    "number-in-open-request",
    "Number in an open port request",
    "The numbers could not be claimed; retry.",
  );
}

/** The request is saved: its claims no longer need the pending marker. */
export async function confirmClaims(ctx: Context, accountId: string, id: string): Promise<void> {
  await ctx.redis.del(ctx.keys.numberClaimPending(holderOf(accountId, id)));
}

/** Releases the request's numbers (on completion, cancellation, or a failed creation). */
export async function releaseNumbers(
  ctx: Context,
  accountId: string,
  id: string,
  numbers: readonly string[],
): Promise<void> {
  const self = holderOf(accountId, id);
  await ctx.redis.eval(RELEASE, 2, ctx.keys.numberClaims(), ctx.keys.numberClaimPending(self), self, ...numbers);
}
