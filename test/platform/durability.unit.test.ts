import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DurabilityPolicy, DurabilityUnconfirmedError, versionAtLeast } from "../../src/platform/durability.js";
import type { RedisClient } from "../../src/platform/redis.js";

/** A stand-in for one Redis node that answers INFO and CONFIG GET as told. */
function fakeNode(version: string, appendfsync: string, appendonly = "yes"): RedisClient {
  return {
    info: () => Promise.resolve(`# Server\r\nredis_version:${version}\r\n`),
    config: (_get: string, name: string) => Promise.resolve([name, name === "appendfsync" ? appendfsync : appendonly]),
  } as unknown as RedisClient;
}

const names = async (policy: DurabilityPolicy) => (await policy.commands()).map((c) => c.args.join(" "));

describe("DURABILITY: which commands confirm a write", () => {
  it("compares Redis versions", () => {
    expect(versionAtLeast("7.2.0", 7, 2)).toBe(true);
    expect(versionAtLeast("7.4.1", 7, 2)).toBe(true);
    expect(versionAtLeast("8.0.0", 7, 2)).toBe(true);
    expect(versionAtLeast("7.0.15", 7, 2)).toBe(false);
    expect(versionAtLeast("6.2.14", 7, 2)).toBe(false);
  });

  it("fsync: nothing more on a Redis that fsyncs every write, else WAITAOF on Redis ≥ 7.2", async () => {
    expect(await names(new DurabilityPolicy(fakeNode("7.4.0", "always"), { mode: "fsync", timeoutMs: 500 }))).toEqual(
      [],
    );
    expect(await names(new DurabilityPolicy(fakeNode("7.4.0", "everysec"), { mode: "fsync", timeoutMs: 500 }))).toEqual(
      ["WAITAOF 1 0 500"],
    );
    expect(await names(new DurabilityPolicy(fakeNode("7.0.15", "always"), { mode: "fsync", timeoutMs: 500 }))).toEqual(
      [],
    );
  });

  it("fsync refuses before writing on an older Redis without appendfsync always or without AOF", async () => {
    for (const node of [fakeNode("7.0.15", "everysec"), fakeNode("6.2.0", "always", "no")]) {
      await expect(new DurabilityPolicy(node, { mode: "fsync", timeoutMs: 500 }).commands()).rejects.toBeInstanceOf(
        DurabilityUnconfirmedError,
      );
    }
  });

  it("replica: WAIT 1; fsync+replica: both; none: nothing", async () => {
    const node = fakeNode("7.2.4", "everysec");
    expect(await names(new DurabilityPolicy(node, { mode: "replica", timeoutMs: 200 }))).toEqual(["WAIT 1 200"]);
    expect(await names(new DurabilityPolicy(node, { mode: "fsync+replica", timeoutMs: 200 }))).toEqual([
      "WAITAOF 1 0 200",
      "WAIT 1 200",
    ]);
    expect(await names(new DurabilityPolicy(node, { mode: "none", timeoutMs: 200 }))).toEqual([]);
  });

  it("judges the replies: too few acknowledgements are not a confirmation", async () => {
    const [waitaof, wait] = await new DurabilityPolicy(fakeNode("7.2.4", "everysec"), {
      mode: "fsync+replica",
      timeoutMs: 200,
    }).commands();
    expect(waitaof!.check([1, 0])).toBeNull();
    expect(waitaof!.check([0, 0])).toMatch(/not fsynced/);
    expect(wait!.check(1)).toBeNull();
    expect(wait!.check(0)).toMatch(/no replica/);
  });

  it("is configured by DURABILITY, DURABILITY_TIMEOUT_MS, REDIS_SENTINELS and REDIS_SENTINEL_NAME", () => {
    const config = loadConfig({});
    expect(config.DURABILITY).toBe("fsync");
    expect(config.DURABILITY_TIMEOUT_MS).toBe(500);
    expect(loadConfig({ DURABILITY: "fsync+replica" }).DURABILITY).toBe("fsync+replica");
    expect(() => loadConfig({ DURABILITY: "maybe" })).toThrow(/DURABILITY/);
    expect(() => loadConfig({ DURABILITY_TIMEOUT_MS: "5000" })).toThrow(/DURABILITY_TIMEOUT_MS/);
    expect(loadConfig({ REDIS_SENTINELS: "s1:26379, s2:26379,s3:26379" }).REDIS_SENTINELS).toBeDefined();
    expect(() => loadConfig({ REDIS_SENTINELS: "redis://s1:26379" })).toThrow(/REDIS_SENTINELS/);
  });
});
