import type { CivicAddress } from "../addresses/civic-fields.js";
import { networkFingerprint, type MatchKind, type NetworkIndex, type NetworkObservation } from "./network-index.js";

/**
 * Observation + network map + device → the dispatchable location an emergency call from the
 * device would carry now. Pure: the caller reads the map, the emergency locations and the device.
 *
 * Sources:
 * - 47 CFR 9.11(b)(4)(i) (RAY BAUM'S Act §506, fixed MLTS/VoIP): a fixed device conveys its
 *   dispatchable location — the registered one. Seen on a network mapped to another address,
 *   it may have been moved without telling anyone: `suspected-move`, the contacts are told, and
 *   the registered location is still what the call carries (never a guess).
 * - 47 CFR 9.11(b)(4)(ii) (non-fixed devices): an automated dispatchable location where
 *   technically feasible — the mapped network's location (PIDF-LO method `Wiremap` for switch and
 *   subnet, `802.11` for an access point, RFC 4119 method registry) — otherwise the registered
 *   location, which the user must confirm when the device moved: `unmapped`, unconfirmed, and the
 *   contacts are asked once per device per network.
 */

/** A location as devices carry it (the contract's `Location`). */
export interface LocationLike {
  address: CivicAddress;
  displayLine: string;
  timeZone: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export type Mobility = "fixed" | "nomadic";
export type ResolutionStatus = "matched" | "unmapped" | "suspected-move";
export type ResolutionSource = "network-map" | "registered";
export type LocationMethod = "Manual" | "Wiremap" | "802.11";

export interface DeviceForResolution {
  mobility: Mobility;
  /** The registered (manually entered) location, if any. */
  registered: LocationLike | null;
  /** Networks the contacts were already told about for this device (fingerprints). */
  noticedNetworks: readonly string[];
}

export interface MapForResolution {
  index: NetworkIndex;
  /** The account's emergency locations by id, as `Location`s. */
  locations: ReadonlyMap<string, LocationLike>;
}

export interface Resolution {
  status: ResolutionStatus;
  source: ResolutionSource;
  method: LocationMethod;
  emergencyLocationId: string | null;
  /** Null only when nothing is known: no registered location and no mapped network. */
  location: LocationLike | null;
  /** False for a nomadic device on an unmapped network: the registered location awaits confirmation. */
  confirmed: boolean;
  /** The location of the matching map entry, whatever the device carries (a suspected move names it). */
  mapped: LocationLike | null;
  /** What matched (for the record), or null. */
  matchedOn: MatchKind | null;
  entryId: string | null;
  /** The network the observation was made on (fingerprint), for once-per-network notices. */
  network: string | null;
  /** The notice this observation calls for, or null (already sent for this network, or none due). */
  notice: "location.confirmation_required" | "device.suspected_move" | null;
}

const METHOD_OF: Record<MatchKind, LocationMethod> = {
  port: "Wiremap",
  chassis: "Wiremap",
  subnet: "Wiremap",
  bssid: "802.11",
};

/** Two civic addresses name the same place when every field agrees (floor and room included). */
export function samePlace(a: CivicAddress, b: CivicAddress): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CivicAddress>;
  for (const key of keys) if ((a[key] ?? "") !== (b[key] ?? "")) return false;
  return true;
}

/** The fingerprint under which a notice for this network is remembered (per notice type). */
export function noticeKey(notice: NonNullable<Resolution["notice"]>, network: string): string {
  return `${notice === "device.suspected_move" ? "move" : "confirm"}|${network}`;
}

/** Resolves one observation of one device against its account's network map. */
export function resolveObservation(
  observation: NetworkObservation,
  map: MapForResolution,
  device: DeviceForResolution,
): Resolution {
  const hit = map.index.lookup(observation);
  const mapped = hit ? (map.locations.get(hit.entry.locationId) ?? null) : null;
  // Only a notice needs to name the network: worked out on those paths alone (this runs per observation).
  const registered: Resolution = {
    status: "matched",
    source: "registered",
    method: "Manual",
    emergencyLocationId: null,
    location: device.registered,
    confirmed: true,
    mapped,
    matchedOn: hit && mapped ? hit.on : null,
    entryId: hit && mapped ? hit.entry.entryId : null,
    network: null,
    notice: null,
  };
  const once = (notice: NonNullable<Resolution["notice"]>): Pick<Resolution, "notice" | "network"> => {
    const network = networkFingerprint(observation);
    const due = network !== null && !device.noticedNetworks.includes(noticeKey(notice, network));
    return { network, notice: due ? notice : null };
  };

  if (hit && mapped) {
    const fromMap: Resolution = {
      ...registered,
      source: "network-map",
      method: METHOD_OF[hit.on],
      emergencyLocationId: hit.entry.locationId,
      location: mapped,
    };
    if (device.mobility === "nomadic") return fromMap;
    // Fixed: the registered location stays what the call carries.
    if (!device.registered) return fromMap;
    if (samePlace(device.registered.address, mapped.address)) return registered;
    return { ...registered, status: "suspected-move", ...once("device.suspected_move") };
  }
  // No map entry covers the observation (or its location is gone): never a guess.
  if (device.mobility === "fixed") return { ...registered, status: "unmapped" };
  return {
    ...registered,
    status: "unmapped",
    confirmed: false,
    ...once("location.confirmation_required"),
  };
}
