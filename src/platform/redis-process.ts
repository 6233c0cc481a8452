import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";

export interface RedisServerHandle {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  /** SIGKILLs the server (for crash tests); `restart()` brings it back on the same data. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, as the kernel hands it out. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  server.close();
  await once(server, "close");
  return address.port;
}

export interface RedisServerOptions {
  /** `always` by default: what `DURABILITY=fsync` needs on Redis < 7.2 (no WAITAOF). */
  appendfsync?: "always" | "everysec";
  /** Data directory; a temporary one (removed on stop) when absent. */
  dir?: string;
  port?: number;
  /** More `redis-server` arguments, e.g. `--cluster-enabled yes`. */
  extraArgs?: string[];
  /**
   * The server program: `redis-server` unless told, e.g. {@link WAITAOF_SERVER} for a server with
   * `WAITAOF` (Redis ≥ 7.2; Debian bookworm's Redis is 7.0).
   */
  binary?: string;
}

/**
 * A Redis-compatible server with `WAITAOF` that `.ci/run` installs: Valkey 8.0 from Debian's
 * bookworm-backports (Redis 7.2.4-compatible). With it, `appendfsync everysec` and
 * `DURABILITY=fsync` confirm each write with `WAITAOF` (ADR 0024).
 */
export const WAITAOF_SERVER = "valkey-server";

/** Raised when there is no `redis-server` binary on the PATH. */
export class RedisBinaryMissingError extends Error {
  override name = "RedisBinaryMissingError";
}

/**
 * Starts a `redis-server` with the append-only file on (`appendfsync always` unless told
 * otherwise) and `noeviction`, and resolves once it accepts connections (it prints "Ready to
 * accept connections"). Used by `npm start`'s embedded default and by the tests.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? "redis-server";
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "vc-redis-"));
  mkdirSync(dir, { recursive: true });
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    options.appendfsync ?? "always",
    "--maxmemory-policy",
    "noeviction",
    // A replica that connects gets its first copy at once, not after the default 5 s wait.
    "--repl-diskless-sync-delay",
    "0",
    ...(options.extraArgs ?? []),
  ];
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          child.stdout?.off("data", onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.once("error", (error: NodeJS.ErrnoException) =>
        reject(error.code === "ENOENT" ? new RedisBinaryMissingError(`${binary} not found on PATH`) : error),
      );
      child.once("exit", (code) => reject(new Error(`${binary} exited (${code}): ${out.slice(-500)}`)));
    });
  };
  try {
    await launch();
  } catch (error) {
    if (temporary) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const handle: RedisServerHandle = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get process() {
      return child;
    },
    async kill() {
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
    async restart() {
      await launch();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
