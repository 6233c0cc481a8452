import { z } from "zod";
import { civicAddress } from "../addresses/schema.js";
import { location } from "../devices/schemas.js";
import { resourceId } from "../platform/ids.js";

export const emergencyLocationParams = z.object({
  accountId: resourceId,
  locationId: resourceId.describe("The emergency location's id within the account"),
});
export const mapEntryParams = z.object({
  accountId: resourceId,
  entryId: resourceId.describe("The map entry's id within the account"),
});

/** Body of `PUT …/emergency-locations/{locationId}`; the address is checked by the civic-address rules. */
export const emergencyLocationInput = z
  .object({
    name: z.string().trim().min(1).max(100).describe("What staff call the place: a site, floor or room"),
    address: z.unknown(),
  })
  .strict();
export const emergencyLocationInputDoc = z
  .object({ name: z.string().max(100), address: civicAddress })
  .meta({ id: "EmergencyLocationInput" });

export const emergencyLocation = z
  .object({
    accountId: z.string(),
    locationId: z.string(),
    name: z.string(),
    address: civicAddress,
    displayLine: z.string().describe("What an answering point shows (≤ 60 characters)"),
    timeZone: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "EmergencyLocation" });

export const emergencyLocationList = z
  .object({ items: z.array(emergencyLocation), nextCursor: z.string().nullable() })
  .meta({ id: "EmergencyLocationList" });

export const emergencyLocationHistory = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        name: z.string(),
        address: civicAddress,
        changedAt: z.string(),
        changedBy: z.string(),
      }),
    ),
  })
  .meta({ id: "EmergencyLocationHistory" });

/** Body of `PUT …/network-map/{entryId}`: the location and exactly one thing to match on. */
export const mapEntryInput = z
  .object({
    locationId: resourceId.describe("The emergency location devices seen here are at"),
    subnet: z.string().max(64).optional().describe("IPv4 or IPv6 network in CIDR notation, e.g. 10.1.0.0/16"),
    bssid: z.string().max(32).optional().describe("A Wi-Fi access point's BSSID, in any common MAC spelling"),
    chassisId: z.string().max(255).optional().describe("LLDP chassis ID of a switch"),
    portId: z.string().max(255).optional().describe("LLDP port ID on that switch (with `chassisId`)"),
  })
  .strict()
  .meta({ id: "NetworkMapEntryInput" });
export type MapEntryInput = z.infer<typeof mapEntryInput>;

export const mapEntry = z
  .object({
    accountId: z.string(),
    entryId: z.string(),
    locationId: z.string(),
    kind: z.enum(["subnet", "bssid", "chassis", "port"]).describe("What the entry matches on"),
    subnet: z.string().optional(),
    bssid: z.string().optional(),
    chassisId: z.string().optional(),
    portId: z.string().optional(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "NetworkMapEntry" });

export const mapEntryList = z
  .object({ items: z.array(mapEntry), mapVersion: z.number().int(), nextCursor: z.string().nullable() })
  .meta({ id: "NetworkMap" });

export const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Body of `POST …/devices/{deviceId}/observations` (and the `device.observed` hook's data). */
export const observationInput = z
  .object({
    ip: z.string().max(64).optional().describe("The device's IP address as the platform sees it (no zone ID)"),
    bssid: z.string().max(32).optional().describe("The Wi-Fi access point it is associated with"),
    chassisId: z.string().max(255).optional().describe("LLDP chassis ID of the switch it is plugged into"),
    portId: z.string().max(255).optional().describe("LLDP port ID"),
    observedAt: z.iso.datetime({ offset: true }).optional().describe("When it was seen (default: now)"),
  })
  .strict()
  .meta({ id: "ObservationInput" });
export type ObservationInput = z.infer<typeof observationInput>;

export const observationResult = z
  .object({
    status: z.enum(["matched", "unmapped", "suspected-move"]),
    source: z.enum(["network-map", "registered"]),
    emergencyLocationId: z.string().nullable(),
    location: location.nullable(),
    method: z.enum(["Manual", "Wiremap", "802.11"]),
    confirmed: z.boolean().describe("False while a nomadic device's registered location awaits confirmation"),
  })
  .meta({ id: "ObservationResult" });

export const dispatchableHistory = z
  .object({
    items: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        status: z.string(),
        source: z.string(),
        method: z.string(),
        emergencyLocationId: z.string().nullable(),
        locationVersion: z.number().int().nullable(),
        displayLine: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "DispatchableLocationHistory" });
