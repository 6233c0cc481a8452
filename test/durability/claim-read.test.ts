import { afterAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";

// A notice's delivery reads the notice again right behind its claim, in the same round trip
// (src/notifications/deliver.ts): each way `store.claim` sends a claim must read the key after
// taking it, and read nothing when it was not taken. Also in the Cluster suite, where a claim
// confirmed by `WAIT` goes as one pipeline to the key's master.
const services: TestService[] = [];
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
});

describe.each([
  ["no confirmation (DURABILITY=none)", { DURABILITY: "none" }],
  // On one node without a replica the WAIT times out (the claim is said unconfirmed); in the
  // Cluster suite each master has a replica.
  ["a confirmation that waits (DURABILITY=replica)", { DURABILITY: "replica", DURABILITY_TIMEOUT_MS: "200" }],
])("store.claim with a key to read behind it, %s", (_, env) => {
  it("reads the key as it is once the claim is taken, and nothing for a caller who did not get it", async () => {
    const service = await startService({ env });
    services.push(service);
    const { store, keys, redis } = service.ctx;
    const doc = keys.notification("claim-read", "n1");
    const claimKey = `${doc}:claim:email`;
    await redis.set(doc, '{"status":"queued"}');

    const first = await store.claim(claimKey, 10_000, doc);
    expect(first).toMatchObject({ taken: true, read: '{"status":"queued"}' });
    await redis.set(doc, '{"status":"sent"}');
    expect(await store.claim(claimKey, 10_000, doc)).toMatchObject({ taken: false, read: null });

    await redis.del(claimKey);
    expect(await store.claim(claimKey, 10_000, doc)).toMatchObject({ taken: true, read: '{"status":"sent"}' });
    expect(await store.claim(`${doc}:claim:webhook`, 10_000, keys.notification("claim-read", "none"))).toMatchObject({
      taken: true,
      read: null,
    });
    expect(await store.claim(`${doc}:claim:other`, 10_000)).not.toHaveProperty("read");
  });
});
