import { Histogram, Registry, collectDefaultMetrics, Gauge } from "prom-client";
import type { Context } from "./context.js";

/**
 * Prometheus metrics of one process: HTTP latency by route and status, Node's defaults, and —
 * read from Redis at scrape time, so every API process reports the same deployment-wide figures —
 * queue depths (BullMQ's own export), overdue port requests and devices waiting for e911.
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
    this.refreshers = [
      async () => overdue.set(await ctx.redis.zcount(ctx.keys.openPortRequests(), "-inf", ctx.now().getTime())),
      async () => pending.set(await ctx.redis.scard(ctx.keys.e911Pending())),
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

  /** The text exposition: this process's metrics plus the queues' own Prometheus export. */
  async render(): Promise<string> {
    await Promise.all(this.refreshers.map((refresh) => refresh().catch(() => undefined)));
    const queues = await Promise.all(
      this.ctx.queues.all().map((queue) => queue.exportPrometheusMetrics().catch(() => "")),
    );
    return `${await this.registry.metrics()}\n${queues.join("\n")}\n`;
  }
}
