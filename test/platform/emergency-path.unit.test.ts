import { describe, expect, it } from "vitest";
import {
  EMERGENCY_ANSWER_BUDGET_MS,
  EMERGENCY_STORE_DEADLINE_MS,
  EmergencyPath,
} from "../../src/platform/emergency-path.js";
import { LastKnown } from "../../src/platform/last-known.js";

const never = () => new Promise<string>(() => undefined);
const later = (ms: number, value: string) => new Promise<string>((resolve) => setTimeout(resolve, ms, value));

describe("EmergencyPath", () => {
  it("hands on what the store answers in time", async () => {
    const path = new EmergencyPath();
    expect(await path.attempt(() => later(5, "doc"))).toEqual({ ok: true, value: "doc" });
    expect(path.storeUnavailable).toBe(false);
  });

  it("gives up on a call after 250 ms, and tries no further call of the same answer", async () => {
    expect(EMERGENCY_STORE_DEADLINE_MS).toBeLessThanOrEqual(250);
    const path = new EmergencyPath();
    const started = performance.now();
    expect(await path.attempt(never)).toEqual({ ok: false });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(EMERGENCY_STORE_DEADLINE_MS - 5);
    expect(waited).toBeLessThan(EMERGENCY_STORE_DEADLINE_MS + 100);
    expect(path.storeUnavailable).toBe(true);
    let called = false;
    expect(
      await path.attempt(() => {
        called = true;
        return later(1, "late");
      }),
    ).toEqual({ ok: false });
    expect(called).toBe(false);
  });

  it("never spends more than what is left of the 500 ms answer budget", async () => {
    // A request that arrived 350 ms ago: 50 ms are left for the store before the reserve.
    const path = new EmergencyPath(performance.now() - 350);
    const started = performance.now();
    expect(await path.attempt(never)).toEqual({ ok: false });
    expect(performance.now() - started).toBeLessThan(EMERGENCY_STORE_DEADLINE_MS);
    // One that has used its budget up does not ask at all.
    const spent = new EmergencyPath(performance.now() - EMERGENCY_ANSWER_BUDGET_MS);
    let called = false;
    expect(
      await spent.attempt(() => {
        called = true;
        return later(1, "x");
      }),
    ).toEqual({ ok: false });
    expect(called).toBe(false);
  });

  it("treats an unreachable Redis as unavailable, and any other error as an error", async () => {
    const down = new EmergencyPath();
    expect(await down.attempt(() => Promise.reject(new Error("Connection is closed.")))).toEqual({ ok: false });
    expect(
      await new EmergencyPath().attempt(() => {
        throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      }),
    ).toEqual({ ok: false });
    await expect(new EmergencyPath().attempt(() => Promise.reject(new TypeError("a bug")))).rejects.toThrow("a bug");
  });

  it("does not leave the late rejection of a timed-out call unhandled", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      const path = new EmergencyPath(performance.now() - 390);
      const outcome = await path.attempt(
        () => new Promise<string>((_, reject) => setTimeout(reject, 30, new Error("Command timed out"))),
      );
      expect(outcome).toEqual({ ok: false });
      await later(60, "");
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});

describe("LastKnown", () => {
  it("keeps the most recently used entries within its bound", () => {
    const known = new LastKnown<string>(2);
    known.remember("a", 1, "A1");
    known.remember("b", 1, "B1");
    expect(known.get("a")?.value).toBe("A1"); // a is now the most recently used
    known.remember("c", 1, "C1");
    expect(known.get("b")).toBeUndefined();
    expect(known.get("a")?.value).toBe("A1");
    expect(known.get("c")?.value).toBe("C1");
    expect(known.size).toBe(2);
  });

  it("moves only forward: an older version never replaces a newer one", () => {
    const known = new LastKnown<string>(10);
    known.remember("d", 3, "v3");
    known.remember("d", 2, "v2");
    expect(known.get("d")).toEqual({ version: 3, value: "v3" });
    known.remember("d", 4, "v4");
    expect(known.get("d")).toEqual({ version: 4, value: "v4" });
  });

  it("forgets only what is older than an announced version", () => {
    const known = new LastKnown<string>(10);
    known.remember("d", 5, "v5");
    known.forget("d", 5);
    expect(known.get("d")?.version).toBe(5);
    known.forget("d", 6);
    expect(known.get("d")).toBeUndefined();
    known.remember("e", 1, "e");
    known.forget("e");
    expect(known.get("e")).toBeUndefined();
  });

  it("after a reconnect, keeps what it had for the grace period only, and still hears announcements", () => {
    let now = 1_000;
    const known = new LastKnown<string>(10, () => now);
    known.remember("a", 1, "A1");
    known.remember("b", 1, "B1");
    known.remember("c", 1, "C1");
    known.demote(30_000);
    now += 29_000;
    expect(known.get("a")?.value).toBe("A1");
    known.forget("b", 2); // announced as changed elsewhere
    expect(known.get("b")).toBeUndefined();
    known.remember("c", 2, "C2"); // read again from the store
    now += 2_000;
    expect(known.get("a")).toBeUndefined(); // the grace period is over
    expect(known.get("c")?.value).toBe("C2");
  });

  it("remembers nothing with a bound of 0", () => {
    const known = new LastKnown<string>(0);
    known.remember("a", 1, "A");
    expect(known.get("a")).toBeUndefined();
  });
});
