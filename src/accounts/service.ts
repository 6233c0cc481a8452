import { randomBytes } from "node:crypto";
import { actorOf, type Principal } from "../platform/principal.js";
import { timeZoneFor } from "../geography/time-zones.js";
import type { Context } from "../platform/context.js";
import { NotFoundError, ValidationError } from "../platform/errors.js";
import type { Locale } from "../platform/locales.js";
import { updateVersioned } from "../platform/versioned-update.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import type { AccountInput, OnSiteContactsInput } from "./schemas.js";
import { dialingWritten, rememberDialing } from "./last-known.js";
import { webhookUrlProblem } from "./webhook-url.js";

/** Kari's Law on-site alert contacts as stored (absent on accounts written before they existed). */
export interface OnSiteContacts {
  emails: string[];
  webhookUrl: string | null;
  escalation: { afterSeconds: number; emails: string[] } | null;
}

/** An account as stored. The webhook secret never leaves the service except once, on creation. */
export interface AccountRecord {
  accountId: string;
  name: string;
  country: string;
  locale: Locale;
  timeZone: string;
  contacts: { emails: string[]; webhookUrl: string | null; onSite?: OnSiteContacts | null };
  webhookSecret: string | null;
  dialing: { outsideLinePrefixes: string[] };
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export type AccountView = Omit<AccountRecord, "webhookSecret"> & { version: number; webhookSecret?: string };

export function accountView(record: AccountRecord, version: number, revealSecret = false): AccountView {
  const { webhookSecret, ...rest } = record;
  return { ...rest, version, ...(revealSecret && webhookSecret ? { webhookSecret } : {}) };
}

/** Reads an account or throws 404. */
export async function getAccount(ctx: Context, accountId: string): Promise<{ record: AccountRecord; version: number }> {
  const found = await ctx.store.read<AccountRecord>(ctx.keys.account(accountId));
  if (!found) throw new NotFoundError("account");
  rememberDialing(ctx, accountId, found.doc.dialing, found.version);
  return { record: found.doc, version: found.version };
}

/** The fields a PUT replaces, compared to decide whether a retried PUT changes anything. */
function content(record: AccountRecord): string {
  const { createdAt: _c, updatedAt: _u, updatedBy: _b, ...rest } = record;
  return JSON.stringify(rest);
}

/**
 * Creates or replaces an account (PUT). A webhook URL given without a secret keeps the secret it
 * already has, or gets a generated one that is returned in this response only. A PUT that
 * changes nothing returns the account as it is, without a new version.
 */
export async function putAccount(
  ctx: Context,
  by: Principal,
  accountId: string,
  input: AccountInput,
  ifMatch?: number | "*",
): Promise<{ view: AccountView; created: boolean }> {
  const webhookUrl = input.contacts.webhookUrl ?? null;
  if (webhookUrl !== null) {
    const problem = webhookUrlProblem(webhookUrl, {
      allowPrivate: ctx.config.NODE_ENV !== "production" || ctx.config.WEBHOOK_ALLOW_PRIVATE,
    });
    if (problem) throw new ValidationError([{ path: "contacts.webhookUrl", message: problem }]);
  }
  const onSite = onSiteRecord(input.contacts.onSite);
  if (onSite?.webhookUrl) {
    const problem = webhookUrlProblem(onSite.webhookUrl, {
      allowPrivate: ctx.config.NODE_ENV !== "production" || ctx.config.WEBHOOK_ALLOW_PRIVATE,
    });
    if (problem) throw new ValidationError([{ path: "contacts.onSite.webhookUrl", message: problem }]);
  }
  // The on-site webhook is signed with the account's one webhook secret.
  const anyWebhook = webhookUrl !== null || Boolean(onSite?.webhookUrl);
  return updateVersioned(ifMatch, async () => {
    const existing = await ctx.store.read<AccountRecord>(ctx.keys.account(accountId));
    assertIfMatch(ifMatch, existing?.version ?? 0);
    const now = ctx.now().toISOString();
    const keptSecret = !anyWebhook ? null : (input.contacts.webhookSecret ?? existing?.doc.webhookSecret ?? null);
    const generated = anyWebhook && keptSecret === null;
    const record: AccountRecord = {
      accountId,
      name: input.name,
      country: input.country,
      locale: input.locale as Locale,
      timeZone: input.timeZone ?? timeZoneFor(input.country) ?? "UTC",
      contacts: {
        emails: [...new Set(input.contacts.emails.map((e) => e.toLowerCase()))],
        webhookUrl,
        ...(onSite ? { onSite } : {}),
      },
      webhookSecret: generated ? `whsec_${randomBytes(24).toString("base64")}` : keptSecret,
      dialing: {
        outsideLinePrefixes: input.dialing?.outsideLinePrefixes ?? existing?.doc.dialing.outsideLinePrefixes ?? [],
      },
      createdAt: existing?.doc.createdAt ?? now,
      updatedAt: now,
      updatedBy: actorOf(by),
    };
    if (existing && content(existing.doc) === content(record)) {
      return { view: accountView(existing.doc, existing.version), created: false };
    }
    const expected = existing?.version ?? 0;
    const version = await ctx.store.write(ctx.keys.account(accountId), expected, record, [
      {
        command: "RPUSH",
        key: ctx.keys.accountHistory(accountId),
        args: [JSON.stringify({ version: expected + 1, changedAt: now, changedBy: record.updatedBy })],
      },
    ]);
    dialingWritten(ctx, accountId, record.dialing, version);
    await ctx.redis.sadd(ctx.keys.accountIndex(), accountId);
    return { view: accountView(record, version, generated), created: !existing };
  });
}

function onSiteRecord(input: OnSiteContactsInput | undefined): OnSiteContacts | null {
  if (!input) return null;
  const unique = (emails: string[]) => [...new Set(emails.map((e) => e.toLowerCase()))];
  return {
    emails: unique(input.emails),
    webhookUrl: input.webhookUrl ?? null,
    escalation: input.escalation
      ? { afterSeconds: input.escalation.afterSeconds, emails: unique(input.escalation.emails) }
      : null,
  };
}
