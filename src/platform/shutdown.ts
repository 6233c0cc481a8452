/** How long SIGTERM may take, whatever Redis does, before the process exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface ShutdownStep {
  /** What the step closes, as the abandoned-line names it ("HTTP server", "workers", …). */
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs the shutdown steps in order under a hard deadline. When the deadline passes first (Redis
 * gone: its connections retry instead of closing), one line on stderr names the steps left
 * unfinished and the process exits non-zero; otherwise it exits 0.
 */
export async function shutdownWithin(
  steps: readonly ShutdownStep[],
  options: {
    deadlineMs?: number;
    write?: (line: string) => void;
    exit?: (code: number) => void;
  } = {},
): Promise<void> {
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const left = new Set(steps.map((step) => step.name));
  const state = { done: false };
  const timer = setTimeout(() => {
    if (state.done) return;
    state.done = true;
    write(`Shutdown deadline of ${deadlineMs / 1000} s passed; abandoned: ${[...left].join(", ") || "nothing"}\n`);
    exit(1);
  }, deadlineMs);
  timer.unref();
  let failed = false;
  for (const step of steps) {
    try {
      await step.run();
    } catch {
      failed = true; // a step that fails is done with: the next one still runs
    }
    left.delete(step.name);
    if (state.done) return;
  }
  state.done = true;
  clearTimeout(timer);
  exit(failed ? 1 : 0);
}

/** A Redis URL as it may be shown: the password (and a user name with it) masked. */
export function maskRedisUrl(url: string): string {
  return url
    .split(",")
    .map((part) => {
      try {
        const parsed = new URL(part.trim());
        if (parsed.password) parsed.password = "***";
        return parsed.toString().replace(/\/$/, "");
      } catch {
        return part.trim().replace(/\/\/[^@/]*@/, "//***@");
      }
    })
    .join(",");
}
