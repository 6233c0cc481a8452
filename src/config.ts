import { z } from "zod";

/**
 * The service's environment, parsed once at start-up. Every variable is optional in development;
 * a bad value stops start-up with one line naming the variable (see `ConfigError`).
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  REDIS_URL: z
    .string()
    .min(1)
    .refine((v) => v.split(",").every((part) => /^(rediss?:\/\/.+|[^\s:/]+:\d+)$/.test(part.trim())), {
      error: "must be redis://host:port or a comma-separated list of host:port",
    })
    .optional(),
  REDIS_CLUSTER: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /**
   * A primary with replicas under Redis Sentinel: comma-separated `host:port` of the sentinels
   * (then `REDIS_URL` is not used for the data connection). Needs `REDIS_SENTINEL_NAME`.
   */
  REDIS_SENTINELS: z
    .string()
    .regex(/^\s*[^\s:/,]+:\d+\s*(,\s*[^\s:/,]+:\d+\s*)*$/, "must be a comma-separated list of host:port")
    .optional(),
  /** The primary's name as the sentinels know it (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "letters, digits, . _ or -")
    .default("mymaster"),
  /**
   * What a write of life-safety data waits for before it is answered (ADR "durable
   * acknowledgement"): `fsync` — on disk (WAITAOF on Redis ≥ 7.2, else the server must run
   * `appendfsync always`); `replica` — on one replica (WAIT); `fsync+replica` — both; `none` — applied in memory only (a
   * baseline for benchmarks; an acknowledged write can be lost).
   */
  DURABILITY: z.enum(["fsync", "replica", "fsync+replica", "none"]).default("fsync"),
  /** Longest wait for that confirmation; then 503 `durability-unconfirmed`. Under the 1 s command timeout. */
  DURABILITY_TIMEOUT_MS: z.coerce.number().int().min(1).max(800).default(500),
  /** Every key starts with this; lets several deployments (or test runs) share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, "letters, digits, _ or -, at most 32")
    .default("vc"),
  ADMIN_API_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  PROVISIONING_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, "must be a Standard Webhooks secret, whsec_<base64>")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "must be smtp://host:port or smtps://…")
    .optional(),
  /** Sender of customer e-mail. */
  MAIL_FROM: z.string().min(3).default("VoIP Emergency Services <no-reply@voip-compliance.example>"),
  /** First retry delay of a failed notification delivery; doubles per attempt, with jitter. */
  NOTIFICATION_BACKOFF_MS: z.coerce.number().int().min(1).max(600_000).default(2_000),
  /**
   * How long a worker's claim on a job lasts without renewal. A worker that dies mid-job loses it
   * after this, and another worker takes the job over (BullMQ stalled-job recovery).
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /**
   * The queues this process works (comma-separated queue names; all when unset). A deployment can
   * give emergency alerts worker processes of their own (`WORKER_QUEUES=emergency-alerts`), so an
   * import or a backlog of porting notices never holds up their jobs (and, on a shared host, gets
   * the CPU after them: `BULK_WORKER_NICENESS`). The names are checked when the
   * workers start (the queues are the platform's, which this module does not import).
   */
  WORKER_QUEUES: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined || value.trim() === "" ? undefined : value.split(",").map((q) => q.trim()),
    ),
  /**
   * The CPU niceness (`nice(1)`, 0–19) a worker process takes on when none of its queues is an
   * emergency queue (`WORKER_QUEUES` without `emergency-alerts`): on a host it shares with API
   * processes and alert workers, imports and porting notices then get the CPU those leave over.
   * 0 leaves the priority alone. No effect across containers (their CPU shares decide there).
   */
  BULK_WORKER_NICENESS: z.coerce.number().int().min(0).max(19).default(10),
  /** Requests per second per API key (all API processes together); 0 turns the limit off. */
  RATE_LIMIT_RPS: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  /**
   * Failed API-key checks (unknown keys) one source address may make per minute before its
   * further unknown keys are answered 429; 0 turns the limit off. Emergency answers are exempt.
   */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How long a verified API key is trusted from the in-process cache before Redis is asked again. */
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  /**
   * How many devices (and as many accounts) each API process remembers as it last served or wrote
   * them, for emergency answers while Redis cannot be asked (least recently used leave first).
   */
  EMERGENCY_CACHE_DEVICES: z.coerce.number().int().min(0).max(10_000_000).default(50_000),
  /**
   * Where staff reach this service (e.g. `https://compliance.example.com`): the base of links in
   * notices, such as an emergency call's view in the console. Defaults to `http://localhost:<PORT>`.
   */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  /** Allow webhooks to loopback/private addresses in production (they are always allowed otherwise). */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Config = z.infer<typeof envSchema>;

/** Raised for an invalid environment; its message is the one line printed before exiting. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment. Empty strings count as unset so `FOO= npm start` behaves like no FOO.
 * @throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  return parsed.data;
}
