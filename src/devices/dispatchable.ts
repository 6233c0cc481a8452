import type { z } from "zod";
import type { DeviceRecord } from "./device.js";
import type { dispatchableLocation, MOBILITIES } from "./schemas.js";

export type Mobility = (typeof MOBILITIES)[number];
export type DispatchableLocation = z.infer<typeof dispatchableLocation>;

/**
 * RAY BAUM'S Act (47 CFR 9.11(b)(4)) distinguishes fixed from non-fixed devices. A desk phone,
 * fax or ATA stays where it was installed; a softphone goes wherever its user goes.
 */
export function defaultMobility(type: DeviceRecord["type"]): Mobility {
  return type === "softphone" || type === "other" ? "nomadic" : "fixed";
}

/** The device's mobility, for records stored before it existed too. */
export function mobilityOf(device: Pick<DeviceRecord, "type" | "mobility">): Mobility {
  return device.mobility ?? defaultMobility(device.type);
}

/**
 * The dispatchable location an emergency call from the device carries now: the mapped network's
 * location when its latest observation resolved to one, else the registered location (with the
 * observation's status, e.g. unconfirmed for a nomadic device on an unmapped network), else null.
 * A deactivated device carries none.
 */
export function dispatchableLocationOf(device: DeviceRecord): DispatchableLocation | null {
  if (device.status === "deactivated") return null;
  const network = device.network;
  if (network && network.source === "network-map" && network.location) {
    return {
      source: "network-map",
      method: network.method,
      emergencyLocationId: network.emergencyLocationId,
      location: network.location,
      observedAt: network.observation.observedAt,
      status: network.status,
      confirmed: true,
    };
  }
  if (!device.location) return null;
  return {
    source: "registered",
    method: "Manual",
    emergencyLocationId: null,
    location: device.location,
    observedAt: network?.observation.observedAt ?? null,
    status: network?.status ?? null,
    // Re-registering the location after the device moved is the user's confirmation.
    confirmed: !network || network.confirmed || device.location.updatedAt > network.changedAt,
  };
}

/** The fields the API adds to a stored device: mobility and SIP URIs with their defaults, and the dispatchable location. */
export function dispatchableFields(device: DeviceRecord): {
  mobility: Mobility;
  sipUris: string[];
  dispatchableLocation: DispatchableLocation | null;
} {
  return {
    mobility: mobilityOf(device),
    sipUris: device.sipUris ?? [],
    dispatchableLocation: dispatchableLocationOf(device),
  };
}
