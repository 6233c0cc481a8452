import { isIP } from "node:net";

/**
 * Whether a customer's webhook URL may be stored. Link-local and cloud-metadata targets are
 * always refused (they reach the host's own credentials: SSRF); loopback and private ranges are
 * refused in production unless the operator allows them (CONTRACT "Notifications").
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
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTS.has(host) || isLinkLocal(host)) return "must not point at a link-local or cloud-metadata address";
  if (!options.allowPrivate && isPrivateOrLoopback(host)) return "must not point at a loopback or private address";
  return null;
}

const METADATA_HOSTS = new Set([
  "metadata.google.internal",
  "metadata",
  "metadata.azure.internal",
  "instance-data",
  "instance-data.ec2.internal",
]);

function ipv4Octets(host: string): number[] | null {
  return isIP(host) === 4 ? host.split(".").map(Number) : null;
}

function isLinkLocal(host: string): boolean {
  const v4 = ipv4Octets(host);
  if (v4) return v4[0] === 169 && v4[1] === 254;
  if (isIP(host) === 6) return /^fe[89ab]/.test(host) || host === "fd00:ec2::254";
  return false;
}

function isPrivateOrLoopback(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = ipv4Octets(host);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6) return host === "::1" || host === "::" || /^f[cd]/.test(host) || host.startsWith("::ffff:");
  return false;
}
