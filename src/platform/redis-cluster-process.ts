import { spawnSync } from "node:child_process";
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
  for (let attempt = 0; attempt < 100; attempt++) {
    const states = nodes.map(
      (n) => spawnSync("redis-cli", ["-p", String(n.port), "cluster", "info"], { encoding: "utf8" }).stdout,
    );
    if (states.every((s) => s.includes("cluster_state:ok"))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // With replicas: wait until every replica has its master's data (else WAIT would time out).
  for (let attempt = 0; replicas > 0 && attempt < 200; attempt++) {
    const roles = nodes.map(
      (n) => spawnSync("redis-cli", ["-p", String(n.port), "info", "replication"], { encoding: "utf8" }).stdout,
    );
    const synced = roles.filter((r) => r.includes("role:slave") && r.includes("master_link_status:up")).length;
    if (synced === masters * replicas) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // … and until every node's own view lists every replica (CLUSTER SLOTS answers from gossip,
  // which can lag behind the replication link).
  for (let attempt = 0; replicas > 0 && attempt < 200; attempt++) {
    const views = nodes.map(
      (n) => spawnSync("redis-cli", ["-p", String(n.port), "cluster", "nodes"], { encoding: "utf8" }).stdout,
    );
    const complete = views.every((view) => {
      const lines = view.split("\n").filter((line) => line.trim() !== "");
      const settled = lines.every((line) => !/\b(fail\??|handshake|noaddr)\b/.test(line.split(" ")[2] ?? ""));
      return (
        settled && lines.filter((line) => /\bslave\b/.test(line.split(" ")[2] ?? "")).length === masters * replicas
      );
    });
    if (complete) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: addresses.join(","),
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
