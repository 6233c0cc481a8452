import { DurabilityUnconfirmedError } from "./durability.js";
import { isConnectionError } from "./redis.js";

declare global {
  namespace Express {
    interface Request {
      /** Set by the key gate for emergency routes (`RouteSpec.emergency`): the answer's store deadline. */
      emergencyPath?: EmergencyPath;
    }
  }
}

/** The longest one Redis call on the emergency path may take before the answer goes on without it. */
export const EMERGENCY_STORE_DEADLINE_MS = 250;
/** The longest an emergency answer may take, from the request's arrival to its answer. */
export const EMERGENCY_ANSWER_BUDGET_MS = 500;
/**
 * Kept back from the budget for what comes after the store: classification, serialising and
 * writing the answer, and the event-loop lag of a busy process.
 */
const RESERVE_MS = 100;

/** What a store call on the emergency path came to: its value, or "the store could not answer in time". */
export type StoreOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

const UNAVAILABLE: StoreOutcome<never> = Object.freeze({ ok: false });
const TIMED_OUT: unique symbol = Symbol("timed out");
const ignore = (): void => undefined;

/**
 * One emergency answer's way through the store (ADR "emergency answers fail open"). An emergency
 * answer — classify, dial check, and later HELD and emergency-call reports — is asked while a
 * call is being set up: it must come within {@link EMERGENCY_ANSWER_BUDGET_MS}, Redis or not.
 *
 * Every Redis call the answer makes goes through {@link EmergencyPath.attempt}, which gives it at
 * most {@link EMERGENCY_STORE_DEADLINE_MS} and never more than what is left of the budget. A call
 * that times out or finds Redis unreachable resolves to `{ ok: false }` instead of throwing, and
 * the answer is then built from what this process knows without the store (the last-known caches,
 * the catalogue), with the warning `store-unavailable`. Once one call has failed, later calls of
 * the same answer are not tried: the answer does not spend its budget waiting twice.
 *
 * Errors that are not about reaching Redis (a bug, a malformed document) are thrown as usual.
 */
export class EmergencyPath {
  private failed = false;

  /** @param startedAt `performance.now()` when the request arrived (defaults to now). */
  constructor(private readonly startedAt: number = performance.now()) {}

  /** True once a store call of this answer missed its deadline or found Redis unreachable. */
  get storeUnavailable(): boolean {
    return this.failed;
  }

  /** Runs one store call within the deadline; `{ ok: false }` when the store could not answer in time. */
  attempt<T>(call: () => Promise<T>): Promise<StoreOutcome<T>> {
    if (this.failed) return Promise.resolve(UNAVAILABLE);
    const deadline = Math.min(
      EMERGENCY_STORE_DEADLINE_MS,
      EMERGENCY_ANSWER_BUDGET_MS - RESERVE_MS - (performance.now() - this.startedAt),
    );
    if (deadline <= 0) return Promise.resolve(this.fail());
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      // A call that throws before it returns a promise is judged like one that rejects.
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // The call may settle after the deadline (ioredis times it out itself after a second): that
    // late rejection is expected and must not surface as an unhandled one.
    pending.catch(ignore);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, deadline, TIMED_OUT);
    });
    return Promise.race([pending, timeout]).then(
      (value) => {
        clearTimeout(timer);
        return value === TIMED_OUT ? this.fail() : { ok: true, value: value as T };
      },
      (error: unknown) => {
        clearTimeout(timer);
        return this.failure(error);
      },
    );
  }

  private failure(error: unknown): StoreOutcome<never> {
    // A write the store could not confirm durable (DURABILITY) is, for an emergency answer, a
    // store that did not answer in time: it is held and written again (emergency-call reports).
    if (!isConnectionError(error) && !(error instanceof DurabilityUnconfirmedError)) throw error;
    return this.fail();
  }

  private fail(): StoreOutcome<never> {
    this.failed = true;
    return UNAVAILABLE;
  }
}
