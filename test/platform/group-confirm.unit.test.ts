import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import type { DurabilityCommand } from "../../src/platform/durability.js";
import { GroupConfirm } from "../../src/platform/group-confirm.js";

/** A connection that logs what is sent, in order, and answers WAIT when the test says so. */
function fakeConnection() {
  const sent: string[] = [];
  const waits: ((acks: number) => void)[] = [];
  const client = {
    call(...args: (string | number)[]) {
      sent.push(args.join(" "));
      return new Promise((resolve) => waits.push(resolve));
    },
  } as unknown as Redis;
  return { client, sent, waits };
}

const WAIT: DurabilityCommand[] = [
  { args: ["WAIT", 1, 500], blocks: true, check: (reply) => (Number(reply) >= 1 ? null : "no replica") },
];

describe("GroupConfirm", () => {
  it("sends each write at once and covers the writes sent during a WAIT with the next one", async () => {
    const { client, sent, waits } = fakeConnection();
    const group = new GroupConfirm(client);
    const write = (n: number) =>
      group.write(
        () => {
          sent.push(`write ${n}`);
          return Promise.resolve(n);
        },
        WAIT,
        () => true,
      );
    const first = write(1);
    const rest = [write(2), write(3), write(4)];
    expect(sent).toEqual(["write 1", "WAIT 1 500", "write 2", "write 3", "write 4"]);
    waits[0]!(1);
    expect(await first).toEqual({ reply: 1, problem: null });
    // The second WAIT goes after writes 2–4, and one answer confirms all three.
    await expect.poll(() => sent.length).toBe(6);
    expect(sent[5]).toBe("WAIT 1 500");
    waits[1]!(1);
    expect((await Promise.all(rest)).map((o) => o.problem)).toEqual([null, null, null]);
  });

  it("reports too few acknowledgements to every write of the batch, and does not wait for a write that changed nothing", async () => {
    const { client, waits } = fakeConnection();
    const group = new GroupConfirm(client);
    const unchanged = await group.write(
      () => Promise.resolve("conflict"),
      WAIT,
      () => false,
    );
    expect(unchanged).toEqual({ reply: "conflict", problem: null });
    waits[0]!(0);
    const late = group.write(
      () => Promise.resolve("ok"),
      WAIT,
      () => true,
    );
    await expect.poll(() => waits.length).toBe(2);
    waits[1]!(0);
    expect((await late).problem).toBe("no replica");
  });
});
