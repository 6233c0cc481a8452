import { describe, expect, it } from "vitest";
import { maskedRedisUrl } from "../../src/platform/redis-url.js";

describe("maskedRedisUrl", () => {
  it("hides the password and keeps the user, host, port and database", () => {
    expect(maskedRedisUrl("redis://app:s3cret@redis.internal:6380/2")).toBe("redis://app:***@redis.internal:6380/2");
    expect(maskedRedisUrl("rediss://:s3cret@redis.internal:6380")).toBe("rediss://***@redis.internal:6380");
  });
  it("leaves a URL without credentials, and a cluster list, as they are", () => {
    expect(maskedRedisUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
    expect(maskedRedisUrl("10.0.0.1:7000,10.0.0.2:7000")).toBe("10.0.0.1:7000,10.0.0.2:7000");
    expect(maskedRedisUrl(undefined)).toBe("(unset)");
  });
});
