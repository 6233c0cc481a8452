import type { Redis } from "ioredis";
import type { DurabilityCommand } from "./durability.js";
import { wakeWhile } from "./wake.js";

interface Waiter {
  resolve(problem: string | null): void;
}

/**
 * Group confirmation on one connection to one Redis node: `WAIT` and `WAITAOF` cover every write
 * the connection sent before them, so instead of one `WAIT` per write (each holds the connection
 * until answered: one write per replica round trip), writes join the next `WAIT`. At most one is
 * in flight; the writes that come meanwhile are held and sent together with the one that follows
 * it. (ioredis writes commands to the socket in the order they are issued.)
 *
 * Holding them costs nothing: the server runs no command of a connection blocked in `WAIT` or
 * `WAITAOF` until that returns. On a connection that batches each turn's commands (ADR 0026,
 * 0027) the held writes and their confirmation then leave in one socket write, where each write
 * was one before.
 */
export class GroupConfirm {
  private inFlight = false;
  private pending: Waiter[] = [];
  private held: (() => void)[] = [];
  private commands: DurabilityCommand[] = [];

  /**
   * @param poke a cheap command to the same server on another connection, which wakes an idle
   *   server while a confirmation waits for its event loop (`wakeWhile`); none by default.
   */
  constructor(
    private readonly client: Redis,
    private readonly poke: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /**
   * Sends the write (`send` must issue its command synchronously), then resolves with its reply
   * and the confirmation problem (null when confirmed). A write that changed nothing (`applied`
   * false) is not waited for.
   */
  async write<T>(
    send: () => Promise<T>,
    commands: DurabilityCommand[],
    applied: (reply: T) => boolean,
  ): Promise<{ reply: T; problem: string | null }> {
    const sent = this.inFlight ? this.hold(send) : send();
    const confirmed = this.join(commands);
    const reply = await sent;
    if (!applied(reply)) return { reply, problem: null };
    return { reply, problem: await confirmed };
  }

  /** Sends `send` just before the next confirmation (see the class). */
  private hold<T>(send: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.held.push(() => {
        try {
          send().then(resolve, reject);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
  }

  /** Joins the next confirmation sent after everything issued so far. */
  private join(commands: DurabilityCommand[]): Promise<string | null> {
    this.commands = commands;
    const confirmed = new Promise<string | null>((resolve) => this.pending.push({ resolve }));
    if (!this.inFlight) this.flush();
    return confirmed;
  }

  private flush(): void {
    const batch = this.pending;
    const commands = this.commands;
    const held = this.held;
    this.pending = [];
    this.held = [];
    this.inFlight = true;
    for (const send of held) send();
    // Plain calls, not a pipeline: ioredis sends a connection's commands in the order issued all
    // the same, and a pipeline object per confirmation (it copies the connection's scripts onto
    // itself) was among the intake's largest allocations (ADR 0025).
    // A command that failed (connection lost, error reply) answers null.
    const sent = Promise.all(
      commands.map((command) =>
        this.client.call(...command.args).then(
          (reply) => ({ reply }),
          () => null,
        ),
      ),
    );
    wakeWhile(sent, commands, this.poke)
      .then(
        (answers) => {
          let problem: string | null = null;
          commands.forEach((command, i) => {
            const answer = answers[i];
            problem ??= answer ? command.check(answer.reply) : "the store did not answer";
          });
          return problem;
        },
        () => "the store did not answer",
      )
      .then((problem) => {
        for (const waiter of batch) waiter.resolve(problem);
        this.inFlight = false;
        if (this.pending.length > 0) this.flush();
      }, ignore);
  }
}

const ignore = (): void => undefined;
