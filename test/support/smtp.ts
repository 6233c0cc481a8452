import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpReceiver {
  url: string;
  messages: ParsedMail[];
  /** Resolves when `count` messages have arrived (or rejects after the timeout). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Refuse this recipient at RCPT TO with a 550 that names it, as real servers do. */
  rejectRecipient(address: string): void;
  /** Make the next `n` messages fail with a 451 (temporary) error. */
  failNext(n: number): void;
  /** Never answer the next message's data (a sender blocked mid-delivery); resolves when it arrives. */
  hangNext(): Promise<void>;
  /** How many messages were received but never answered. */
  readonly held: number;
  /** Answers the held messages as accepted (the sender's send completes) and keeps them. */
  releaseHeld(): void;
  close(): Promise<void>;
}

/** A real SMTP server on a free port that keeps every message it accepts, parsed. */
export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  let failures = 0;
  let hang: (() => void) | null = null;
  const heldCallbacks: ((error?: Error) => void)[] = [];
  const rejected = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address)) {
        callback();
        return;
      }
      callback(
        Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        }),
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (hang) {
            heldCallbacks.push((error) => {
              if (!error) messages.push(mail);
              callback(error);
            });
            const arrived = hang;
            hang = null;
            arrived();
            return;
          }
          if (failures > 0) {
            failures--;
            const error = Object.assign(new Error("try again later"), { responseCode: 451 });
            callback(error);
            return;
          }
          messages.push(mail);
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    rejectRecipient(address) {
      rejected.add(address);
    },
    failNext(n) {
      failures = n;
    },
    hangNext() {
      return new Promise<void>((resolve) => {
        hang = resolve;
      });
    },
    get held() {
      return heldCallbacks.length;
    },
    releaseHeld() {
      for (const accept of heldCallbacks.splice(0)) accept();
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
        });
      }
      return messages;
    },
    async close() {
      for (const callback of heldCallbacks.splice(0))
        callback(Object.assign(new Error("closing"), { responseCode: 421 }));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
