import { pino, type Logger } from "pino";
import type { Config } from "../config.js";

/**
 * The process logger. Addresses, keys and secrets are never logged: request bodies are not
 * logged at all, and the headers that could carry secrets are redacted.
 */
export function createLogger(config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: "voip-compliance" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["webhook-signature"]',
        "headers.authorization",
        "*.key",
        "*.webhookSecret",
        "*.address",
      ],
      censor: "[redacted]",
    },
  });
}
