import { getAccount, type AccountRecord } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { emergencyNumbersFor } from "../emergency/classify.js";
import type { Context } from "../platform/context.js";
import { ValidationError } from "../platform/errors.js";
import { t } from "../platform/i18n.js";
import type { Locale } from "../platform/locales.js";
import { acknowledgementState, policyTextFor, RELAY_SERVICES, type PolicyName, type PolicyText } from "./policies.js";

export interface Disclosure {
  country: string;
  locale: Locale;
  policy: PolicyName;
  version: string;
  title: string;
  text: string;
}

/** The localized limitations text a customer must pass on to its users, for one country. */
export function disclosureFor(country: string, locale: Locale): Disclosure {
  const policyText = policyTextFor(country);
  const translate = t(locale, "disclosures");
  const countryName = new Intl.DisplayNames([locale], { type: "region" }).of(country) ?? country;
  const relay = Object.hasOwn(RELAY_SERVICES, country) ? RELAY_SERVICES[country] : undefined;
  // Relay numbers are named in their own paragraph, not among the voice emergency numbers.
  const numbers = emergencyNumbersFor(country)
    .map((entry) => entry.number)
    .filter((number) => number !== relay?.number)
    .join(", ");
  const key = policyText.key;
  const relayParagraph = !policyText.relayParagraph
    ? ""
    : relay
      ? translate(`${key}.relay`, { relayNumber: relay.number, relayService: relay.service })
      : translate(`${key}.noRelay`);
  return {
    country,
    locale,
    policy: policyText.policy,
    version: policyText.version,
    title: translate(`${key}.title`),
    text: translate(`${key}.text`, { numbers, countryName, relay: relayParagraph }),
  };
}

export interface Acknowledgement {
  accountId: string;
  policy: PolicyName;
  /** `null` for an acknowledgement recorded before they were per country (it counts for the account's own country). */
  country: string | null;
  version: string;
  acceptedBy: string;
  acceptedAt: string;
  recordedBy: string;
}

/**
 * The hash field of an acknowledgement. Acknowledgements recorded before they were per country
 * were stored under the bare policy name; they stay as they are and count for the account's own
 * country only.
 */
const field = (policy: PolicyName, country: string): string => `${policy}/${country}`;

/**
 * Records that the account accepted a policy text for one country (`country` defaults to the
 * account's). Only the current version of that country's text can be accepted: accepting an
 * older text would not cover what the customer is now told.
 */
export async function acknowledgePolicy(
  ctx: Context,
  by: Principal,
  accountId: string,
  input: { policy: PolicyName; country?: string | undefined; version: string; acceptedBy: string },
): Promise<Acknowledgement> {
  const { record: account } = await getAccount(ctx, accountId);
  const country = input.country ?? account.country;
  const text = policyTextFor(country);
  if (text.policy !== input.policy) {
    throw new ValidationError([
      { path: "policy", message: `does not apply to ${country}; its policy is ${text.policy}` },
    ]);
  }
  if (input.version !== text.version) {
    throw new ValidationError([
      { path: "version", message: `is not the current version of ${input.policy} for ${country} (${text.version})` },
    ]);
  }
  const ack: Acknowledgement = {
    accountId,
    policy: input.policy,
    country,
    version: input.version,
    acceptedBy: input.acceptedBy,
    acceptedAt: ctx.now().toISOString(),
    recordedBy: actorOf(by),
  };
  const json = JSON.stringify(ack);
  // Latest per (policy, country) for the activation gate, plus an append-only log for the audit
  // trail; both keys share the account's hash tag.
  await ctx.redis
    .multi()
    .hset(ctx.keys.acknowledgements(accountId), field(input.policy, country), json)
    .rpush(ctx.keys.acknowledgementLog(accountId), json)
    .exec();
  return ack;
}

/** Every acknowledgement the account has given, oldest first. */
export async function listAcknowledgements(ctx: Context, accountId: string): Promise<Acknowledgement[]> {
  await getAccount(ctx, accountId);
  const entries = await ctx.redis.lrange(ctx.keys.acknowledgementLog(accountId), 0, -1);
  return entries.map((e) => {
    const ack = JSON.parse(e) as Acknowledgement;
    return { ...ack, country: ack.country ?? null };
  });
}

export type AcknowledgementState = ReturnType<typeof acknowledgementState>;

/** The version the account accepted for a country's text: its own, else (own country only) a legacy one. */
function acceptedVersion(
  account: Pick<AccountRecord, "country">,
  stored: Readonly<Record<string, string>>,
  text: PolicyText,
  country: string,
): string | undefined {
  const raw = stored[field(text.policy, country)] ?? (country === account.country ? stored[text.policy] : undefined);
  return raw === undefined ? undefined : (JSON.parse(raw) as Acknowledgement).version;
}

/**
 * Whether the account's acknowledgements cover the current text of each country, in one round
 * trip: `current`, `outdated` (an older text that no longer counts) or `missing`.
 */
export async function acknowledgementStates(
  ctx: Context,
  accountId: string,
  countries: readonly string[],
): Promise<Map<string, AcknowledgementState>> {
  // Two commands on the batching connection (ADR 0027): one socket write shared with other
  // requests.
  const [rawAccount, stored] = await Promise.all([
    ctx.redis.get(ctx.keys.account(accountId)),
    ctx.redis.hgetall(ctx.keys.acknowledgements(accountId)),
  ]);
  // The versioned store keeps "<version>|<json>".
  const account = rawAccount ? (JSON.parse(rawAccount.slice(rawAccount.indexOf("|") + 1)) as AccountRecord) : null;
  const states = new Map<string, AcknowledgementState>();
  for (const country of countries) {
    const text = policyTextFor(country);
    states.set(
      country,
      acknowledgementState(text, account ? acceptedVersion(account, stored, text, country) : undefined),
    );
  }
  return states;
}

/** Which policy a device in `country` needs, and whether the account's acknowledgement covers its current text. */
export async function requiredPolicy(
  ctx: Context,
  accountId: string,
  country: string,
): Promise<{ policy: PolicyName; version: string; acknowledged: boolean }> {
  const text = policyTextFor(country);
  const state = (await acknowledgementStates(ctx, accountId, [country])).get(country);
  return { policy: text.policy, version: text.version, acknowledged: state === "current" };
}
