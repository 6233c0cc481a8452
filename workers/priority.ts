import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import type { Logger } from "pino";
import { QUEUES } from "../src/platform/queues.js";

/**
 * Queues of emergency work (Kari's Law on-site alerts): a process that works one keeps its CPU
 * priority. Lowering it a little made the intake's answers faster but doubled the alerts' p99
 * while an import ran (ADR 0028).
 */
const EMERGENCY_QUEUES: readonly string[] = [QUEUES.emergencyAlerts];

/**
 * The niceness a worker-only process should run at: `niceness` when it works none of the
 * emergency queues (`queues` undefined means every queue, emergency ones included), else null
 * (left as it is). Pure: the decision, not the system call.
 */
export function bulkNiceness(queues: readonly string[] | undefined, niceness: number): number | null {
  if (niceness === 0 || queues === undefined) return null;
  return queues.some((queue) => EMERGENCY_QUEUES.includes(queue)) ? null : niceness;
}

/**
 * Lowers this worker process's CPU priority when it does bulk work only (imports, customer
 * notices, deadlines): on a host shared with API processes and alert workers, the emergency answers
 * and the on-site alerts get the CPU first and the bulk work takes what is left. Raising one's own
 * niceness needs no privilege; a refusal (some sandboxes) is logged and the process runs on.
 * Returns the process's niceness afterwards.
 */
export function lowerBulkPriority(queues: readonly string[] | undefined, niceness: number, logger: Logger): number {
  const target = bulkNiceness(queues, niceness);
  // Never raised back up: a process started under `nice` may already be lower still.
  if (target !== null && getPriority() < target) {
    try {
      for (const thread of threadsOfThisProcess()) if (getPriority(thread) < target) setPriority(thread, target);
    } catch (error) {
      logger.warn({ niceness: target, error: (error as Error).message }, "could not lower the CPU priority");
    }
  }
  return getPriority();
}

/**
 * Every thread of this process (0, "this process", where threads cannot be listed). On Linux the
 * niceness belongs to each thread, and `setPriority` changes the calling thread only: V8's garbage
 * collector and compiler threads, started before this runs, kept the host's priority — a bulk
 * worker's parallel scavenge took both cores from the API for its ~10 ms (ADR 0025). Threads
 * started later inherit the niceness of the thread that starts them.
 */
function threadsOfThisProcess(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number);
  } catch {
    return [0];
  }
}
