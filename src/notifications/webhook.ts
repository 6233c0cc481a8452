import { Webhook } from "standardwebhooks";
import type { Dispatcher } from "undici";
import { webhookUrlProblem } from "../accounts/webhook-url.js";
import { outboundDispatcher, outboundFetch, refusalOf } from "../platform/outbound-http.js";
import type { NotificationRecord } from "./types.js";

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A delivery the receiver refused or did not answer: retried with backoff. */
export class WebhookDeliveryError extends Error {
  override name = "WebhookDeliveryError";
  /** True when retrying cannot help (the receiver refused the request itself). */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/**
 * Posts a notification to the account's webhook, signed per the Standard Webhooks spec with the
 * account's secret. `webhook-id` is the notification id: unique per event and the same on every
 * retry, so the receiver can drop duplicates. The target is checked again at send time, and the
 * connection goes through the outbound dispatcher, which checks every address the name resolves
 * to and the one actually reached (SSRF); a refused target fails for good, with the reason kept.
 */
export async function sendWebhook(
  record: NotificationRecord,
  secret: string,
  allowPrivate: boolean,
  now: Date,
  dispatcher: Dispatcher = outboundDispatcher({ allowPrivate }),
): Promise<void> {
  const problem = webhookUrlProblem(record.to, { allowPrivate });
  if (problem) throw new WebhookDeliveryError(`webhook target refused: ${problem}`, true);
  const payload = JSON.stringify({
    type: record.type,
    timestamp: now.toISOString(),
    data: {
      notificationId: record.id,
      accountId: record.accountId,
      locale: record.locale,
      subject: record.subject,
      body: record.body,
      ...record.data,
    },
  });
  const signature = new Webhook(secret).sign(record.id, now, payload);
  let response: Awaited<ReturnType<typeof outboundFetch>>;
  try {
    response = await outboundFetch(record.to, {
      dispatcher,
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "webhook-id": record.id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: payload,
    });
  } catch (error) {
    const refused = refusalOf(error);
    if (refused) throw new WebhookDeliveryError(`webhook target refused: ${refused}`, true);
    throw new WebhookDeliveryError(`webhook not reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    // A 4xx says the request itself is unwanted: retrying cannot help, except for a timeout or
    // rate limit (408, 429).
    const permanent =
      response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    throw new WebhookDeliveryError(`webhook answered ${response.status}`, permanent);
  }
}
