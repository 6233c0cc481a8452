import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from "prom-client";
import type { Context } from "./context.js";

/**
 * Prometheus metrics of one process: HTTP latency by route and status, Node's defaults, and —
 * read from Redis at scrape time, so every API process reports the same deployment-wide figures —
 * queue depths, completed and failed jobs, overdue port requests and devices waiting for e911.
 * Everything is in the one registry, so each family has its `# HELP`/`# TYPE` once (valid
 * exposition text, checked with `promtool check metrics` in the suite).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<"method" | "route" | "status">;

  constructor(private readonly ctx: Context) {
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    const overdue = new Gauge({
      name: "porting_overdue_requests",
      help: "Open port requests whose deadline has passed",
      registers: [this.registry],
    });
    const pending = new Gauge({
      name: "e911_pending_devices",
      help: "Active devices whose e911 is not enabled yet",
      registers: [this.registry],
    });
    const jobs = new Gauge({
      name: "bullmq_job_count",
      help: "Number of jobs in the queue by state",
      labelNames: ["queue", "state"],
      registers: [this.registry],
    });
    // Totals kept in Redis by the workers (BullMQ's metrics, on in `startWorkers`): set at scrape.
    const completed = new Counter({
      name: "bullmq_job_completed_total",
      help: "Jobs completed, by queue (all worker processes, from BullMQ's metrics)",
      labelNames: ["queue"],
      registers: [this.registry],
    });
    const failed = new Counter({
      name: "bullmq_job_failed_total",
      help: "Jobs failed for good, by queue (all worker processes, from BullMQ's metrics)",
      labelNames: ["queue"],
      registers: [this.registry],
    });
    const setTotal = (counter: Counter<"queue">, queue: string, value: number) => {
      counter.remove(queue);
      counter.inc({ queue }, value);
    };
    this.refreshers = [
      async () => overdue.set(await ctx.redis.zcount(ctx.keys.openPortRequests(), "-inf", ctx.now().getTime())),
      async () => pending.set(await ctx.redis.scard(ctx.keys.e911Pending())),
      ...ctx.queues.all().map((queue) => async () => {
        const [counts, done, lost] = await Promise.all([
          queue.getJobCounts(),
          queue.getMetrics("completed", 0, 0),
          queue.getMetrics("failed", 0, 0),
        ]);
        for (const [state, count] of Object.entries(counts)) jobs.set({ queue: queue.name, state }, count);
        setTotal(completed, queue.name, done.meta.count);
        setTotal(failed, queue.name, lost.meta.count);
      }),
    ];
  }

  private readonly refreshers: (() => Promise<void>)[];

  /** One histogram series per (method, route, status): labels are hashed once, not per request. */
  private readonly httpSeries = new Map<string, { observe(value: number): void }>();

  /** Records one answered HTTP request; `route` is the route pattern, never the raw path (ids). */
  recordHttp(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.httpSeries.get(key);
    if (!series) {
      series = this.http.labels(method, route, String(status));
      this.httpSeries.set(key, series);
    }
    series.observe(seconds);
  }

  /** The text exposition of the one registry, its Redis-backed figures refreshed first. */
  async render(): Promise<string> {
    await Promise.all(this.refreshers.map((refresh) => refresh().catch(() => undefined)));
    return this.registry.metrics();
  }
}
