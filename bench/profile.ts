import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import { summarizeProfile, type CpuProfile, type Share } from "./profile-summary.js";
import { startBenchService } from "./service.js";

/**
 * `npm run profile`: one HTTP scenario (`BENCH_ONLY`, default `classify`) driven for
 * `BENCH_DURATION` seconds against the built service running under `node --cpu-prof`; prints the
 * profile's self time by package and by function. The `.cpuprofile` stays in `var/profiles` for
 * Chrome DevTools. This is how the hot paths were profiled (see the README's HTTP pipeline).
 */
const dir = join(process.cwd(), "var", "profiles");
const only = (process.env.BENCH_ONLY ?? "classify").toLowerCase();
const duration = Number(process.env.BENCH_DURATION ?? 8);

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const service = await startBenchService(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
const scenario = service.scenarios.find((s) => s.name.toLowerCase().includes(only));
let result: Result;
try {
  if (!scenario) throw new Error(`no scenario matches "${only}": ${service.scenarios.map((s) => s.name).join(", ")}`);
  result = await autocannon({
    url: service.base,
    connections: 32,
    duration,
    headers: service.headers,
    requests: scenario.requests,
  });
} finally {
  await service.stop();
}
const [file] = (await readdir(dir)).filter((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile written to ${dir}`);
const { byOwner, byFunction } = summarizeProfile(JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile);
const show = (rows: Share[]) =>
  rows.forEach((row) => console.log(`${(row.share * 100).toFixed(1).padStart(6)}%  ${row.name}`));
console.log(
  `\n${scenario.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms under the profiler (start-up and seeding are in the profile too)`,
);
console.log("\nSelf time by package / module");
show(byOwner);
console.log("\nSelf time by function");
show(byFunction);
console.log(`\nProfile: ${join(dir, file)}`);
