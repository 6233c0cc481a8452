import { z } from "zod";

/**
 * Account and device ids: what the provisioning platform sends, restricted to characters that
 * are safe in URLs, Redis keys (no braces or colons — see KeySpace) and BullMQ job ids, and not
 * made of dots only (RFC 3986 §3.3 dot-segments).
 */
export const resourceId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "1-64 characters: letters, digits, '.', '_' or '-'")
  // `.` and `..` are path segments, not names: a URL holding them is rewritten by every client.
  .regex(/[^.]/, "must not be made of dots only");

export const accountParams = z.object({ accountId: resourceId });
export const deviceParams = z.object({ accountId: resourceId, deviceId: resourceId });
