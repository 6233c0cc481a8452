import { Socket } from "node:net";
import { join } from "node:path";
import { projectRoot } from "./paths.js";
import { startRedisServer, type RedisServerHandle } from "./redis-process.js";

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_PORT = 6379;

/** True when something on host:port answers a Redis PING within the timeout. */
export async function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.connect(port, host, () => socket.write("PING\r\n"));
  });
}

/**
 * `npm start`'s Redis when no `REDIS_URL` is given: the one on 127.0.0.1:6379 if it answers,
 * else a local `redis-server` with its append-only file under `./var/redis`, stopped on exit.
 * @throws RedisBinaryMissingError when it must start one and there is no binary.
 */
export async function embeddedRedis(
  options: { port?: number; dir?: string } = {},
): Promise<{ url: string; server: RedisServerHandle | null }> {
  const port = options.port ?? DEFAULT_PORT;
  if (await answersPing(DEFAULT_HOST, port)) return { url: `redis://${DEFAULT_HOST}:${port}`, server: null };
  const server = await startRedisServer({
    dir: options.dir ?? join(projectRoot(), "var", "redis"),
    // DURABILITY=fsync on a Redis without WAITAOF (< 7.2) needs every write fsynced before its reply.
    appendfsync: "always",
  });
  return { url: server.url, server };
}
