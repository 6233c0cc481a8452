import { describe, expect, it } from "vitest";
import { Demoted } from "../../src/platform/demoted.js";

describe("Demoted (copies set aside at a reconnect)", () => {
  it("keeps what it took until the deadline, then nothing", () => {
    const demoted = new Demoted<number>();
    const live = new Map([["a", 1]]);
    demoted.takeFrom(live, 1_000, 10_000);
    expect(live.size).toBe(0);
    expect(demoted.get("a", 10_999)).toBe(1);
    expect(demoted.get("a", 11_000)).toBeUndefined();
    // Dropped for good: the deadline does not come back.
    expect(demoted.get("a", 10_500)).toBeUndefined();
  });

  it("keeps an earlier reconnect's copies through a second one within the grace period", () => {
    const demoted = new Demoted<number>();
    demoted.takeFrom(new Map([["a", 1]]), 1_000, 0);
    demoted.takeFrom(new Map([["b", 2]]), 1_000, 500);
    expect(demoted.get("a", 1_200)).toBe(1);
    expect(demoted.get("b", 1_200)).toBe(2);
    // After its grace period, a new reconnect starts afresh.
    demoted.takeFrom(new Map([["c", 3]]), 1_000, 5_000);
    expect(demoted.get("a", 5_100)).toBeUndefined();
    expect(demoted.get("c", 5_100)).toBe(3);
  });

  it("drops one entry, or only when it is stale", () => {
    const demoted = new Demoted<{ version: number }>();
    demoted.takeFrom(new Map([["a", { version: 3 }]]), 1_000, 0);
    demoted.delete("a", (v) => v.version < 2);
    expect(demoted.get("a", 1)).toEqual({ version: 3 });
    demoted.delete("a", (v) => v.version < 4);
    expect(demoted.get("a", 1)).toBeUndefined();
  });
});
