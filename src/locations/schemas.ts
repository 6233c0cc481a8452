import { z } from "zod";
import { civicAddress } from "../addresses/schema.js";
export { location } from "../devices/schemas.js";

export const locationInput = z
  .object({
    address: z.unknown(),
    reason: z.string().trim().max(500).optional().describe("Why the location changed; kept in the history."),
  })
  .strict();

export const locationInputDoc = z
  .object({ address: civicAddress, reason: z.string().max(500).optional() })
  .meta({ id: "LocationInput" });

export const locationHistory = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        address: civicAddress.nullable().describe("null when the device was deactivated"),
        changedAt: z.string(),
        changedBy: z.string(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "LocationHistory" });

export const locationUpdatesQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
      .describe("The month, YYYY-MM"),
  })
  .strict();
