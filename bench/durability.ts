import { WAITAOF_SERVER } from "../src/platform/redis-process.js";
import { startBenchService } from "./service.js";

/** One way of running Redis and the service, as the durability table compares them. */
interface Mode {
  name: string;
  appendfsync: "always" | "everysec";
  durability: "none" | "fsync" | "replica" | "fsync+replica";
  replica: boolean;
  /** The server program (Redis 7.0 from Debian unless named). */
  binary?: string;
}

/** `DURABILITY` modes side by side with the baseline from before (everysec, nothing awaited). */
export const DURABILITY_MODES: Mode[] = [
  { name: "baseline: everysec, DURABILITY=none", appendfsync: "everysec", durability: "none", replica: false },
  { name: "DURABILITY=fsync (appendfsync always)", appendfsync: "always", durability: "fsync", replica: false },
  { name: "DURABILITY=replica (everysec + WAIT 1)", appendfsync: "everysec", durability: "replica", replica: true },
  { name: "DURABILITY=fsync+replica", appendfsync: "always", durability: "fsync+replica", replica: true },
  // ADR 0024: on a server with WAITAOF only the writes that must be durable wait for the disk.
  {
    name: "DURABILITY=fsync on Valkey 8.0 (everysec + WAITAOF)",
    appendfsync: "everysec",
    durability: "fsync",
    replica: false,
    binary: WAITAOF_SERVER,
  },
];

export interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * PUT location (rotating devices) per durability mode, each against the hello-world run just
 * before it (alternating rounds): one service per mode, started on a Redis configured for it.
 */
export async function benchDurability(
  rounds: number,
  hello: () => Promise<RunFigures>,
  cannon: (
    base: string,
    requests: import("autocannon").Request[],
    headers: Record<string, string>,
  ) => Promise<RunFigures>,
): Promise<string[][]> {
  const rows: string[][] = [];
  for (const mode of DURABILITY_MODES) {
    const service = await startBenchService([], {
      appendfsync: mode.appendfsync,
      replica: mode.replica,
      binary: mode.binary,
      env: { DURABILITY: mode.durability },
    });
    try {
      const put = service.scenarios.find((s) => s.name.startsWith("PUT location"))!;
      const ratios: number[] = [];
      const p99Ratios: number[] = [];
      const runs: RunFigures[] = [];
      for (let round = 0; round < rounds; round++) {
        const base = await hello();
        const run = await cannon(service.base, put.requests, service.headers);
        runs.push(run);
        ratios.push(run.rps / base.rps);
        p99Ratios.push(run.p99 / Math.max(base.p99, 1));
      }
      const mean = (key: keyof RunFigures) => runs.reduce((s, r) => s + r[key], 0) / runs.length;
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      rows.push([
        mode.name,
        mean("rps").toFixed(0),
        mean("p50").toFixed(1),
        mean("p99").toFixed(1),
        median(ratios).toFixed(2),
        median(p99Ratios).toFixed(1),
        String(mean("errors")),
      ]);
    } finally {
      await service.stop();
    }
  }
  return rows;
}
