import type { DurabilityCommand } from "./durability.js";

/** How often an idle server is woken while a confirmation that needs it is outstanding. */
export const WAKE_INTERVAL_MS = 1;

/**
 * Resolves as `waiting` does; meanwhile, when one of `commands` is answered only once the server's
 * event loop runs again (`wake`: `WAITAOF` on an `everysec` server), calls `poke` every
 * millisecond — a cheap command on another connection to the same server, which runs its loop and
 * with it the check that answers the waiting `WAITAOF`. Measured on Valkey 8.0 at the default
 * `hz 10`: a lone write + `WAITAOF` took 50–150 ms unwoken and 2–4 ms woken (ADR 0024). Under
 * load the other clients wake the server and the confirmation usually comes before the first poke.
 */
export async function wakeWhile<T>(
  waiting: Promise<T>,
  commands: readonly DurabilityCommand[],
  poke: () => Promise<unknown>,
): Promise<T> {
  if (!commands.some((command) => command.wake)) return waiting;
  const timer = setInterval(() => void poke().catch(() => undefined), WAKE_INTERVAL_MS);
  timer.unref();
  try {
    return await waiting;
  } finally {
    clearInterval(timer);
  }
}
