import { z } from "zod";

/**
 * Account and device ids: what the provisioning platform sends, restricted to characters that
 * are safe in URLs, Redis keys (no braces or colons — see KeySpace) and BullMQ job ids.
 */
export const resourceId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "1-64 characters: letters, digits, '.', '_' or '-'");

export const accountParams = z.object({ accountId: resourceId });
export const deviceParams = z.object({ accountId: resourceId, deviceId: resourceId });
