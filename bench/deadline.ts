import { pathToFileURL } from "node:url";
import { computeDeadline, type DeadlineInput } from "../src/porting/deadline.js";

/**
 * In-process benchmark of the porting deadline (issue: ≥ 500k computations per second).
 *
 * The mix: the seed countries' regions and a few EU countries, agreed dates spread over 2026 and
 * 2027, a third of them with a later `requirementsMetAt` and some with an explicit zone — the
 * shapes the API and the overdue sweep pass. Caches are warmed first (as in a running service,
 * where every calendar is loaded after the first request), then the loop runs for about a second.
 *
 * Baseline, measured in the same run: the cheapest sensible "next day" — parse a `YYYY-MM-DD`,
 * add a day with `Date`, format it back. It shows what the machine does per call on date strings,
 * so the figure can be read as a ratio to it.
 */

const PLACES: ReadonlyArray<readonly [string, string | null]> = [
  ["GB", "GB-ENG"],
  ["GB", "GB-SCT"],
  ["GB", "GB-NIR"],
  ["GB", "GB-WLS"],
  ["IE", null],
  ["DE", "DE-BY"],
  ["DE", "DE-BE"],
  ["DE", "DE-SN"],
  ["DE", "DE-NW"],
  ["DE", null],
  ["AU", "AU-VIC"],
  ["AU", "AU-NSW"],
  ["AU", "AU-QLD"],
  ["AU", "AU-WA"],
  ["AU", "AU-SA"],
  ["BR", "BR-SP"],
  ["BR", "BR-RJ"],
  ["BR", null],
  ["CA", "CA-ON"],
  ["CA", "CA-QC"],
  ["US", null],
  ["US", "US-CA"],
  ["US", "US-NY"],
  ["FR", null],
  ["NL", null],
  ["ES", null],
];

const INPUT_COUNT = 8_192;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same mix. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function deadlineBenchInputs(): DeadlineInput[] {
  const random = randomSource(20_261_224);
  const start = Date.UTC(2026, 0, 1);
  const inputs: DeadlineInput[] = [];
  for (let i = 0; i < INPUT_COUNT; i++) {
    const [country, region] = PLACES[Math.floor(random() * PLACES.length)]!;
    const agreedMs = start + Math.floor(random() * 730) * 86_400_000;
    const input: DeadlineInput = { country, region, agreedDate: isoDate(agreedMs) };
    const shape = random();
    if (shape < 0.33)
      input.requirementsMetAt = new Date(agreedMs + Math.floor(random() * 4 * 86_400_000)).toISOString();
    else if (shape < 0.4) input.timeZone = "UTC";
    inputs.push(input);
  }
  return inputs;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Calls `body(i)` in batches for about `seconds`; returns calls per second. */
function measure(seconds: number, body: (i: number) => number): { opsPerSec: number; sink: number } {
  const batch = 4_096;
  let sink = 0;
  let calls = 0;
  const started = performance.now();
  const until = started + seconds * 1_000;
  let now = started;
  while (now < until) {
    for (let i = 0; i < batch; i++) sink += body(calls + i);
    calls += batch;
    now = performance.now();
  }
  return { opsPerSec: Math.round((calls * 1_000) / (now - started)), sink };
}

export function benchDeadline(): { name: string; opsPerSec: number; baselineOpsPerSec: number } {
  const inputs = deadlineBenchInputs();
  const mask = INPUT_COUNT - 1;
  // Warm-up: load every calendar, zone offset and walk the mix touches, and let the JIT settle.
  for (let round = 0; round < 3; round++) for (const input of inputs) computeDeadline(input);
  const dates = inputs.map((input) => input.agreedDate);
  for (let i = 0; i < 50_000; i++) nextDay(dates[i & mask]!);

  const deadline = measure(1, (i) => computeDeadline(inputs[i & mask]!).skipped.length);
  const baseline = measure(0.5, (i) => nextDay(dates[i & mask]!).length);
  if (deadline.sink < 0 || baseline.sink < 0) throw new Error("unreachable: keeps the results alive");
  return {
    name: "porting deadline (computeDeadline, warm, mixed countries)",
    opsPerSec: deadline.opsPerSec,
    baselineOpsPerSec: baseline.opsPerSec,
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const result = benchDeadline();
  const ratio = (result.opsPerSec / result.baselineOpsPerSec).toFixed(2);
  process.stdout.write(
    `${result.name}: ${result.opsPerSec.toLocaleString("en")} ops/s ` +
      `(baseline next-day string increment: ${result.baselineOpsPerSec.toLocaleString("en")} ops/s, ratio ${ratio})\n`,
  );
}
