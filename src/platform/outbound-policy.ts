import ipaddr from "ipaddr.js";

/**
 * Which addresses the service may send outbound requests to (customer webhooks). Pure: takes a
 * host name or an address, returns the verdict; the connector in `outbound-http.ts` applies it
 * to every address it is about to connect to, after resolving the name.
 *
 * The ranges are the special-purpose registries of RFC 6890 (IPv4 §2.2.2, IPv6 §2.2.3, as kept
 * up to date by IANA) with the RFC that assigned each, sorted into three classes:
 *
 * - `never`: no webhook can legitimately live there, or reaching it leaks the host's own
 *   credentials (cloud metadata, link-local): refused in every mode;
 * - `local`: loopback, private and shared (CGNAT) space — a receiver on the operator's own network:
 *   refused in production unless the operator allows it (`WEBHOOK_ALLOW_PRIVATE`), allowed in
 *   development and tests so that local receivers work;
 * - anything else is public and allowed.
 *
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4
 * address inside them, so `[::ffff:169.254.169.254]` is the metadata address it spells.
 */

export type RangeClass = "never" | "local";

export interface SpecialRange {
  cidr: string;
  name: string;
  class: RangeClass;
  /** Where the range is assigned. */
  source: string;
}

export const SPECIAL_RANGES: readonly SpecialRange[] = [
  // IPv4 (RFC 6890 §2.2.2 and the IANA IPv4 Special-Purpose Address Registry)
  { cidr: "0.0.0.0/8", name: "this network (unspecified)", class: "never", source: "RFC 791, RFC 1122 §3.2.1.3" },
  { cidr: "10.0.0.0/8", name: "private", class: "local", source: "RFC 1918" },
  { cidr: "100.64.0.0/10", name: "shared address space (CGNAT)", class: "local", source: "RFC 6598" },
  { cidr: "127.0.0.0/8", name: "loopback", class: "local", source: "RFC 1122 §3.2.1.3" },
  { cidr: "169.254.0.0/16", name: "link-local", class: "never", source: "RFC 3927" },
  { cidr: "169.254.169.254/32", name: "cloud metadata", class: "never", source: "RFC 3927; AWS, GCP, Azure IMDS" },
  { cidr: "172.16.0.0/12", name: "private", class: "local", source: "RFC 1918" },
  { cidr: "192.0.0.0/24", name: "IETF protocol assignments", class: "never", source: "RFC 6890 §2.1" },
  { cidr: "192.0.2.0/24", name: "documentation (TEST-NET-1)", class: "never", source: "RFC 5737" },
  { cidr: "192.88.99.0/24", name: "6to4 relay anycast", class: "never", source: "RFC 7526" },
  { cidr: "192.168.0.0/16", name: "private", class: "local", source: "RFC 1918" },
  { cidr: "198.18.0.0/15", name: "benchmarking", class: "never", source: "RFC 2544" },
  { cidr: "198.51.100.0/24", name: "documentation (TEST-NET-2)", class: "never", source: "RFC 5737" },
  { cidr: "203.0.113.0/24", name: "documentation (TEST-NET-3)", class: "never", source: "RFC 5737" },
  { cidr: "224.0.0.0/4", name: "multicast", class: "never", source: "RFC 5771" },
  { cidr: "240.0.0.0/4", name: "reserved", class: "never", source: "RFC 1112 §4" },
  { cidr: "255.255.255.255/32", name: "limited broadcast", class: "never", source: "RFC 919, RFC 8190" },
  // IPv6 (RFC 6890 §2.2.3 and the IANA IPv6 Special-Purpose Address Registry)
  { cidr: "::/128", name: "unspecified", class: "never", source: "RFC 4291 §2.5.2" },
  { cidr: "::1/128", name: "loopback", class: "local", source: "RFC 4291 §2.5.3" },
  { cidr: "100::/64", name: "discard-only", class: "never", source: "RFC 6666" },
  { cidr: "2001::/32", name: "Teredo", class: "never", source: "RFC 4380" },
  { cidr: "2001:2::/48", name: "benchmarking", class: "never", source: "RFC 5180" },
  { cidr: "2001:db8::/32", name: "documentation", class: "never", source: "RFC 3849" },
  { cidr: "fc00::/7", name: "unique local (private)", class: "local", source: "RFC 4193" },
  { cidr: "fd00:ec2::254/128", name: "cloud metadata (AWS IPv6)", class: "never", source: "AWS EC2 IMDS" },
  { cidr: "fe80::/10", name: "link-local", class: "never", source: "RFC 4291 §2.5.6" },
  { cidr: "fec0::/10", name: "site-local (deprecated)", class: "local", source: "RFC 3879" },
  { cidr: "ff00::/8", name: "multicast", class: "never", source: "RFC 4291 §2.7" },
];

/** IPv6 ranges that embed an IPv4 address, judged by that address. */
const EMBEDDING: readonly { cidr: string; source: string; extract: (bytes: number[]) => number[] }[] = [
  { cidr: "::ffff:0:0/96", source: "RFC 4291 §2.5.5.2 (IPv4-mapped)", extract: (b) => b.slice(12, 16) },
  { cidr: "::/96", source: "RFC 4291 §2.5.5.1 (IPv4-compatible)", extract: (b) => b.slice(12, 16) },
  { cidr: "64:ff9b::/96", source: "RFC 6052 (NAT64)", extract: (b) => b.slice(12, 16) },
  { cidr: "64:ff9b:1::/48", source: "RFC 8215 (local NAT64)", extract: (b) => b.slice(12, 16) },
  { cidr: "2002::/16", source: "RFC 3056 (6to4)", extract: (b) => b.slice(2, 6) },
];

/**
 * Names of cloud metadata services, refused whatever they resolve to (compared without case and
 * without trailing dots). `localhost` names are loopback by definition (RFC 6761 §6.3).
 */
export const METADATA_HOSTS: readonly string[] = [
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "metadata.azure.internal",
  "instance-data",
  "instance-data.ec2.internal",
];

// Most specific first, so that 169.254.169.254/32 is named before 169.254.0.0/16.
const parsedRanges = SPECIAL_RANGES.map((range) => ({ range, cidr: ipaddr.parseCIDR(range.cidr) })).sort(
  (a, b) => b.cidr[1] - a.cidr[1],
);
const parsedEmbedding = EMBEDDING.map((e) => ({ ...e, cidr: ipaddr.parseCIDR(e.cidr) }));

export interface OutboundOptions {
  /** Loopback and private targets allowed (development, tests, or `WEBHOOK_ALLOW_PRIVATE`). */
  allowPrivate: boolean;
}

/** The special range an address falls in, or null for a public address (or not an address). */
export function specialRangeOf(address: string): SpecialRange | null {
  const text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(text)) return null;
  const ip = ipaddr.parse(text);
  if (ip.kind() === "ipv6") {
    // ::/128 and ::1/128 sit inside ::/96 (IPv4-compatible): the exact ranges win.
    const exact = parsedRanges.find(
      ({ range, cidr }) => cidr[0].kind() === "ipv6" && cidr[1] === 128 && ip.match(cidr) && range,
    );
    if (exact) return exact.range;
    const embedding = parsedEmbedding.find(({ cidr }) => ip.match(cidr));
    if (embedding) {
      const inner = ipaddr.fromByteArray(embedding.extract(ip.toByteArray()));
      return specialRangeOf(inner.toString());
    }
  }
  return parsedRanges.find(({ cidr }) => cidr[0].kind() === ip.kind() && ip.match(cidr))?.range ?? null;
}

/** Host name as compared: lower case, no brackets, no trailing dots. */
export function normaliseHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.+$/, "");
}

/**
 * Why an address may not be connected to, or null when it may. Applied to every resolved
 * address before a connection is opened, and to the address the socket actually reached.
 */
export function addressProblem(address: string, options: OutboundOptions): string | null {
  const range = specialRangeOf(address);
  if (!range) return null;
  if (range.class === "local" && options.allowPrivate) return null;
  return `${address} is in the ${range.name} range ${range.cidr} (${range.source})`;
}

/**
 * Why a host (name or address literal) may not be a target, before anything is resolved: a
 * metadata name, a `localhost` name, or an address literal in a refused range.
 */
export function hostProblem(host: string, options: OutboundOptions): string | null {
  const name = normaliseHost(host);
  if (METADATA_HOSTS.includes(name)) return "is a cloud-metadata host";
  if (ipaddr.isValid(name)) return addressProblem(name, options);
  if (!options.allowPrivate && (name === "localhost" || name.endsWith(".localhost")))
    return "is a loopback name (RFC 6761 §6.3)";
  return null;
}
