import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";
import { startRedisServer } from "../support/redis-server.js";

let service: TestService;
beforeAll(async () => {
  service = await startService({ workers: true, env: { RATE_LIMIT_RPS: "20" } });
});
afterAll(async () => {
  await service.close();
});

describe("operations", () => {
  it("exports Prometheus metrics to admin keys only: HTTP latency by route, queue depths, porting and e911 gauges", async () => {
    await service.request("PUT", "/v1/accounts/ops-a", { body: accountBody() });
    await service.request("GET", "/v1/accounts/ops-a");
    const fulfillment = await service.key("fulfillment");
    expect((await service.request("GET", "/metrics", { key: fulfillment })).status).toBe(403);
    expect((await service.request("GET", "/metrics", { key: null })).status).toBe(401);
    const reply = await service.request("GET", "/metrics");
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*route="\/v1\/accounts\/\{accountId\}"[^}]*status="200"/,
    );
    expect(reply.text).not.toContain("ops-a");
    expect(reply.text).toMatch(/porting_overdue_requests \d+/);
    expect(reply.text).toMatch(/e911_pending_devices \d+/);
    expect(reply.text).toMatch(/bullmq_job_count\{[^}]*queue="notifications"/);
  });

  it("serves the queue dashboard to admin keys only", async () => {
    const fulfillment = await service.key("fulfillment");
    expect((await service.request("GET", "/admin/queues", { key: fulfillment })).status).toBe(403);
    const page = await service.request("GET", "/admin/queues");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);
  });

  it("limits requests per key with 429 and Retry-After, without affecting other keys", async () => {
    const busy = await service.key("fulfillment");
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => service.request("GET", "/v1/disclosures/US", { key: busy })),
    );
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.type).toMatch(/rate-limited$/);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const other = await service.key("fulfillment");
    expect((await service.request("GET", "/v1/disclosures/US", { key: other })).status).toBe(200);
  });

  it("lets a concurrent burst under the limit through: waiting requests share one lease", async () => {
    const roomy = await startService({ env: { RATE_LIMIT_RPS: "500" } });
    try {
      const key = await roomy.key("fulfillment");
      // 300 at once from one key: each request missing the lease must not take its own 10 tokens.
      const replies = await Promise.all(
        Array.from({ length: 300 }, () => roomy.request("GET", "/v1/disclosures/US", { key })),
      );
      expect(replies.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    } finally {
      await roomy.close();
    }
  });

  it("answers a spent key 429 without asking Redis again until its second is over", async () => {
    // A Redis of its own, so that its command counts are this service's alone.
    const redis = await startRedisServer();
    const limited = await startService({ redisUrl: redis.url, env: { RATE_LIMIT_RPS: "5" } });
    try {
      const key = await limited.key("fulfillment");
      const scriptCalls = async () => {
        const stats = await limited.ctx.redis.info("commandstats");
        return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      };
      const before = await scriptCalls();
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await limited.request("GET", "/v1/disclosures/US", { key })).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
      // One limiter call per granted request (leases of 1 at this limit) and one per refused second, not one per refusal.
      const granted = statuses.filter((s) => s === 200).length;
      expect((await scriptCalls()) - before).toBeLessThanOrEqual(granted + 3);
    } finally {
      await limited.close();
      await redis.stop();
    }
  });
});
