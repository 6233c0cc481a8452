import { createHash } from "node:crypto";
import type { Cluster, Redis, Result } from "ioredis";
import { DurabilityUnconfirmedError, type DurabilityCommand, type DurabilityPolicy } from "./durability.js";
import { GroupConfirm } from "./group-confirm.js";
import { wakeWhile } from "./wake.js";
import type { RedisClient } from "./redis.js";

/** A stored document with the version that guards every write to it. */
export interface Versioned<T> {
  version: number;
  doc: T;
}

/** Commands a write may run on its sibling keys (history, indexes, events) in the same script. */
export type SideEffectCommand =
  "LPUSH" | "RPUSH" | "ZADD" | "ZREM" | "ZREMRANGEBYRANK" | "SADD" | "SREM" | "HSET" | "XADD" | "SET" | "PEXPIRE";

/** One extra command applied atomically with the document write, e.g. appending history. */
export interface SideEffect {
  command: SideEffectCommand;
  key: string;
  args: (string | number)[];
}

/** A claim's outcome (`VersionedStore.claim`). */
export interface Claim {
  /** This caller holds the claim. */
  taken: boolean;
  /** The claim (and every write before it) was confirmed by the durability mode. */
  confirmed: boolean;
  /** The key asked to be read behind the claim, as the server held it (null when not taken). */
  read?: string | null;
}

const ignore = (): void => undefined;

/** Raised when the stored version is not the one the write expected. */
export class VersionConflictError extends Error {
  override name = "VersionConflictError";
  constructor(readonly currentVersion: number) {
    super(`version conflict: stored version is ${currentVersion}`);
  }
}

// Compare-and-set of a document plus its side effects, as one atomic step (expected version `*`:
// the side effects alone, KEYS[1] only naming the slot). Every side-effect
// command is checked against the allow-list before anything is written, because Redis does not
// roll back a script that fails half-way.
const CAS_SCRIPT = `
local allowed = { LPUSH=true, RPUSH=true, ZADD=true, ZREM=true, ZREMRANGEBYRANK=true, SADD=true, SREM=true, HSET=true, XADD=true, SET=true, PEXPIRE=true }
local ops = cjson.decode(ARGV[4])
for _, op in ipairs(ops) do
  if not allowed[op[1]] or not KEYS[op[2]] then return redis.error_reply('bad side effect') end
end
if ARGV[1] ~= '*' then
  local raw = redis.call('GET', KEYS[1])
  local current = '0'
  if raw then current = string.sub(raw, 1, string.find(raw, '|', 1, true) - 1) end
  if current ~= ARGV[1] then return { 0, current } end
  redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[3])
end
for _, op in ipairs(ops) do
  redis.call(op[1], KEYS[op[2]], unpack(op, 3))
end
return { 1, ARGV[2] }
`;

const CAS_SHA = createHash("sha1").update(CAS_SCRIPT).digest("hex");

declare module "ioredis" {
  interface RedisCommander<Context> {
    casWrite(numKeys: number, ...args: (string | number)[]): Result<[number, string], Context>;
  }
}

/** `"<version>|<json>"` → the document; null for a missing key. */
function decode<T>(raw: string | null): Versioned<T> | null {
  if (raw === null) return null;
  const bar = raw.indexOf("|");
  return { version: Number(raw.slice(0, bar)), doc: JSON.parse(raw.slice(bar + 1)) as T };
}

/**
 * Documents stored as one string `"<version>|<json>"`, written only by compare-and-set so that
 * every change is atomic, versioned and carries its history in the same step. (A plain string
 * rather than a hash `{v, d}`: a document is larger than a compact hash value, and a hash-table
 * hash cost ~300 more bytes per device — measured with `bench/memory.ts`.)
 */
export class VersionedStore {
  private readonly writers: RedisClient[];
  private turn = 0;
  private readonly groups = new Map<RedisClient, GroupConfirm>();

  /**
   * @param durability what must confirm a write before `write` resolves (ADR "durable
   *   acknowledgement"); none when absent (tools, benchmarks of the store alone).
   * @param writers connections for writes that wait for a replica: `WAIT` blocks the connection
   *   it runs on until the replica answers, so those writes go round-robin over connections of
   *   their own and reads never queue behind them. (`WAIT` covers the writes of its own
   *   connection, so the write and its `WAIT` must share one.) Default: `redis`.
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly durability?: DurabilityPolicy,
    writers: RedisClient[] = [],
  ) {
    this.writers = writers.length > 0 ? writers : [redis];
    // Defined once per connection; Redis caches the script by its SHA after the first call.
    for (const client of [redis, ...writers]) {
      if (typeof (client as { casWrite?: unknown }).casWrite !== "function") {
        client.defineCommand("casWrite", { lua: CAS_SCRIPT });
      }
    }
  }

  /**
   * Resolves once every write this process sent before the call has been executed by Redis, or
   * can no longer be (its connection is gone): a read after it sees them. A write whose answer
   * timed out (ioredis' command timeout) may still wait on its connection, behind a `WAIT` or a
   * paused server; a read on another connection would not see it yet and take it for lost.
   * @throws a connection error when a connection does not answer in time either.
   */
  async drained(): Promise<void> {
    const connections = [this.redis, ...this.writers].flatMap((client) =>
      client.isCluster ? (client as Cluster).nodes("master") : [client as Redis],
    );
    // A PING is answered after everything sent before it on the same connection.
    await Promise.all([...new Set(connections)].map((client) => client.ping()));
  }

  /**
   * Takes a short-lived claim (`SET key 1 PX ms NX`): true when this caller got it. With a
   * durability mode that waits (a replica, `WAITAOF`), the claim is confirmed like a write before
   * this resolves, and with it every write the server had before it — a job's move to `active`
   * included — so a failover does not forget them and give the job to a second worker. The
   * confirmation is best effort: when it does not come, the claim still holds on the primary and
   * the caller goes on (an alert that might be sent twice beats one not sent); `confirmed` says
   * which it was.
   * @param readKey a key (same hash tag as `key`) read right behind the claim on the same
   *   connection, so the server reads it after the claim was taken: what it held once no other
   *   holder could still change it, without a round trip of its own. In `read` when taken.
   */
  async claim(key: string, ms: number, readKey?: string): Promise<Claim> {
    let read: Promise<string | null> | undefined;
    const take = (client: RedisClient) => {
      const taken = client.set(key, "1", "PX", ms, "NX");
      if (readKey !== undefined) {
        read = client.get(readKey);
        read.catch(ignore); // awaited below when the claim was taken; else of no interest
      }
      return taken;
    };
    const claimed = async (taken: boolean, confirmed: boolean): Promise<Claim> =>
      readKey === undefined ? { taken, confirmed } : { taken, confirmed, read: taken ? await read! : null };
    // Not knowing how to confirm (the durability mode's own check failed) is not a confirmation.
    const known = this.durability
      ? await this.durability.commands().then(
          (c) => c,
          () => null,
        )
      : [];
    const confirm = (known ?? []).filter((c) => c.blocks);
    if (confirm.length === 0) return claimed((await take(this.redis)) === "OK", known !== null);
    const client = this.writers[this.turn++ % this.writers.length]!;
    if (client.isCluster) {
      const pipeline = client.pipeline().set(key, "1", "PX", ms, "NX");
      if (readKey !== undefined) pipeline.get(readKey);
      const first = readKey === undefined ? 1 : 2;
      for (const command of confirm) pipeline.call(...command.args);
      // A read of the key on the store's own connection goes to the same master and wakes it.
      const replies = (await wakeWhile(pipeline.exec(), confirm, () => this.wake(() => this.redis.exists(key)))) ?? [];
      const taken = replies[0];
      if (!taken || taken[0]) throw taken?.[0] ?? new Error("empty pipeline reply");
      if (readKey !== undefined) {
        const [error, value] = replies[1] ?? [new Error("no reply")];
        read = error ? Promise.reject(error) : Promise.resolve(value as string | null);
        read.catch(ignore);
      }
      const confirmed = confirm.every((command, i) => {
        const [error, reply] = replies[i + first] ?? [new Error("no reply")];
        return !error && command.check(reply) === null;
      });
      return claimed(taken[1] === "OK", confirmed);
    }
    const outcome = await this.groupOf(client as Redis).write(
      () => take(client),
      confirm,
      (reply) => reply === "OK",
    );
    return claimed(outcome.reply === "OK", outcome.problem === null);
  }

  /** Reads one document, or null when it does not exist. */
  async read<T>(key: string): Promise<Versioned<T> | null> {
    return decode<T>(await this.redis.get(key));
  }

  /**
   * Reads one document as its stored JSON text, unparsed — for GETs that send it on as it is
   * (parsing and re-serialising a document per read showed in the profile).
   */
  async readJson(key: string): Promise<{ version: number; json: string } | null> {
    const raw = await this.redis.get(key);
    if (raw === null) return null;
    const bar = raw.indexOf("|");
    return { version: Number(raw.slice(0, bar)), json: raw.slice(bar + 1) };
  }

  /**
   * Reads several documents in one round trip (each key may live in another slot). Plain GETs
   * rather than a pipeline: the API's connection batches each turn's commands (ADR 0027), so
   * they join the other requests' commands of this turn in one socket write; an explicit
   * pipeline is written at once, a write system call per request (~8 % of the PUT-location
   * profile).
   */
  async readMany<T>(keys: string[]): Promise<(Versioned<T> | null)[]> {
    const values = await Promise.all(keys.map((key) => this.redis.get(key)));
    return values.map((value) => decode<T>(value));
  }

  /**
   * Writes `doc` as version `expectedVersion + 1` if the stored version is still
   * `expectedVersion` (0 = must not exist yet), and applies `effects` in the same script.
   * All keys must share one hash tag (see `KeySpace`).
   * @throws VersionConflictError when someone else wrote first.
   */
  async write(key: string, expectedVersion: number, doc: unknown, effects: SideEffect[] = []): Promise<number> {
    const next = expectedVersion + 1;
    const [ok, current] = await this.run(key, String(expectedVersion), String(next), JSON.stringify(doc), effects);
    if (ok !== 1) throw new VersionConflictError(Number(current));
    return next;
  }

  /**
   * Applies `effects` atomically without a document, confirmed durable like a document write —
   * for bookkeeping that must survive a failover (a notification recorded as sent). All keys
   * must share one hash tag.
   * @throws DurabilityUnconfirmedError when applied but not confirmed.
   */
  async apply(effects: SideEffect[]): Promise<void> {
    const anchor = effects[0]?.key;
    if (anchor === undefined) return;
    await this.run(anchor, "*", "*", "", effects);
  }

  private async run(
    key: string,
    expected: string,
    next: string,
    doc: string,
    effects: SideEffect[],
  ): Promise<[number, string]> {
    const keys = [key];
    const ops = effects.map((effect) => {
      let index = keys.indexOf(effect.key);
      if (index < 0) index = keys.push(effect.key) - 1;
      return [effect.command, index + 1, ...effect.args.map(String)];
    });
    const args = [keys.length, ...keys, expected, next, doc, JSON.stringify(ops)] as const;
    const confirm = this.durability ? await this.durability.commands() : [];
    return confirm.length === 0 ? await this.redis.casWrite(...args) : await this.confirmed(key, args, confirm);
  }

  /**
   * On one node (single Redis, Sentinel): the write joins the next group confirmation of its
   * connection (see `GroupConfirm`). The script is sent by SHA, and by its text when the server
   * does not know it yet — then the write joins the confirmation after that resend.
   */
  private async grouped(
    client: Redis,
    args: readonly (string | number)[],
    confirm: DurabilityCommand[],
  ): Promise<[number, string]> {
    const group = this.groupOf(client);
    const applied = (reply: [number, string]) => reply[0] === 1;
    const send = (script: boolean) => () =>
      client.call(script ? "EVAL" : "EVALSHA", script ? CAS_SCRIPT : CAS_SHA, ...args) as Promise<[number, string]>;
    let outcome: { reply: [number, string]; problem: string | null };
    try {
      outcome = await group.write(send(false), confirm, applied);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      outcome = await group.write(send(true), confirm, applied);
    }
    if (outcome.problem) throw new DurabilityUnconfirmedError(outcome.problem);
    return outcome.reply;
  }

  /** A wake-up poke on the store's own connection; none while it is down, so none pile up offline. */
  private wake(send: () => Promise<unknown>): Promise<unknown> {
    return this.redis.status === "ready" ? send() : Promise.resolve();
  }

  /** The connection's group confirmation, made on first use. */
  private groupOf(client: Redis): GroupConfirm {
    let group = this.groups.get(client);
    // The store's own connection is never blocked by a WAIT: it carries the wake-up pokes.
    if (!group) this.groups.set(client, (group = new GroupConfirm(client, () => this.wake(() => this.redis.ping()))));
    return group;
  }

  /**
   * In a cluster: the write with its durability commands pipelined behind it on the same connection (one round
   * trip; `WAIT`/`WAITAOF` cover every earlier write of the connection). In a cluster the pipeline
   * goes to the key's master. A redirection (slot moved by a failover) is followed by ioredis on a
   * plain call, then the commands go after it with a read of the key to route them.
   * @throws DurabilityUnconfirmedError when the write applied but is not confirmed.
   */
  private async confirmed(
    key: string,
    args: readonly (string | number)[],
    confirm: DurabilityCommand[],
  ): Promise<[number, string]> {
    const client = confirm.some((c) => c.blocks) ? this.writers[this.turn++ % this.writers.length]! : this.redis;
    if (!client.isCluster) return this.grouped(client as Redis, args, confirm);
    const pipeline = client.pipeline();
    pipeline.casWrite(...(args as [number, ...string[]]));
    for (const command of confirm) pipeline.call(...command.args);
    const wake = () => this.wake(() => this.redis.exists(key));
    let results = (await wakeWhile(pipeline.exec(), confirm, wake)) ?? [];
    let write = results[0];
    if (write?.[0] && /^(MOVED|ASK) /.test(write[0].message)) {
      const outcome = await client.casWrite(...(args as [number, ...string[]]));
      const after = client.pipeline();
      after.exists(key);
      for (const command of confirm) after.call(...command.args);
      results = [[null, outcome], ...((await wakeWhile(after.exec(), confirm, wake)) ?? []).slice(1)];
      write = results[0];
    }
    if (!write) throw new Error("empty pipeline reply");
    if (write[0]) throw write[0];
    const outcome = write[1] as [number, string];
    // A conflict wrote nothing: there is nothing to confirm.
    if (outcome[0] !== 1) return outcome;
    for (let i = 0; i < confirm.length; i++) {
      const [error, reply] = results[i + 1] ?? [new Error("no reply")];
      const problem = error ? "the store did not answer" : confirm[i]!.check(reply);
      if (problem) throw new DurabilityUnconfirmedError(problem);
    }
    return outcome;
  }
}
