import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { answersPing } from "../../src/platform/embedded-redis.js";
import { freePort, startRedisServer, type RedisServerHandle } from "../support/redis-server.js";

export const SENTINEL_NAME = "vcprimary";

/** Polls `predicate` (errors count as false) until it holds; throws after `timeoutMs`. */
async function waitUntil(what: string, predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate().catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`sentinel topology: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface SentinelTopology {
  primary: RedisServerHandle;
  replicas: RedisServerHandle[];
  /** `host:port,…` as REDIS_SENTINELS takes it. */
  sentinels: string;
  /** The primary's port as the sentinels currently name it. */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * One primary, `replicaCount` replicas and three sentinels (quorum 2, `down-after-milliseconds`
 * 1000) on free ports, with `redis-sentinel` from the PATH. Resolves once the replicas are in
 * sync and every sentinel knows them.
 */
export async function startSentinelTopology(replicaCount = 2): Promise<SentinelTopology> {
  const primary = await startRedisServer();
  const replicas: RedisServerHandle[] = [];
  for (let i = 0; i < replicaCount; i++)
    replicas.push(await startRedisServer({ extraArgs: ["--replicaof", "127.0.0.1", String(primary.port)] }));
  const dir = mkdtempSync(join(tmpdir(), "vc-sentinel-"));
  const sentinels: { port: number; child: ChildProcess }[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const file = join(dir, `sentinel-${i}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
        `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
        `sentinel parallel-syncs ${SENTINEL_NAME} 2`,
        "",
      ].join("\n"),
    );
    const child = spawn("redis-sentinel", [file], { stdio: "ignore" });
    sentinels.push({ port, child });
  }
  const ask = (port: number) => new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 1 });
  for (const s of sentinels) await waitUntil("sentinel up", () => answersPing("127.0.0.1", s.port), 10_000);
  // Every sentinel has found both replicas and the other sentinels.
  for (const s of sentinels) {
    const client = ask(s.port);
    try {
      await waitUntil(
        "sentinels know replicas and each other",
        async () => {
          const master = (await client.call("SENTINEL", "MASTER", SENTINEL_NAME)) as string[];
          const field = (name: string) => Number(master[master.indexOf(name) + 1]);
          return field("num-slaves") === replicaCount && field("num-other-sentinels") === 2;
        },
        20_000,
      );
    } finally {
      client.disconnect();
    }
  }
  for (const replica of replicas) {
    const client = ask(replica.port);
    try {
      await waitUntil(
        "replica in sync",
        async () => (await client.info("replication")).includes("master_link_status:up"),
        10_000,
      );
    } finally {
      client.disconnect();
    }
  }
  return {
    primary,
    replicas,
    sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
    async currentPrimaryPort() {
      const client = ask(sentinels[0]!.port);
      try {
        const [, port] = (await client.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", SENTINEL_NAME)) as string[];
        return Number(port);
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      for (const s of sentinels) {
        if (s.child.exitCode === null && s.child.signalCode === null) {
          const exited = once(s.child, "exit");
          s.child.kill("SIGTERM");
          await exited;
        }
      }
      for (const server of [...replicas, primary]) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
