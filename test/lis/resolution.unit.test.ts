import { describe, expect, it } from "vitest";
import {
  NetworkIndex,
  normaliseBssid,
  normaliseObservation,
  normaliseSubnet,
  parseIp,
  type IndexedEntry,
} from "../../src/lis/network-index.js";
import { resolveObservation, type LocationLike } from "../../src/lis/resolution.js";

const place = (street: string, floor?: string): LocationLike => ({
  address: {
    country: "US",
    region: "US-CA",
    city: "San Francisco",
    street,
    houseNumber: "1",
    postalCode: "94105",
    ...(floor ? { floor } : {}),
  },
  displayLine: `1 ${street}`,
  timeZone: "America/Los_Angeles",
  version: 1,
  updatedAt: "2026-01-01T00:00:00.000Z",
  updatedBy: "t",
});

const entries: IndexedEntry[] = [
  { entryId: "wide", locationId: "campus", match: { kind: "subnet", subnet: "10.0.0.0/8" } },
  { entryId: "narrow", locationId: "floor2", match: { kind: "subnet", subnet: "10.1.2.0/24" } },
  { entryId: "v6", locationId: "floor2", match: { kind: "subnet", subnet: "2001:db8:1::/48" } },
  { entryId: "ap", locationId: "lobby", match: { kind: "bssid", bssid: "00:1a:2b:3c:4d:5e" } },
  { entryId: "switch", locationId: "campus", match: { kind: "chassis", chassisId: "sw-1" } },
  { entryId: "port", locationId: "room7", match: { kind: "port", chassisId: "sw-1", portId: "ge-0/0/7" } },
];
const index = new NetworkIndex(entries);
const locations = new Map([
  ["campus", place("Campus")],
  ["floor2", place("Market", "2")],
  ["lobby", place("Lobby")],
  ["room7", place("Room")],
]);
const map = { index, locations };

describe("network keys", () => {
  it("normalises BSSIDs in every common spelling", () => {
    for (const raw of [
      "00:1A:2B:3C:4D:5E",
      "00-1a-2b-3c-4d-5e",
      "001a.2b3c.4d5e",
      "001A2B3C4D5E",
      " 00:1a:2b:3c:4d:5e ",
    ])
      expect(normaliseBssid(raw)).toEqual({ ok: true, value: "00:1a:2b:3c:4d:5e" });
    for (const raw of [
      "00:1a:2b:3c:4d",
      "00:1a-2b:3c:4d:5e",
      "zz:1a:2b:3c:4d:5e",
      "ff:ff:ff:ff:ff:ff",
      "0:1a:2b:3c:4d:5e:6",
    ])
      expect(normaliseBssid(raw).ok).toBe(false);
  });

  it("refuses catch-alls, host bits, zone ids and non-decimal IPv4", () => {
    expect(normaliseSubnet("0.0.0.0/0").ok).toBe(false);
    expect(normaliseSubnet("::/0").ok).toBe(false);
    expect(normaliseSubnet("10.1.2.3/16")).toEqual({ ok: false, message: expect.stringContaining("10.1.0.0/16") });
    expect(normaliseSubnet("fe80::%eth0/64").ok).toBe(false);
    expect(normaliseSubnet("10.0.0.0/33").ok).toBe(false);
    expect(normaliseSubnet("2001:DB8::/32")).toEqual({ ok: true, value: "2001:db8::/32" });
    expect(parseIp("010.0.0.1").ok).toBe(false);
    expect(parseIp("fe80::1%eth0").ok).toBe(false);
    expect(parseIp("::ffff:10.1.2.3")).toMatchObject({ ok: true, value: { v: 4, text: "10.1.2.3" } });
  });
});

describe("precedence: switch port → BSSID → switch → longest subnet", () => {
  const nomadic = { mobility: "nomadic" as const, registered: place("Home"), noticedNetworks: [] };
  const obs = (raw: Parameters<typeof normaliseObservation>[0]) => {
    const n = normaliseObservation(raw);
    if (!n.ok) throw new Error(n.message);
    return n.value;
  };

  it("switch port wins over everything", () => {
    const r = resolveObservation(
      obs({ chassisId: "SW-1", portId: "ge-0/0/7", bssid: "00:1a:2b:3c:4d:5e", ip: "10.1.2.3" }),
      map,
      nomadic,
    );
    expect(r).toMatchObject({
      status: "matched",
      source: "network-map",
      method: "Wiremap",
      emergencyLocationId: "room7",
    });
  });
  it("BSSID next (method 802.11)", () => {
    const r = resolveObservation(
      obs({ chassisId: "sw-1", portId: "other", bssid: "00-1A-2B-3C-4D-5E", ip: "10.1.2.3" }),
      map,
      nomadic,
    );
    expect(r).toMatchObject({ method: "802.11", emergencyLocationId: "lobby" });
  });
  it("the switch alone next", () => {
    const r = resolveObservation(obs({ chassisId: "sw-1", portId: "other", ip: "10.1.2.3" }), map, nomadic);
    expect(r).toMatchObject({ method: "Wiremap", emergencyLocationId: "campus", entryId: "switch" });
  });
  it("the longest subnet last; overlapping prefixes: most specific wins", () => {
    expect(resolveObservation(obs({ ip: "10.1.2.3" }), map, nomadic).entryId).toBe("narrow");
    expect(resolveObservation(obs({ ip: "10.9.9.9" }), map, nomadic).entryId).toBe("wide");
    expect(resolveObservation(obs({ ip: "2001:db8:1:ffff::1" }), map, nomadic).entryId).toBe("v6");
    expect(resolveObservation(obs({ ip: "::ffff:10.1.2.200" }), map, nomadic).entryId).toBe("narrow");
  });
  it("nomadic on an unmapped network: registered, unconfirmed, one notice per network", () => {
    const r = resolveObservation(obs({ ip: "192.0.2.7" }), map, nomadic);
    expect(r).toMatchObject({
      status: "unmapped",
      source: "registered",
      method: "Manual",
      confirmed: false,
      notice: "location.confirmation_required",
    });
    const again = resolveObservation(obs({ ip: "192.0.2.9" }), map, {
      ...nomadic,
      noticedNetworks: ["confirm|ip:192.0.2.0/24"],
    });
    expect(again.notice).toBeNull();
  });
  it("fixed on a network mapped elsewhere: suspected move, the registered location stays", () => {
    const fixed = { mobility: "fixed" as const, registered: place("Home"), noticedNetworks: [] };
    const r = resolveObservation(obs({ ip: "10.1.2.3" }), map, fixed);
    expect(r).toMatchObject({ status: "suspected-move", source: "registered", notice: "device.suspected_move" });
    expect(r.location?.address.street).toBe("Home");
    const home = resolveObservation(obs({ ip: "10.1.2.3" }), map, { ...fixed, registered: place("Market", "2") });
    expect(home).toMatchObject({ status: "matched", source: "registered", notice: null });
    expect(resolveObservation(obs({ ip: "192.0.2.1" }), map, fixed)).toMatchObject({
      status: "unmapped",
      confirmed: true,
      notice: null,
    });
  });
});

describe("scale", () => {
  it("answers from a 50,000-entry map by longest prefix", () => {
    const big: IndexedEntry[] = [];
    for (let i = 0; i < 50_000; i++)
      big.push({
        entryId: `e${i}`,
        locationId: "l",
        match: { kind: "subnet", subnet: `10.${(i >> 8) & 255}.${i & 255}.0/24` },
      });
    big.push({ entryId: "host", locationId: "l", match: { kind: "subnet", subnet: "10.0.5.9/32" } });
    const idx = new NetworkIndex(big);
    expect(idx.size).toBe(50_001);
    expect(idx.lookup({ ip: "10.0.5.9" })?.entry.entryId).toBe("host");
    expect(idx.lookup({ ip: "10.0.5.10" })?.entry.entryId).toBe("e5");
    expect(idx.lookup({ ip: "10.195.79.1" })?.entry.entryId).toBe(`e${(195 << 8) | 79}`);
    expect(idx.lookup({ ip: "11.0.0.1" })).toBeNull();
  });
});
