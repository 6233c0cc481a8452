import ipaddr from "ipaddr.js";

/**
 * The network map's keys and the in-memory index answering "which map entry covers this
 * observation". Pure: plain values in, plain values out (no store), so it can be built and asked
 * hundreds of thousands of times a second in tests and benches.
 *
 * Matching, most specific first (contract "Dynamic location"; the same order Zoom's and
 * Microsoft Teams' location information services use): switch port (chassis ID + port ID), then
 * wireless access point (BSSID), then switch (chassis ID alone), then the longest matching subnet.
 * Overlapping subnets are allowed — a /24 inside a /16 — and the longer prefix wins.
 */

/** What a map entry matches on. */
export type MapMatch =
  | { kind: "subnet"; subnet: string }
  | { kind: "bssid"; bssid: string }
  | { kind: "chassis"; chassisId: string }
  | { kind: "port"; chassisId: string; portId: string };

export type MatchKind = MapMatch["kind"];

/** One map entry as the index needs it. */
export interface IndexedEntry {
  entryId: string;
  locationId: string;
  match: MapMatch;
}

/** What a device was seen on, normalised. */
export interface NetworkObservation {
  ip?: string | undefined;
  bssid?: string | undefined;
  chassisId?: string | undefined;
  portId?: string | undefined;
}

export type Normalised<T> = { ok: true; value: T } | { ok: false; message: string };

const HEX_PAIRS = /^[0-9a-f]{12}$/;

/**
 * A BSSID (an access point's radio MAC, IEEE 802.11) in any common spelling — `00:1A:2b:3c:4d:5e`,
 * `00-1a-2b-3c-4d-5e`, `001a.2b3c.4d5e` (Cisco), `001a2b3c4d5e` — as lower-case colon pairs.
 */
export function normaliseBssid(raw: string): Normalised<string> {
  const trimmed = raw.trim().toLowerCase();
  if (!/^[0-9a-f:.-]{12,17}$/.test(trimmed))
    return { ok: false, message: "is not a MAC address (e.g. 00:1a:2b:3c:4d:5e)" };
  const separators = new Set(trimmed.replace(/[0-9a-f]/g, ""));
  if (separators.size > 1) return { ok: false, message: "mixes separators" };
  const hex = trimmed.replace(/[:.-]/g, "");
  if (!HEX_PAIRS.test(hex)) return { ok: false, message: "is not a MAC address (e.g. 00:1a:2b:3c:4d:5e)" };
  const valid =
    trimmed === hex ||
    /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/.test(trimmed) ||
    /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(trimmed);
  if (!valid) return { ok: false, message: "is not a MAC address (e.g. 00:1a:2b:3c:4d:5e)" };
  if (hex === "000000000000" || hex === "ffffffffffff")
    return { ok: false, message: "is not an access point's address" };
  return { ok: true, value: hex.match(/../g)!.join(":") };
}

/**
 * An LLDP chassis or port ID (IEEE 802.1AB): free text chosen by the switch (often a MAC, a
 * host name or an interface name). A chassis ID that is a MAC is normalised like a BSSID, so
 * `00-1A-…` on the map matches `00:1a:…` from the phone; other values are compared as given,
 * trimmed, case-insensitively.
 */
export function normaliseLldpId(raw: string): Normalised<string> {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > 255) return { ok: false, message: "must be 1–255 characters" };
  if (/[\p{Cc}]/u.test(trimmed)) return { ok: false, message: "must not contain control characters" };
  const mac = normaliseBssid(trimmed);
  return { ok: true, value: mac.ok ? mac.value : trimmed.toLowerCase() };
}

/** A parsed, canonical address: family, 4 or 16 bytes, and its text form. */
interface ParsedIp {
  v: 4 | 6;
  bytes: number[];
  text: string;
}

/**
 * A device's IP address. IPv4 in dotted decimal only (no octal or hex forms, which readers
 * disagree on); IPv6 without a zone ID (`fe80::1%eth0` names an interface of the observer, not a
 * network); an IPv4-mapped IPv6 address is read as the IPv4 address it carries.
 */
export function parseIp(raw: string): Normalised<ParsedIp> {
  const text = raw.trim();
  if (text.includes("%")) return { ok: false, message: "must not carry an IPv6 zone ID" };
  if (text.includes(".") && !text.includes(":")) {
    const bytes = dottedDecimal(text);
    if (!bytes) return { ok: false, message: "is not an IP address" };
    return { ok: true, value: { v: 4, bytes, text: bytes.join(".") } };
  }
  if (!ipaddr.IPv6.isValid(text)) return { ok: false, message: "is not an IP address" };
  const parsed = ipaddr.process(text);
  if (parsed.kind() === "ipv4")
    return { ok: true, value: { v: 4, bytes: parsed.toByteArray(), text: parsed.toString() } };
  return { ok: true, value: { v: 6, bytes: parsed.toByteArray(), text: parsed.toString() } };
}

/**
 * Four decimal octets without leading zeros (`010` reads as octal to some parsers, as decimal to
 * others: refused). The hot path of every IPv4 lookup, so no library call and no regular expression.
 */
function dottedDecimal(text: string): number[] | null {
  const bytes: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || bytes.length === 4) return null;
      bytes.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return null;
      value = value * 10 + (c - 48);
      if (++digits > 3) return null;
    } else return null;
  }
  return bytes.length === 4 ? bytes : null;
}

/**
 * A map subnet in CIDR notation, canonical (`10.1.0.0/16`, `2001:db8::/32`). Refused: host bits
 * set (`10.1.2.3/16` is ambiguous: a typo for a host or for the network?), zone IDs, and a
 * prefix of length 0 (`0.0.0.0/0`, `::/0`) — a catch-all would hand every unmapped device a
 * guessed location instead of asking for confirmation.
 */
export function normaliseSubnet(raw: string): Normalised<string> {
  const text = raw.trim();
  const slash = text.lastIndexOf("/");
  if (slash < 0) return { ok: false, message: "must be in CIDR notation, e.g. 10.1.0.0/16" };
  const ip = parseIp(text.slice(0, slash));
  if (!ip.ok) return ip;
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return { ok: false, message: "has no valid prefix length" };
  const max = ip.value.v === 4 ? 32 : 128;
  let length = Number(lengthText);
  // An IPv4-mapped IPv6 prefix (::ffff:10.0.0.0/104) is read as its IPv4 prefix.
  if (ip.value.v === 4 && text.slice(0, slash).includes(":")) length -= 96;
  if (length < 0 || length > max) return { ok: false, message: `prefix length must be 1–${max}` };
  if (length === 0) return { ok: false, message: "a catch-all subnet (prefix length 0) is not a network location" };
  const masked = maskBytes(ip.value.bytes, length);
  if (masked.some((b, i) => b !== ip.value.bytes[i])) {
    const network = ipaddr.fromByteArray(masked).toString();
    return { ok: false, message: `has host bits set; the network is ${network}/${length}` };
  }
  return { ok: true, value: `${ip.value.text}/${length}` };
}

function maskBytes(bytes: readonly number[], length: number): number[] {
  return bytes.map((byte, i) => {
    const bits = Math.max(0, Math.min(8, length - i * 8));
    return bits === 8 ? byte : byte & ((0xff << (8 - bits)) & 0xff);
  });
}

/** The key under which duplicates are refused: two entries may not match exactly the same thing. */
export function matchKey(match: MapMatch): string {
  switch (match.kind) {
    case "subnet":
      return `ip:${match.subnet}`;
    case "bssid":
      return `bssid:${match.bssid}`;
    case "chassis":
      return `chassis:${match.chassisId}`;
    case "port":
      // Port IDs are free text; the separator is a control character no normalised ID contains.
      return `port:${match.chassisId}\u0001${match.portId}`;
  }
}

/** Which entry matched an observation, and on what. */
export interface IndexHit {
  entry: IndexedEntry;
  on: MatchKind;
}

/**
 * The network map of one account (one map version), indexed for lookups: hash maps for the
 * exact keys, and for subnets one hash map per prefix length, asked from the longest length
 * present down — at most 32 (IPv4) or 128 (IPv6) lookups, in practice the handful of lengths a
 * map uses, whatever the number of entries.
 */
export class NetworkIndex {
  private readonly ports = new Map<string, IndexedEntry>();
  private readonly bssids = new Map<string, IndexedEntry>();
  private readonly chassis = new Map<string, IndexedEntry>();
  private readonly v4 = new Map<number, Map<number, IndexedEntry>>();
  private readonly v6 = new Map<number, Map<string, IndexedEntry>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];
  readonly size: number;

  constructor(entries: Iterable<IndexedEntry>) {
    let size = 0;
    for (const entry of entries) {
      size++;
      const m = entry.match;
      if (m.kind === "port") this.ports.set(`${m.chassisId}\u0001${m.portId}`, entry);
      else if (m.kind === "bssid") this.bssids.set(m.bssid, entry);
      else if (m.kind === "chassis") this.chassis.set(m.chassisId, entry);
      else this.addSubnet(m.subnet, entry);
    }
    this.size = size;
    this.v4Lengths = [...this.v4.keys()].sort((a, b) => b - a);
    this.v6Lengths = [...this.v6.keys()].sort((a, b) => b - a);
  }

  private addSubnet(subnet: string, entry: IndexedEntry): void {
    const slash = subnet.lastIndexOf("/");
    const ip = parseIp(subnet.slice(0, slash));
    if (!ip.ok) return;
    const length = Number(subnet.slice(slash + 1));
    if (ip.value.v === 4) {
      let table = this.v4.get(length);
      if (!table) this.v4.set(length, (table = new Map<number, IndexedEntry>()));
      table.set(v4Int(ip.value.bytes), entry);
    } else {
      let table = this.v6.get(length);
      if (!table) this.v6.set(length, (table = new Map<string, IndexedEntry>()));
      table.set(v6Key(ip.value.bytes, length), entry);
    }
  }

  /** The most specific entry covering the observation, or null. Inputs are normalised already. */
  lookup(observation: NetworkObservation): IndexHit | null {
    const { chassisId, portId, bssid, ip } = observation;
    if (chassisId !== undefined && portId !== undefined) {
      const entry = this.ports.get(`${chassisId}\u0001${portId}`);
      if (entry) return { entry, on: "port" };
    }
    if (bssid !== undefined) {
      const entry = this.bssids.get(bssid);
      if (entry) return { entry, on: "bssid" };
    }
    if (chassisId !== undefined) {
      const entry = this.chassis.get(chassisId);
      if (entry) return { entry, on: "chassis" };
    }
    if (ip !== undefined) {
      const entry = this.lookupIp(ip);
      if (entry) return { entry, on: "subnet" };
    }
    return null;
  }

  private lookupIp(text: string): IndexedEntry | undefined {
    const parsed = parseIp(text);
    if (!parsed.ok) return undefined;
    const bytes = parsed.value.bytes;
    if (parsed.value.v === 4) {
      const address = v4Int(bytes);
      for (const length of this.v4Lengths) {
        // >>> 0 keeps the masked value an unsigned 32-bit integer, as stored.
        const mask = length === 32 ? 0xffffffff : ~(0xffffffff >>> length);
        const entry = this.v4.get(length)!.get((address & mask) >>> 0);
        if (entry) return entry;
      }
      return undefined;
    }
    for (const length of this.v6Lengths) {
      const entry = this.v6.get(length)!.get(v6Key(maskBytes(bytes, length), length));
      if (entry) return entry;
    }
    return undefined;
  }
}

function v4Int(bytes: readonly number[]): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

/** The prefix's bytes in hex, only as many as the length covers. */
function v6Key(bytes: readonly number[], length: number): string {
  let key = "";
  for (let i = 0; i < Math.ceil(length / 8); i++) key += bytes[i]!.toString(16).padStart(2, "0");
  return key;
}

/**
 * An observation's fields, normalised the way the map's keys are, or the first bad field.
 * Port ID alone (without a chassis) identifies nothing and is ignored by matching.
 */
export function normaliseObservation(
  raw: NetworkObservation,
): { ok: true; value: NetworkObservation } | { ok: false; path: string; message: string } {
  const value: NetworkObservation = {};
  if (raw.ip !== undefined) {
    const ip = parseIp(raw.ip);
    if (!ip.ok) return { ok: false, path: "ip", message: ip.message };
    value.ip = ip.value.text;
  }
  if (raw.bssid !== undefined) {
    const bssid = normaliseBssid(raw.bssid);
    if (!bssid.ok) return { ok: false, path: "bssid", message: bssid.message };
    value.bssid = bssid.value;
  }
  if (raw.chassisId !== undefined) {
    const chassis = normaliseLldpId(raw.chassisId);
    if (!chassis.ok) return { ok: false, path: "chassisId", message: chassis.message };
    value.chassisId = chassis.value;
  }
  if (raw.portId !== undefined) {
    const port = normaliseLldpId(raw.portId);
    if (!port.ok) return { ok: false, path: "portId", message: port.message };
    value.portId = port.value;
  }
  return { ok: true, value };
}

/**
 * What identifies the network an observation was made on, for "tell the contacts once per
 * device per network": the access point, else the switch, else the IPv4 /24 or IPv6 /64 around
 * the address (the usual size of one office LAN).
 */
export function networkFingerprint(observation: NetworkObservation): string | null {
  if (observation.bssid) return `bssid:${observation.bssid}`;
  if (observation.chassisId) return `chassis:${observation.chassisId}`;
  if (observation.ip) {
    const ip = parseIp(observation.ip);
    if (!ip.ok) return null;
    const length = ip.value.v === 4 ? 24 : 64;
    return `ip:${ipaddr.fromByteArray(maskBytes(ip.value.bytes, length)).toString()}/${length}`;
  }
  return null;
}
