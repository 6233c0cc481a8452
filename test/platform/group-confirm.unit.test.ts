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
  it("holds the writes that come during a WAIT and sends them just before the next one, which covers them", async () => {
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
    // The connection is blocked by the first WAIT: the server would not run writes 2–4 before it returns.
    expect(sent).toEqual(["write 1", "WAIT 1 500"]);
    waits[0]!(1);
    expect(await first).toEqual({ reply: 1, problem: null });
    // Writes 2–4 leave together, right before the second WAIT, and one answer confirms all three.
    await expect.poll(() => sent.length).toBe(6);
    expect(sent.slice(2)).toEqual(["write 2", "write 3", "write 4", "WAIT 1 500"]);
    waits[1]!(1);
    expect((await Promise.all(rest)).map((o) => o.problem)).toEqual([null, null, null]);
  });

  it("passes a held write's failure to its caller, and the others of its batch are confirmed", async () => {
    const { client, sent, waits } = fakeConnection();
    const group = new GroupConfirm(client);
    const first = group.write(
      () => Promise.resolve("first"),
      WAIT,
      () => true,
    );
    const failing = group.write(
      () => {
        throw new Error("connection is closed");
      },
      WAIT,
      () => true,
    );
    const fine = group.write(
      () => Promise.resolve("fine"),
      WAIT,
      () => true,
    );
    waits[0]!(1);
    await expect(failing).rejects.toThrow("connection is closed");
    await expect.poll(() => waits.length).toBe(2);
    waits[1]!(1);
    expect(await first).toEqual({ reply: "first", problem: null });
    expect(await fine).toEqual({ reply: "fine", problem: null });
    expect(sent).toEqual(["WAIT 1 500", "WAIT 1 500"]);
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
