import { pino, type DestinationStream, type Logger } from "pino";
import type { Config } from "../config.js";

/**
 * The process logger. Addresses, keys and secrets are never logged: request bodies are not
 * logged at all, and the headers that could carry secrets are redacted.
 *
 * Lines go to stdout asynchronously (pino's sonic-boom, `sync: false`), so a burst of logged
 * requests never blocks the event loop on the terminal or the log collector; pino flushes what
 * is pending when the process exits.
 */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">,
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  return pino(
    {
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
    },
    destination,
  );
}

const EMAIL_ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;
/** `+` and digits with separators (E.164, formatted), or 7+ digits in a row; not IPs or ports. */
const PHONE_NUMBER = /\+\d[\d\s().-]{5,}\d|\b\d{7,}\b/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** Masks e-mail addresses, phone numbers and URLs (which may carry tokens) in a message. */
export function scrub(text: string): string {
  return text.replace(URL, "[url]").replace(EMAIL_ADDRESS, "[email]").replace(PHONE_NUMBER, "[number]").slice(0, 500);
}

/**
 * An error as it may be logged: its name, code and status, its message scrubbed, and its stack
 * frames without the message line. Errors quote what they failed on — an SMTP server answers
 * "550 <someone@example.com>: user unknown" — and the logs must hold no personal data.
 */
export function loggableError(error: unknown): {
  name: string;
  message: string;
  code?: string;
  status?: number;
  stack?: string;
} {
  if (!(error instanceof Error)) return { name: typeof error, message: scrub(String(error)) };
  const { code, responseCode, status } = error as { code?: unknown; responseCode?: unknown; status?: unknown };
  const frames = error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
  return {
    name: error.name,
    message: scrub(error.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof responseCode === "number" ? { status: responseCode } : typeof status === "number" ? { status } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}
