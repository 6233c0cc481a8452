import { ConflictError, PreconditionFailedError } from "./errors.js";
import { VersionConflictError } from "./versioned-store.js";

/** How many times a write without If-Match re-reads and tries again before answering 409. */
export const VERSIONED_WRITE_ATTEMPTS = 10;

/** 409 `conflict`: the resource kept changing under a write that did not pin a version. */
export class WriteConflictError extends ConflictError {
  constructor() {
    super(
      "conflict",
      "Conflict",
      "The resource was changed by other requests at the same time; read it again and retry.",
    );
  }
}

/**
 * Runs one versioned write — `step` reads the document, checks If-Match, and writes with
 * compare-and-set through the versioned store — and decides what a lost race means:
 *
 * - with a numeric If-Match the client pinned a version that is no longer current: 412;
 * - without If-Match (or `*`) the write is re-read and tried again, up to `attempts` times, with
 *   a short random pause so that racing writers spread out; then 409 `conflict`.
 *
 * A version conflict therefore never reaches the error handler as an unknown error (500). This
 * wraps the store calls; it does not change them.
 */
export async function updateVersioned<R>(
  ifMatch: number | "*" | undefined,
  step: (attempt: number) => Promise<R>,
  attempts = VERSIONED_WRITE_ATTEMPTS,
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (typeof ifMatch === "number") throw new PreconditionFailedError(error.currentVersion);
      if (attempt + 1 >= attempts) throw new WriteConflictError();
      await pause(attempt);
    }
  }
}

/** A random pause that doubles with the attempt (0–4 ms, 0–8 ms, … at most 0–100 ms). */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 4 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
