import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServerHandle } from "../support/redis-server.js";
import { startService, type TestService } from "../support/service.js";
import { accountWithDevice, US_ADDRESS } from "../support/fixtures.js";

// Two services of one deployment on a private Redis (so its command counts are ours alone): one
// without a rate limit to create the records, and one with a limit of 5 requests per second.
let redis: RedisServerHandle;
let setup: TestService;
let limited: TestService;
beforeAll(async () => {
  redis = await startRedisServer();
  const prefix = `rl${Date.now().toString(36)}`;
  setup = await startService({ redisUrl: redis.url, env: { REDIS_PREFIX: prefix, RATE_LIMIT_RPS: "0" } });
  limited = await startService({ redisUrl: redis.url, env: { REDIS_PREFIX: prefix, RATE_LIMIT_RPS: "5" } });
});
afterAll(async () => {
  await limited.close();
  await setup.close();
  await redis.stop();
});

/** Calls of the rate limiter's script (rate-limiter-flexible runs one EVALSHA per lease). */
async function limiterCalls(): Promise<number> {
  const stats = await setup.ctx.redis.info("commandstats");
  return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe("emergency answers and the rate limit", () => {
  it("answers 112 and 911 dial checks and classify with 200 for a key whose budget is spent", async () => {
    const ids = await accountWithDevice(setup, { accountId: "rl-spent" });
    await setup.request("PUT", `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/location`, {
      body: { address: US_ADDRESS },
    });
    const key = await setup.key("customer", ids.accountId);
    const dialCheck = `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`;

    // Spend the key's budget on ordinary requests until it is refused.
    let refused = 0;
    for (let i = 0; i < 40 && refused === 0; i++) {
      if ((await limited.request("GET", `/v1/accounts/${ids.accountId}`, { key })).status === 429) refused++;
    }
    expect(refused).toBe(1);

    // Within the same second: every emergency answer still gets through, many times over.
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => limited.request("POST", dialCheck, { key, body: { dialed: "911" } })),
      ...Array.from({ length: 10 }, () => limited.request("POST", dialCheck, { key, body: { dialed: "112" } })),
      ...Array.from({ length: 10 }, () =>
        limited.request("POST", "/v1/emergency/classify", { key, body: { country: "US", dialed: "911" } }),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const answer of answers) expect(answer.body).toMatchObject({ emergency: true, number: "911" });
    expect(answers[0]!.body.location.displayLine).toBeTruthy();
  });

  it("does not count emergency answers against the key's budget", async () => {
    const ids = await accountWithDevice(setup, { accountId: "rl-count" });
    const key = await setup.key("customer", ids.accountId);
    const dialCheck = `/v1/accounts/${ids.accountId}/devices/${ids.deviceId}/dial-check`;
    const before = await limiterCalls();
    for (let i = 0; i < 20; i++) {
      expect((await limited.request("POST", dialCheck, { key, body: { dialed: "911" } })).status).toBe(200);
      expect(
        (await limited.request("POST", "/v1/emergency/classify", { key, body: { country: "DE", dialed: "110" } }))
          .status,
      ).toBe(200);
    }
    // Forty emergency answers, well over the limit of 5 a second: the limiter was never asked.
    expect(await limiterCalls()).toBe(before);
    // And the key's budget is whole: its first ordinary request is let through.
    expect((await limited.request("GET", `/v1/accounts/${ids.accountId}`, { key })).status).toBe(200);
  });
});
