import type { TestService } from "../support/service.js";
import type { WebhookReceiver } from "../support/webhook-receiver.js";
import { US_ADDRESS, accountBody } from "../support/fixtures.js";

/** An account with on-site contacts and one US desk phone at a registered location. */
export async function siteWithPhone(
  service: TestService,
  accountId: string,
  options: {
    locale?: string;
    hooks?: WebhookReceiver;
    escalation?: { afterSeconds: number; emails: string[] };
    onSite?: boolean;
    location?: boolean;
    outsideLinePrefixes?: string[];
  } = {},
): Promise<{ deviceId: string; secret?: string }> {
  const onSite =
    options.onSite === false
      ? undefined
      : {
          emails: [`desk@${accountId}.example`],
          ...(options.hooks ? { webhookUrl: options.hooks.url } : {}),
          ...(options.escalation ? { escalation: options.escalation } : {}),
        };
  const account = await service.request("PUT", `/v1/accounts/${accountId}`, {
    body: accountBody({
      locale: options.locale ?? "en",
      contacts: { emails: [`office@${accountId}.example`], ...(onSite ? { onSite } : {}) },
      ...(options.outsideLinePrefixes ? { dialing: { outsideLinePrefixes: options.outsideLinePrefixes } } : {}),
    }),
  });
  if (account.status >= 300) throw new Error(`account: ${account.status} ${account.text}`);
  if (account.body.webhookSecret && options.hooks) options.hooks.setSecret(account.body.webhookSecret);
  const deviceId = "lobby-phone";
  const device = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
    body: { type: "desk_phone", label: "Lobby", callbackNumber: "+1 415 555 2671", serviceCountry: "US" },
  });
  if (device.status >= 300) throw new Error(`device: ${device.status} ${device.text}`);
  if (options.location !== false) {
    const located = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}/location`, {
      body: { address: US_ADDRESS },
    });
    if (located.status >= 300) throw new Error(`location: ${located.status} ${located.text}`);
  }
  return { deviceId, ...(account.body.webhookSecret ? { secret: account.body.webhookSecret as string } : {}) };
}

let counter = 0;
/** A fresh SIP Call-ID. */
export const newCallId = () => `${Date.now().toString(36)}-${++counter}@pbx.example`;
