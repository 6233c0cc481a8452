import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { createApp } from "./app.js";
import { createHttpServer } from "./platform/http/express-objects.js";
import { installBootstrapKey } from "./auth/service.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createServiceContext } from "./service-context.js";
import { embeddedRedis } from "./platform/embedded-redis.js";
import { createLogger } from "./platform/logger.js";
import { RedisBinaryMissingError, type RedisServerHandle } from "./platform/redis-process.js";
import { waitForReady } from "./platform/redis.js";
import { maskRedisUrl, shutdownWithin, type ShutdownStep } from "./platform/shutdown.js";
import { startWorkers, type WorkersHandle } from "../workers/index.js";
import { lowerBulkPriority } from "../workers/priority.js";

type Role = "api" | "workers" | "both";

function roleFromArgs(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith("--role="));
  const role = arg?.slice("--role=".length) ?? "both";
  if (role !== "api" && role !== "workers" && role !== "both")
    throw new ConfigError(`Invalid --role=${role}: use api, workers or both`);
  return role;
}

/**
 * Entry point. `--role=api` serves HTTP, `--role=workers` runs the queues' workers, no flag runs
 * both (the development default). Without `REDIS_URL` it uses or starts a local Redis.
 */
async function main(): Promise<void> {
  let config: Config;
  let role: Role;
  try {
    config = loadConfig();
    role = roleFromArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);

  let redisServer: RedisServerHandle | null = null;
  if (!config.REDIS_URL) {
    try {
      const embedded = await embeddedRedis();
      redisServer = embedded.server;
      config = { ...config, REDIS_URL: embedded.url };
      logger.info({ redis: embedded.url, started: redisServer !== null }, "using local redis");
    } catch (error) {
      if (error instanceof RedisBinaryMissingError) {
        process.stderr.write(
          "No Redis: install redis-server (apt-get install redis-server, brew install redis) or set REDIS_URL=redis://host:port\n",
        );
        process.exit(3);
      }
      throw error;
    }
  }

  const ctx = createServiceContext(config, logger);
  try {
    await waitForReady(ctx.redis, 10_000);
    await ctx.broadcast.connected(10_000);
  } catch (error) {
    // Name what was tried, never the password.
    process.stderr.write(
      `Start-up failed: Redis at ${maskRedisUrl(config.REDIS_URL ?? "")} not reachable (${error instanceof Error ? error.message : String(error)})\n`,
    );
    process.exit(1);
  }

  if (role !== "workers") {
    let adminKey = config.ADMIN_API_KEY;
    if (!adminKey && config.NODE_ENV !== "production") {
      adminKey = `vck_${randomBytes(24).toString("base64url")}`;
      // Printed once, to the terminal only (never through the logger).
      process.stdout.write(`\nDevelopment admin API key (shown once): ${adminKey}\n\n`);
    }
    if (adminKey) await installBootstrapKey(ctx, adminKey);
  }

  let workers: WorkersHandle | null = null;
  if (role !== "api") workers = await startWorkers(ctx);
  // A process with API routes keeps its priority (emergency answers); so do alert workers (ADR 0024).
  if (role === "workers") {
    const niceness = lowerBulkPriority(config.WORKER_QUEUES, config.BULK_WORKER_NICENESS, logger);
    logger.info({ queues: config.WORKER_QUEUES ?? "all", niceness }, "workers started");
  }

  let server: Server | null = null;
  if (role !== "workers") {
    const app = createApp(ctx);
    server = createHttpServer(app).listen(config.PORT, config.HOST);
    await new Promise<void>((resolve, reject) => {
      server!.once("listening", resolve);
      server!.once("error", reject);
    });
    logger.info({ port: config.PORT, host: config.HOST, role }, "listening");
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Stop accepting, let in-flight requests and jobs finish, then close Redis — within a hard
    // deadline, since closing a connection to a Redis that is gone waits for it forever.
    const steps: ShutdownStep[] = [];
    if (server) {
      const http = server;
      steps.push({
        name: "HTTP server",
        run: () => {
          const closed = new Promise<void>((resolve) => http.close(() => resolve()));
          http.closeIdleConnections();
          return closed;
        },
      });
    }
    if (workers) steps.push({ name: "workers", run: () => workers.close() });
    steps.push({ name: "Redis connections", run: () => ctx.close() });
    if (redisServer) steps.push({ name: "local Redis", run: () => redisServer.stop() });
    await shutdownWithin(steps);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
