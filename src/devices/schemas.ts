import { z } from "zod";
import { civicAddress } from "../addresses/schema.js";
import { coveredCountry } from "../accounts/schemas.js";
import { DEVICE_WARNINGS } from "./warnings.js";

/** Device kinds named by the North-American terms (001/003: phone, softphone, fax, ATA, other). */
/** Fixed vs non-fixed devices (47 CFR 9.11(b)(4)(i) and (ii)). */
export const MOBILITIES = ["fixed", "nomadic"] as const;

/** A SIP or tel URI (RFC 3261 §19.1, RFC 3966) as a HELD `uri` identity names it; no spaces, braces or angle brackets. */
const sipUri = z
  .string()
  .max(256)
  .regex(/^(sips?:[^\s<>{}"]+@[^\s<>{}"]+|tel:\+?[0-9().-]+)$/i, "must be a sip:, sips: or tel: URI");

export const DEVICE_TYPES = ["desk_phone", "softphone", "fax", "ata", "other"] as const;
export const DEVICE_STATUSES = ["pending_location", "ready", "active", "deactivated"] as const;
export const E911_STATUSES = ["not_enabled", "pending", "enabled"] as const;

export const deviceInput = z
  .object({
    type: z.enum(DEVICE_TYPES),
    callbackNumber: z.string().min(1).max(40),
    serviceCountry: coveredCountry,
    label: z.string().trim().max(100).optional(),
    mobility: z
      .enum(MOBILITIES)
      .optional()
      .describe(
        "RAY BAUM'S Act (47 CFR 9.11(b)(4)): fixed or non-fixed. Default: `fixed` for desk_phone, fax and ata, `nomadic` for softphone and other; kept when omitted on an update",
      ),
    sipUris: z
      .array(sipUri)
      .max(20)
      .optional()
      .describe(
        "The SIP identities a proxy may ask about with HELD (sip:, sips: or tel: URIs); kept when omitted on an update",
      ),
  })
  .strict()
  .meta({ id: "DeviceInput" });
export type DeviceInput = z.infer<typeof deviceInput>;

export const listDevicesQuery = z
  .object({
    status: z.enum(DEVICE_STATUSES).optional().describe("Only devices in this status"),
    warning: z
      .enum(DEVICE_WARNINGS)
      .optional()
      .describe("Only devices showing this warning (e.g. location-not-dispatchable: locations to correct)"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** A device's registered physical location, as the contract's `Location`. */
export const location = z
  .object({
    address: civicAddress,
    displayLine: z.string().max(60).describe("What an answering point shows (≤ 60 characters)."),
    timeZone: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "Location" });

/** The latest observation of a device and what it resolved to (src/lis/resolution.ts). */
export const networkState = z
  .object({
    observation: z.object({
      ip: z.string().optional(),
      bssid: z.string().optional(),
      chassisId: z.string().optional(),
      portId: z.string().optional(),
      observedAt: z.string(),
    }),
    status: z.enum(["matched", "unmapped", "suspected-move"]),
    source: z.enum(["network-map", "registered"]),
    method: z.enum(["Manual", "Wiremap", "802.11"]),
    confirmed: z.boolean(),
    emergencyLocationId: z.string().nullable(),
    entryId: z.string().nullable(),
    location: location.nullable().describe("The mapped emergency location (source network-map)"),
    noticedNetworks: z.array(z.string()).describe("Networks the contacts were told about (once each)"),
    changedAt: z.string(),
  })
  .meta({ id: "DeviceNetworkState" });

/** What an emergency call from the device would carry now (contract `dispatchableLocation`). */
export const dispatchableLocation = z
  .object({
    source: z.enum(["network-map", "registered"]),
    method: z.enum(["Manual", "Wiremap", "802.11"]).describe("As PIDF-LO writes it (RFC 4119 method)"),
    emergencyLocationId: z.string().nullable(),
    location: location,
    observedAt: z.string().nullable(),
    status: z.enum(["matched", "unmapped", "suspected-move"]).nullable().describe("null before any observation"),
    confirmed: z.boolean(),
  })
  .meta({ id: "DispatchableLocation" });

/**
 * A device as stored — the one definition of its shape (the record type is inferred from it; the
 * OpenAPI document and the console's types come from it). The API adds `version`.
 */
export const deviceRecord = z.object({
  accountId: z.string(),
  deviceId: z.string(),
  type: z.enum(DEVICE_TYPES),
  callbackNumber: z.string().describe("E.164"),
  serviceCountry: z.string(),
  label: z.string().nullable(),
  status: z.enum(DEVICE_STATUSES),
  location: location.nullable().describe("null before a location is registered"),
  e911: z.object({
    status: z.enum(E911_STATUSES),
    enabledAt: z.string().nullable(),
    notificationId: z.string().nullable(),
    detail: z.string().nullable(),
    pendingNotificationId: z
      .string()
      .nullable()
      .describe("The activation e-mail written to the outbox, before it is delivered"),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  mobility: z
    .enum(MOBILITIES)
    .optional()
    .describe("Absent on devices stored before mobility existed: the type's default"),
  sipUris: z.array(z.string()).optional(),
  network: networkState.optional().describe("What the platform last observed and what it resolved to"),
});

export const device = deviceRecord
  .extend({
    version: z.number().int(),
    mobility: z.enum(MOBILITIES),
    sipUris: z.array(z.string()),
    dispatchableLocation: dispatchableLocation.nullable(),
    warnings: z
      .array(z.enum(DEVICE_WARNINGS))
      .describe(
        "What is wrong with the device under today's rules; the stored data is not rewritten. " +
          "`invalid-callback-number`: an answering point could not call it back; `location-not-dispatchable`: the location would be refused now; " +
          "`acknowledgement-outdated` / `acknowledgement-required`: active, but the account has not accepted the current text for its service country.",
      ),
  })
  .meta({ id: "Device" });

export const deviceList = z
  .object({ items: z.array(device), nextCursor: z.string().nullable() })
  .meta({ id: "DeviceList" });
