import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `docker compose config` (the v2 plugin) where the machine has it, else Debian's
 * `docker-compose` (v1, which `.ci/run` installs): both resolve and check the file the same way.
 */
function composeTool(): [string, string[]] {
  for (const [command, args] of [
    ["docker", ["compose"]],
    ["docker-compose", []],
  ] as [string, string[]][]) {
    try {
      execFileSync(command, [...args, "version"], { stdio: "ignore" });
      return [command, args];
    } catch {
      // not installed here (or docker without the compose plugin): try the next one
    }
  }
  throw new Error('neither "docker compose" nor "docker-compose" is installed (.ci/run installs docker-compose)');
}

function composeConfig(env: Record<string, string>): { ok: true; text: string } | { ok: false; error: string } {
  const [command, args] = composeTool();
  try {
    const text = execFileSync(command, [...args, "-f", "docker-compose.yml", "config"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: (error as { stderr?: string }).stderr ?? String(error) };
  }
}

interface Service {
  command?: string[];
  ports?: (string | { target: number; published?: number | string })[];
  container_name?: string;
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
}

describe("docker-compose.yml", () => {
  it("is valid and scales: API and workers have no fixed name or host port, Redis keeps an AOF", () => {
    const result = composeConfig({ ADMIN_API_KEY: "vck_compose-check-000000000000" });
    if (!result.ok) throw new Error(result.error);
    const services = (parse(result.text) as { services: Record<string, Service> }).services;
    // Without a profile: one Redis, the API and the workers (compose v1 lists profiled services too).
    expect(
      Object.keys(services)
        .filter((name) => !services[name]!.profiles)
        .sort(),
    ).toEqual(["api", "redis", "workers"]);
    for (const name of ["api", "workers"]) {
      const service = services[name]!;
      expect(service.container_name).toBeUndefined();
      for (const port of service.ports ?? []) {
        // Only a container port: each replica gets its own host port, so --scale works.
        expect(typeof port === "string" ? port : (port.published ?? "")).not.toMatch(/^\d+:|^\d+$/);
      }
      expect(service.environment?.REDIS_URL).toBe("redis://redis:6379");
    }
    expect(services.api!.command).toEqual(["node", "dist/src/server.js", "--role=api"]);
    expect(services.workers!.command).toEqual(["node", "dist/src/server.js", "--role=workers"]);
    // DURABILITY=fsync by WAITAOF: a server with it (Valkey 8.0, ADR 0024) keeping an AOF.
    expect(services.redis!.image).toMatch(/^valkey\/valkey:8\./);
    expect(services.redis!.command?.join(" ")).toMatch(/^valkey-server --appendonly yes --appendfsync everysec/);
  });

  it("has a sentinel profile: a replica of redis and three sentinels watching it", () => {
    const result = composeConfig({ ADMIN_API_KEY: "vck_compose-check-000000000000", COMPOSE_PROFILES: "sentinel" });
    if (!result.ok) throw new Error(result.error);
    const services = (parse(result.text) as { services: Record<string, Service> }).services;
    const profiled = Object.keys(services).filter((name) => services[name]!.profiles?.includes("sentinel"));
    expect(profiled.sort()).toEqual(["redis-replica", "sentinel-1", "sentinel-2", "sentinel-3"]);
    expect(services["redis-replica"]!.command?.join(" ")).toMatch(/--appendfsync everysec .*--replicaof redis 6379/);
    for (const name of ["sentinel-1", "sentinel-2", "sentinel-3"])
      expect(services[name]!.command?.join(" ")).toMatch(/sentinel monitor primary redis 6379 2/);
  });

  it("refuses to resolve without an ADMIN_API_KEY", () => {
    const result = composeConfig({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/ADMIN_API_KEY/);
  });
});
