import { hash, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inject } from "vitest";
import { createApp } from "../../src/app.js";
import { createHttpServer } from "../../src/platform/http/express-objects.js";
import { installBootstrapKey } from "../../src/auth/service.js";
import { loadConfig } from "../../src/config.js";
import { createServiceContext } from "../../src/service-context.js";
import type { OwnedContext } from "../../src/platform/context.js";
import type { DestinationStream } from "pino";
import { createLogger } from "../../src/platform/logger.js";
import { waitForReady } from "../../src/platform/redis.js";
import { shapeCheck, type ShapeCheck } from "./api-shapes.js";
import { startWorkers, type WorkersHandle } from "../../workers/index.js";

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestService {
  url: string;
  ctx: OwnedContext;
  adminKey: string;
  hookSecret: string;
  workers: WorkersHandle | null;
  /** The environment the service was configured with (for worker processes of the same deployment). */
  env: Record<string, string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  /** Creates an API key with `role` (and `accountId` for customers) and returns the clear key. */
  key(role: "admin" | "fulfillment" | "provisioning" | "customer" | "routing", accountId?: string): Promise<string>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  workers?: boolean;
  env?: Record<string, string>;
  redisUrl?: string;
  /** Where the service's log lines go (default: stdout, silent unless LOG_LEVEL is set). */
  logTo?: DestinationStream;
}

/**
 * Starts the real application on port 0 against the test run's Redis, with a key prefix of its
 * own so test files never see each other's data (or the shared Redis's).
 */
export async function startService(options: ServiceOptions = {}): Promise<TestService> {
  // Services sharing a prefix are one deployment: they share the bootstrap key (a different one
  // would replace it), so it is derived from the prefix unless given.
  const sharedPrefix = options.env?.REDIS_PREFIX;
  const adminKey =
    options.env?.ADMIN_API_KEY ??
    (sharedPrefix
      ? `vck_${hash("sha256", `test-admin-${sharedPrefix}`, "base64url")}`
      : `vck_${randomBytes(24).toString("base64url")}`);
  const hookSecret = `whsec_${randomBytes(24).toString("base64")}`;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    REDIS_URL: options.redisUrl ?? inject("redisUrl"),
    REDIS_CLUSTER: !options.redisUrl && inject("redisCluster") ? "1" : "0",
    // The Sentinel project (vitest.cluster.config.ts): the primary is asked of the sentinels.
    ...(!options.redisUrl && inject("redisSentinels")
      ? { REDIS_SENTINELS: inject("redisSentinels")!, REDIS_SENTINEL_NAME: inject("redisSentinelName")! }
      : {}),
    REDIS_PREFIX: `t${randomBytes(6).toString("hex")}`,
    ADMIN_API_KEY: adminKey,
    PROVISIONING_WEBHOOK_SECRET: hookSecret,
    API_KEY_CACHE_TTL_MS: "1000",
    ...options.env,
  };
  const config = loadConfig(env);
  const ctx = createServiceContext(config, options.logTo ? createLogger(config, options.logTo) : createLogger(config));
  await waitForReady(ctx.redis);
  await ctx.broadcast.connected();
  await installBootstrapKey(ctx, adminKey);
  const workers = options.workers ? await startWorkers(ctx) : null;
  const server: Server = createHttpServer(createApp(ctx)).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let shapes: Promise<ShapeCheck> | undefined;
  const request = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...opts.headers };
    const key = opts.key === undefined ? adminKey : opts.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | Buffer | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    const contentType = response.headers.get("content-type") ?? "";
    if (contentType.includes("json") && text) parsed = JSON.parse(text);
    // Every answer the suite receives is held against the published document.
    shapes ??= fetch(`${url}/openapi.json`).then(async (r) => shapeCheck((await r.json()) as Record<string, unknown>));
    (await shapes).check(method, path, response.status, contentType, parsed);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  return {
    url,
    ctx,
    adminKey,
    hookSecret,
    workers,
    env,
    request,
    async key(role, accountId) {
      const reply = await request("POST", "/v1/api-keys", {
        body: { role, ...(accountId ? { accountId } : {}), label: `test ${role}` },
      });
      if (reply.status !== 201) throw new Error(`key creation failed: ${reply.status} ${reply.text}`);
      return (reply.body as { key: string }).key;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await workers?.close();
      await ctx.close();
    },
  };
}
