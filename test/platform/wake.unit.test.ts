import { describe, expect, it } from "vitest";
import type { DurabilityCommand } from "../../src/platform/durability.js";
import { wakeWhile } from "../../src/platform/wake.js";

const WAITAOF: DurabilityCommand = { args: ["WAITAOF", 1, 0, 500], blocks: true, wake: true, check: () => null };
const WAIT: DurabilityCommand = { args: ["WAIT", 1, 500], blocks: true, check: () => null };

/** Resolves after `polls` pokes have been made (the server "wakes" on the poke that many). */
function answeredAfterPokes(polls: number) {
  let pokes = 0;
  let answer: (value: string) => void = () => undefined;
  const waiting = new Promise<string>((resolve) => (answer = resolve));
  const poke = () => {
    pokes++;
    if (pokes === polls) answer("confirmed");
    return Promise.resolve();
  };
  return { waiting, poke, pokes: () => pokes };
}

describe("wakeWhile", () => {
  it("pokes the server while a WAITAOF waits, and stops once it is answered", async () => {
    const server = answeredAfterPokes(3);
    await expect(wakeWhile(server.waiting, [WAITAOF], server.poke)).resolves.toBe("confirmed");
    expect(server.pokes()).toBe(3);
    // Nothing more after the answer.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.pokes()).toBe(3);
  });

  it("leaves a WAIT alone (a replica's acknowledgement wakes the server itself)", async () => {
    let pokes = 0;
    const waiting = new Promise((resolve) => setTimeout(() => resolve("acked"), 20));
    await expect(wakeWhile(waiting, [WAIT], () => Promise.resolve(pokes++))).resolves.toBe("acked");
    expect(pokes).toBe(0);
  });

  it("stops poking when the wait fails, and a failed poke does not fail the wait", async () => {
    let pokes = 0;
    const waiting = new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 10));
    const poke = () => {
      pokes++;
      return Promise.reject(new Error("connection lost"));
    };
    await expect(wakeWhile(waiting, [WAITAOF], poke)).rejects.toThrow("timeout");
    const after = pokes;
    expect(after).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pokes).toBe(after);
  });
});
