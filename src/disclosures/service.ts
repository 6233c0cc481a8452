import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { emergencyNumbersFor } from "../emergency/classify.js";
import type { Context } from "../platform/context.js";
import { ValidationError } from "../platform/errors.js";
import { t } from "../platform/i18n.js";
import type { Locale } from "../platform/locales.js";
import { POLICIES, policyForCountry, type PolicyName } from "./policies.js";

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
  const policy = policyForCountry(country);
  const translate = t(locale, "disclosures");
  const countryName = new Intl.DisplayNames([locale], { type: "region" }).of(country) ?? country;
  const numbers = emergencyNumbersFor(country)
    .map((entry) => entry.number)
    .join(", ");
  return {
    country,
    locale,
    policy,
    version: POLICIES[policy].version,
    title: translate(`${policy}.title`),
    text: translate(`${policy}.text`, { numbers, countryName }),
  };
}

export interface Acknowledgement {
  accountId: string;
  policy: PolicyName;
  version: string;
  acceptedBy: string;
  acceptedAt: string;
  recordedBy: string;
}

/**
 * Records that the account accepted a policy text. Only the current version can be accepted:
 * accepting an older text would not cover what the customer is now told.
 */
export async function acknowledgePolicy(
  ctx: Context,
  by: Principal,
  accountId: string,
  input: { policy: PolicyName; version: string; acceptedBy: string },
): Promise<Acknowledgement> {
  await getAccount(ctx, accountId);
  const current = POLICIES[input.policy].version;
  if (input.version !== current) {
    throw new ValidationError([
      { path: "version", message: `is not the current version of ${input.policy} (${current})` },
    ]);
  }
  const ack: Acknowledgement = { accountId, ...input, acceptedAt: ctx.now().toISOString(), recordedBy: actorOf(by) };
  const json = JSON.stringify(ack);
  // Latest per policy for the activation gate, plus an append-only log for the audit trail;
  // both keys share the account's hash tag.
  await ctx.redis
    .multi()
    .hset(ctx.keys.acknowledgements(accountId), input.policy, json)
    .rpush(ctx.keys.acknowledgementLog(accountId), json)
    .exec();
  return ack;
}

/** Every acknowledgement the account has given, oldest first. */
export async function listAcknowledgements(ctx: Context, accountId: string): Promise<Acknowledgement[]> {
  await getAccount(ctx, accountId);
  const entries = await ctx.redis.lrange(ctx.keys.acknowledgementLog(accountId), 0, -1);
  return entries.map((e) => JSON.parse(e) as Acknowledgement);
}

/** Which policy a device in `country` needs, and whether the account has accepted its current version. */
export async function requiredPolicy(
  ctx: Context,
  accountId: string,
  country: string,
): Promise<{ policy: PolicyName; version: string; acknowledged: boolean }> {
  const policy = policyForCountry(country);
  const version = POLICIES[policy].version;
  const stored = await ctx.redis.hget(ctx.keys.acknowledgements(accountId), policy);
  const acknowledged = stored !== null && (JSON.parse(stored) as Acknowledgement).version === version;
  return { policy, version, acknowledged };
}
