import { pathToFileURL } from "node:url";
import { classify } from "../src/emergency/classify.js";

/**
 * In-process throughput of classify() — it sits on the call path, target ≥ 2 million per second —
 * beside a bare Set.has over the same strings in the same run, so the figure can be read against
 * what this machine does for the cheapest possible lookup.
 */

/** What the platform sends: mostly ordinary calls, some emergency calls written every way. */
const MIX: readonly (readonly [country: string, dialed: string])[] = [
  ["US", "+12125550123"],
  ["US", "12125550123"],
  ["US", "9-1-212-555-0123"],
  ["US", "4321"],
  ["US", "911"],
  ["US", "9 1 1"],
  ["US", "112"],
  ["US", "9111"],
  ["CA", "+14165550199"],
  ["CA", "911"],
  ["GB", "02079460000"],
  ["GB", "+44 20 7946 0000"],
  ["GB", "999"],
  ["GB", "112#"],
  ["IE", "+35315550100"],
  ["IE", "999"],
  ["DE", "030 1234567"],
  ["DE", "+49 30 1234567"],
  ["DE", "110"],
  ["DE", "0112"],
  ["DE", "0900-123456"],
  ["FR", "01 23 45 67 89"],
  ["FR", "15"],
  ["FR", "116000"],
  ["AU", "(02) 9876 5432"],
  ["AU", "000"],
  ["BR", "+55 11 91234-5678"],
  ["BR", "197"],
  ["PL", "997"],
  ["NL", "020-1234567"],
  ["ES", "912 345 678"],
  ["IT", "06.1234.5678"],
];

const countries = MIX.map(([country]) => country);
const dialled = MIX.map(([, dialed]) => dialed);

function opsPerSecond(durationMs: number, batch: (round: number) => number): number {
  const budget = BigInt(Math.round(durationMs * 1e6));
  const start = process.hrtime.bigint();
  let operations = 0;
  let sink = 0;
  let elapsed = 0n;
  for (let round = 0; elapsed < budget; round++) {
    sink += batch(round);
    operations += MIX.length * ROUNDS_PER_CHECK;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink < 0) console.log(sink); // keeps the work observable to the optimiser
  return Math.round(operations / (Number(elapsed) / 1e9));
}

const ROUNDS_PER_CHECK = 64;

function classifyRounds(): number {
  let emergencies = 0;
  for (let r = 0; r < ROUNDS_PER_CHECK; r++) {
    for (let i = 0; i < dialled.length; i++) {
      if (classify(countries[i]!, dialled[i]!).emergency) emergencies++;
    }
  }
  return emergencies;
}

const baselineSet = new Set(["911", "112", "999", "110", "000", "15", "197", "997"]);
function baselineRounds(): number {
  let hits = 0;
  for (let r = 0; r < ROUNDS_PER_CHECK; r++) {
    for (let i = 0; i < dialled.length; i++) {
      if (baselineSet.has(dialled[i]!)) hits++;
    }
  }
  return hits;
}

export function benchClassify(durationMs = 1_000): { name: string; opsPerSec: number; baselineOpsPerSec: number } {
  opsPerSecond(Math.min(200, durationMs / 5), classifyRounds); // warm-up: let the JIT settle
  opsPerSecond(Math.min(100, durationMs / 10), baselineRounds);
  const opsPerSec = opsPerSecond(durationMs, classifyRounds);
  const baselineOpsPerSec = opsPerSecond(Math.max(100, durationMs / 2), baselineRounds);
  return { name: "emergency classify (in-process)", opsPerSec, baselineOpsPerSec };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, opsPerSec, baselineOpsPerSec } = benchClassify();
  const fmt = (n: number) => n.toLocaleString("en-US");
  console.log(
    `${name}: ${fmt(opsPerSec)} classifications/s (baseline Set.has: ${fmt(baselineOpsPerSec)}/s, ${((opsPerSec / baselineOpsPerSec) * 100).toFixed(1)}% of it)`,
  );
}
