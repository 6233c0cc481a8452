import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { startRedisServer, type RedisServerHandle } from "./redis-process.js";

export interface RedisClusterHandle {
  /** `host:port,host:port,…` as `REDIS_URL` takes it with `REDIS_CLUSTER=1`. */
  url: string;
  nodes: RedisServerHandle[];
  stop(): Promise<void>;
}

/**
 * Starts a real Redis Cluster of `masters` nodes, each with `replicas` replicas, on free ports with
 * `redis-server --cluster-enabled yes`, joins them with `redis-cli --cluster create`, and waits
 * until the cluster reports `cluster_state:ok`. For tests and benchmarks.
 */
export async function startRedisCluster(
  masters = 3,
  options: { replicas?: number; nodeTimeoutMs?: number } = {},
): Promise<RedisClusterHandle> {
  const replicas = options.replicas ?? 0;
  const nodes: RedisServerHandle[] = [];
  for (let i = 0; i < masters * (1 + replicas); i++)
    nodes.push(
      await startRedisServer({
        extraArgs: ["--cluster-enabled", "yes", "--cluster-node-timeout", String(options.nodeTimeoutMs ?? 5000)],
      }),
    );
  const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
  const created = spawnSync(
    "redis-cli",
    ["--cluster", "create", ...addresses, "--cluster-replicas", String(replicas), "--cluster-yes"],
    { encoding: "utf8" },
  );
  if (created.status !== 0) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  }
  const cli = (port: number, ...args: string[]) =>
    spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).stdout;
  try {
    await settle("cluster_state:ok on every node", () =>
      nodes.every((n) => cli(n.port, "cluster", "info").includes("cluster_state:ok")),
    );
    if (replicas > 0) {
      // Every replica has its master's data (else WAIT would time out) …
      await settle(
        "every replica linked to its master",
        () =>
          nodes
            .map((n) => cli(n.port, "info", "replication"))
            .filter((r) => r.includes("role:slave") && r.includes("master_link_status:up")).length ===
          masters * replicas,
      );
      // … and every node's CLUSTER SLOTS lists each range's replicas: it answers from gossip, which
      // can lag behind the replication link, and clients (and tests) route by it.
      await settle("every node's CLUSTER SLOTS lists every replica", async () => {
        for (const n of nodes) {
          const client = new Redis(n.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
          try {
            const ranges = (await client.cluster("SLOTS")) as unknown[][];
            if (ranges.length === 0 || ranges.some((range) => range.length < 3 + replicas)) return false;
          } finally {
            client.disconnect();
          }
        }
        return true;
      });
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  return {
    url: addresses.join(","),
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}

/** Polls `check` every 100 ms for up to 20 s; throws naming `what` when it never holds. */
async function settle(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Redis Cluster did not settle: ${what}`);
}
