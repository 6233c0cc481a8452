import { expect } from "vitest";
import { US_ADDRESS, accountWithDevice } from "../support/fixtures.js";
import type { Reply, TestService } from "../support/service.js";

/**
 * A steady stream of location writes (one writer per device) and emergency reads (dial checks)
 * against a service while its Redis fails over, and the checks and figures the failover tests
 * share: every write answered 200 is afterwards in the device's history with its exact content,
 * no emergency read answered anything but 200, and nothing but 200 or 503 was answered.
 */
export interface Device {
  accountId: string;
  deviceId: string;
}

interface Write {
  device: Device;
  floor: string;
  status: number;
  /** When it was sent and when it was answered (performance.now()). */
  sentAt: number;
  at: number;
  version?: number;
  type?: string;
}

/** An emergency call reported to `POST /v1/emergency-calls` during the load. */
export interface ReportedCall {
  callId: string;
  status: number;
  /** The call record's id (201/200: recorded; 202: held, recorded once the store is back). */
  id?: string;
  at: number;
}

interface Read {
  status: number;
  /** The problem type of a non-200 answer. */
  type?: string;
  at: number;
  ms: number;
}

/** Per device at most this many writes: the history endpoint lists the last 1000. */
const MAX_WRITES_PER_DEVICE = 900;

export async function seedDevices(service: TestService, accounts: number, perAccount: number): Promise<Device[]> {
  const devices: Device[] = [];
  for (let a = 0; a < accounts; a++) {
    const accountId = `fo-${a}`;
    for (let d = 0; d < perAccount; d++) {
      const ids = await whileUnavailable(() => accountWithDevice(service, { accountId, deviceId: `dev-${d}` }));
      await whileUnavailable(async () => {
        const put = await service.request("PUT", `/v1/accounts/${accountId}/devices/dev-${d}/location`, {
          body: { address: { ...US_ADDRESS, floor: "0" } },
        });
        if (put.status !== 200) throw new Error(`seed location: ${put.status} ${put.text}`);
      });
      devices.push(ids);
    }
  }
  return devices;
}

/**
 * Runs an idempotent seeding step again while the service answers it 503 `store-unavailable`,
 * for up to 10 s: a careful client retries a 503, and nothing is measured before the seeding is
 * done. On a Redis Cluster that had just reported `cluster_state:ok`, a seeding PUT was answered
 * 503 in 2 of ~35 runs (one of them a CI run); its cause is not pinned down (not seen again in 18
 * runs with the store's errors logged, 6 of them on a saturated CPU). The failover's own checks
 * are unchanged: after the seeding, every 503 is counted and allowed, every 200 must be kept.
 */
async function whileUnavailable<T>(step: () => Promise<T>): Promise<T> {
  const until = performance.now() + 10_000;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!/: 503 .*store-unavailable/.test(String(error)) || performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export class Load {
  readonly writes: Write[] = [];
  readonly reads: Read[] = [];
  readonly calls: ReportedCall[] = [];
  private running = true;
  private counter = 0;
  private readonly loops: Promise<void>[] = [];

  /**
   * @param caller a device whose account has on-site contacts: when given, one emergency call of
   *   it is reported every `callEveryMs`, so that the alert jobs (BullMQ) run through the failover.
   */
  constructor(
    private readonly service: TestService,
    private readonly devices: Device[],
    readers = 2,
    caller?: Device & { callEveryMs: number },
  ) {
    for (const device of devices) this.loops.push(this.writer(device));
    for (let i = 0; i < readers; i++) this.loops.push(this.reader(i));
    if (caller) this.loops.push(this.reporter(caller));
  }

  private async reporter(caller: Device & { callEveryMs: number }): Promise<void> {
    for (let n = 0; this.running; n++) {
      const callId = `failover-${n}@pbx.example`;
      const reply = await this.service.request("POST", "/v1/emergency-calls", {
        body: { callId, dialed: "911", accountId: caller.accountId, deviceId: caller.deviceId },
      });
      this.calls.push({ callId, status: reply.status, id: reply.body?.id, at: performance.now() });
      await new Promise((r) => setTimeout(r, caller.callEveryMs)); // pacing, not synchronisation
    }
  }

  private async writer(device: Device): Promise<void> {
    let mine = 0;
    while (this.running && mine++ < MAX_WRITES_PER_DEVICE) {
      const floor = String(++this.counter);
      const sentAt = performance.now();
      const reply = await this.service.request(
        "PUT",
        `/v1/accounts/${device.accountId}/devices/${device.deviceId}/location`,
        { body: { address: { ...US_ADDRESS, floor } } },
      );
      this.writes.push({
        device,
        floor,
        status: reply.status,
        sentAt,
        at: performance.now(),
        version: reply.status === 200 ? reply.body.version : undefined,
        type:
          reply.status === 200
            ? undefined
            : String(reply.body?.type ?? reply.text)
                .split("/")
                .pop(),
      });
      if (reply.status !== 200) await new Promise((r) => setTimeout(r, 20)); // a client backing off
    }
  }

  private async reader(offset: number): Promise<void> {
    for (let i = offset; this.running; i++) {
      const device = this.devices[i % this.devices.length]!;
      const started = performance.now();
      const reply = await this.service.request(
        "POST",
        `/v1/accounts/${device.accountId}/devices/${device.deviceId}/dial-check`,
        { body: { dialed: "911" } },
      );
      this.reads.push({
        status: reply.status,
        type:
          reply.status === 200
            ? undefined
            : String(reply.body?.type ?? reply.text)
                .split("/")
                .pop(),
        at: performance.now(),
        ms: performance.now() - started,
      });
    }
  }

  /** Resolves once `predicate` holds (polled; the load keeps running meanwhile). */
  async until(predicate: () => boolean | Promise<boolean>, timeout = 30_000): Promise<void> {
    await expect.poll(predicate, { timeout, interval: 10 }).toBe(true);
  }

  acked(): Write[] {
    return this.writes.filter((w) => w.status === 200);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Every acknowledged write is in its device's history, with its floor; the current version is at least the last one acknowledged. */
  async lostWrites(): Promise<number> {
    let lost = 0;
    for (const device of this.devices) {
      const path = `/v1/accounts/${device.accountId}/devices/${device.deviceId}/location`;
      // Read back like a client: a 503 while the topology settles is asked again.
      // The 200 itself is kept: asking once more could meet another 503 while the topology settles.
      const settled = async (url: string) => {
        let answer: Reply | undefined;
        await expect
          .poll(async () => (answer = await this.service.request("GET", url)).status, { timeout: 15_000 })
          .toBe(200);
        return answer!;
      };
      const history = await settled(`${path}/history`);
      const byVersion = new Map<number, string>(
        history.body.items.map((e: { version: number; address: { floor: string } }) => [e.version, e.address.floor]),
      );
      const mine = this.acked().filter((w) => w.device === device);
      for (const write of mine) if (byVersion.get(write.version!) !== write.floor) lost++;
      const current = await settled(path);
      if (mine.length > 0) expect(current.body.version).toBeGreaterThanOrEqual(mine.at(-1)!.version!);
    }
    return lost;
  }

  statuses(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const w of this.writes) {
      const key = w.status === 200 ? "200" : `${w.status} ${w.type ?? ""}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
