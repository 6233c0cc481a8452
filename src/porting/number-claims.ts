import type { Context } from "../platform/context.js";
import { ConflictError } from "../platform/errors.js";
import { isOpen, type PortRequestRecord } from "./port-request.js";

// All-or-nothing: returns the first number held by someone else (and that holder), or claims all.
const CLAIM = `
for i = 2, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[i])
  if holder and holder ~= ARGV[1] then return { ARGV[i], holder } end
end
for i = 2, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
return {}
`;
// Deletes entries only where they still name `holder`.
const RELEASE = `
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 1
`;

const holderOf = (accountId: string, id: string) => `${accountId}/${id}`;

/**
 * Claims `numbers` for a port request, or 409 `number-in-open-request` naming the first number
 * another open request holds. A claim left behind by a request that is no longer open (or was
 * never written: its writer died) is released and taken over.
 */
export async function claimNumbers(
  ctx: Context,
  accountId: string,
  id: string,
  numbers: readonly string[],
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = (await ctx.redis.eval(
      CLAIM,
      1,
      ctx.keys.numberClaims(),
      holderOf(accountId, id),
      ...numbers,
    )) as string[];
    if (result.length === 0) return;
    const [number, holder] = result as [string, string];
    const [holderAccount, holderId] = holder.split("/") as [string, string];
    const other = await ctx.store.read<PortRequestRecord>(ctx.keys.portRequest(holderAccount, holderId));
    if (other && isOpen(other.doc.status)) {
      const index = numbers.indexOf(number);
      throw new ConflictError(
        "number-in-open-request",
        "Number in an open port request",
        `${number} is already in an open port request.`,
        [{ path: `numbers.${index}`, message: "is already in an open port request" }],
      );
    }
    await releaseNumbers(ctx, holderAccount, holderId, [number]);
  }
  throw new ConflictError(
    "number-in-open-request",
    "Number in an open port request",
    "The numbers could not be claimed; retry.",
  );
}

/** Releases the request's numbers (on completion, cancellation, or a failed creation). */
export async function releaseNumbers(
  ctx: Context,
  accountId: string,
  id: string,
  numbers: readonly string[],
): Promise<void> {
  if (numbers.length === 0) return;
  await ctx.redis.eval(RELEASE, 1, ctx.keys.numberClaims(), holderOf(accountId, id), ...numbers);
}
