import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  id: string;
  headers: IncomingHttpHeaders;
  payload: any;
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Set the secret to verify against (the account's `webhookSecret`). */
  setSecret(secret: string): void;
  /** Answer the next `n` deliveries with 503. */
  failNext(n: number): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A real HTTP receiver that verifies Standard Webhooks signatures and records what arrives. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let verifier: Webhook | null = null;
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      let verified: boolean;
      try {
        verifier?.verify(raw, req.headers as Record<string, string>);
        verified = verifier !== null;
      } catch {
        verified = false;
      }
      received.push({
        id: String(req.headers["webhook-id"]),
        headers: req.headers,
        payload: JSON.parse(raw),
        verified,
      });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    setSecret(secret) {
      verifier = new Webhook(secret);
    },
    failNext(n) {
      failures = n;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((r) => r.verified).length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} verified webhooks, got ${received.length} deliveries`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
