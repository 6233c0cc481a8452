import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import swaggerUi from "swagger-ui-express";
import { accountRoutes } from "./accounts/routes.js";
import { apiKeyRoutes } from "./auth/routes.js";
import { deviceRoutes } from "./devices/routes.js";
import { e911Routes } from "./e911/routes.js";
import { disclosureRoutes } from "./disclosures/routes.js";
import { emergencyRoutes } from "./emergency/routes.js";
import { emergencyCallRoutes } from "./emergency-calls/routes.js";
import { portingRoutes } from "./porting/routes.js";
import { hookRoutes } from "./hooks/routes.js";
import { locationRoutes } from "./locations/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { adminGate, adminQueuesHeaders } from "./console/admin-session.js";
import { consoleRoutes } from "./console/routes.js";
import { lisRoutes } from "./lis/routes.js";
import type { Context } from "./platform/context.js";
import { keyGate, requireKey, requireRole } from "./auth/gate.js";
import { requestLog } from "./platform/http/request-log.js";
import { errorHandler, notFoundHandler } from "./platform/http/problem.js";
import { RouteTable } from "./platform/http/route-table.js";
import type { Api } from "./platform/http/route.js";
import { createRegistry, openApiDocument } from "./platform/openapi.js";
import { readiness } from "./platform/health.js";
import { adminQueuesRouter } from "./platform/http/admin-queues.js";
import { Metrics } from "./platform/metrics.js";

/**
 * Every component's routes, declared through one `Api`: the route table, the Express router for
 * what is not a declared route, and the OpenAPI registry. Registering touches no store.
 */
export function declareApi(ctx: Context): Api {
  const api: Api = { routes: new RouteTable(), router: express.Router(), registry: createRegistry(), ctx };
  // Hooks are signed, not keyed: they are on the Express router, outside the keyed route table.
  hookRoutes(api);
  apiKeyRoutes(api);
  accountRoutes(api);
  deviceRoutes(api);
  e911Routes(api);
  locationRoutes(api);
  disclosureRoutes(api);
  notificationRoutes(api);
  emergencyRoutes(api);
  emergencyCallRoutes(api);
  portingRoutes(api);
  consoleRoutes(api);
  lisRoutes(api);
  return api;
}

/**
 * On every answer: no content sniffing (a JSON answer is never run as a page); answers of the API
 * carry personal data (addresses, numbers, names) and are never stored by caches (`no-store`).
 */
const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (req.url.startsWith("/v1/")) res.setHeader("Cache-Control", "no-store");
  next();
};

/** The API explorer's page loads only its own scripts (swagger-ui's style is inline). */
const docsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  );
  next();
};

/**
 * Builds the Express application: parsing and problem handling around the component routes.
 * Every component registers its routes and OpenAPI paths through the same `Api`.
 */
export function createApp(ctx: Context): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  const metrics = new Metrics(ctx);
  const api = declareApi(ctx);
  const { registry, router } = api;
  // What every request passes (the log, the headers, the route table) runs in front of Express's
  // router: a declared route is answered without Express dispatching through its layers (~6 % of
  // a hot path in the profile: app.handle, the router's matching, finalhandler per request).
  // Anything the table does not answer goes on into Express as usual.
  const log = requestLog(ctx.logger, metrics);
  const table = api.routes.middleware(keyGate(ctx));
  const onError = errorHandler(ctx.logger);
  const dispatch = app as unknown as { handle(req: Request, res: Response, callback?: NextFunction): void };
  const handleInExpress = dispatch.handle.bind(app);
  const front = (req: Request, res: Response, callback?: NextFunction): void => {
    // A mounted sub-application passes its callback: Express's own dispatch then.
    if (callback) {
      handleInExpress(req, res, callback);
      return;
    }
    // What Express's app.handle sets up before its router runs, so that handlers see an Express
    // request and response (req.app, res.status, req.protocol …). From `createHttpServer` they
    // are Express objects already: swapping their prototypes was most of a request's cost.
    req.res = res;
    res.req = req;
    if (req.app !== app) {
      Object.setPrototypeOf(req, app.request);
      Object.setPrototypeOf(res, app.response);
    }
    res.locals = Object.create(null) as Record<string, unknown>;
    req.originalUrl = req.url;
    req.baseUrl = "";
    log(req, res, () => {
      securityHeaders(req, res, () => {
        table(req, res, (error?: unknown) => {
          if (error === undefined) handleInExpress(req, res);
          // Once the answer has begun, what failed cannot be told to the caller: close the
          // connection, as Express's final handler does.
          else onError(error, req, res, () => req.socket.destroy());
        });
      });
    });
  };
  dispatch.handle = front;
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await readiness(ctx);
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.use(router);
  // Any other path under /v1 wants a key too: 401 before 404, so paths are not probed without one.
  app.use("/v1", requireKey(ctx));

  // Operations: Prometheus metrics and the queue dashboard, for admin keys only.
  app.get("/metrics", requireKey(ctx), requireRole("admin"), async (_req, res) => {
    res.type("text/plain; version=0.0.4").send(await metrics.render());
  });
  // From a browser: the cookie of POST /v1/console/admin-session (never the key itself).
  app.use(
    "/admin/queues",
    adminQueuesHeaders,
    adminGate(ctx),
    requireRole("admin"),
    adminQueuesRouter(ctx, "/admin/queues"),
  );

  const document = openApiDocument(registry);
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use("/docs", docsPolicy, swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: "VoIP compliance API" }));

  app.use(notFoundHandler);
  app.use(onError);
  return app;
}
