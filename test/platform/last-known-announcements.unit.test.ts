import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Broadcast } from "../../src/platform/broadcast.js";
import { parseAnnouncement, SharedLastKnown } from "../../src/platform/last-known.js";

/** Pub/sub in one process: every publish reaches every subscriber of the channel, the publisher's own too. */
function bus() {
  const listeners: ((message: string) => void)[] = [];
  const published: string[] = [];
  const broadcast = {
    subscribe(_channel: string, listener: (message: string) => void) {
      listeners.push(listener);
    },
    publish(_channel: string, message: string) {
      published.push(message);
      for (const listener of listeners) listener(message);
      return Promise.resolve();
    },
  } as unknown as Broadcast;
  return { broadcast, published };
}

const silent = pino({ level: "silent" });

describe("last-known announcements", () => {
  it("go out once per tick with every write of the tick, and the other processes forget exactly those", async () => {
    const { broadcast, published } = bus();
    const writer = new SharedLastKnown<string>(broadcast, "devices", 10, silent);
    const other = new SharedLastKnown<string>(broadcast, "devices", 10, silent);
    for (const key of ["a", "b", "c"]) other.local.remember(key, 1, `${key} v1`);

    writer.written("a", 2, "a v2");
    writer.written("b", 2, "b v2");
    expect(published).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(published).toEqual([
      JSON.stringify([
        ["a", 2],
        ["b", 2],
      ]),
    ]);
    expect(other.local.get("a")).toBeUndefined();
    expect(other.local.get("b")).toBeUndefined();
    expect(other.local.get("c")?.value).toBe("c v1");
    // The writer keeps what it wrote: its own announcement names no older version than its copy.
    expect(writer.local.get("a")?.value).toBe("a v2");
  });

  it("are read in both forms, and anything else is ignored", () => {
    expect(parseAnnouncement('[["a",2],["b",3]]')).toEqual([
      { key: "a", version: 2 },
      { key: "b", version: 3 },
    ]);
    // One pair, as processes before ADR 0025 announce: a rolling upgrade still forgets.
    expect(parseAnnouncement('["a",2]')).toEqual([{ key: "a", version: 2 }]);
    expect(parseAnnouncement('[["a","2"],["b",3],null]')).toEqual([{ key: "b", version: 3 }]);
    for (const junk of ["", "not json", "{}", '"a"', "[]", "[1,2]"]) expect(parseAnnouncement(junk)).toEqual([]);
  });
});
