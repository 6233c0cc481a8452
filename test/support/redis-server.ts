import { Redis } from "ioredis";

export {
  WAITAOF_SERVER,
  freePort,
  startRedisServer,
  type RedisServerHandle,
} from "../../src/platform/redis-process.js";

/** How many times the server at `url` has run `command` since it started (`INFO commandstats`). */
export async function commandCalls(url: string, command: string): Promise<number> {
  const client = new Redis(url);
  try {
    const stats = await client.info("commandstats");
    return Number(new RegExp(`cmdstat_${command.toLowerCase()}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
  } finally {
    client.disconnect();
  }
}
