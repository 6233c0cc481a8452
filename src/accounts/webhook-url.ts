import { hostProblem } from "../platform/outbound-policy.js";

/**
 * Whether a customer's webhook URL may be stored: early feedback at write time. Link-local,
 * cloud-metadata and other never-reachable targets are always refused; loopback and private
 * ranges are refused in production unless the operator allows them (CONTRACT "Notifications").
 * The name is checked as written here; what it resolves to is checked again on every delivery,
 * at connect time (`platform/outbound-http.ts`).
 * Returns the reason it is refused, or null when it is acceptable.
 */
export function webhookUrlProblem(raw: string, options: { allowPrivate: boolean }): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute http(s) URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must use http or https";
  if (url.username || url.password) return "must not carry credentials";
  const problem = hostProblem(url.hostname, options);
  return problem ? `must not point at this host: ${problem}` : null;
}
