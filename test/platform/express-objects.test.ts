import type { AddressInfo } from "node:net";
import { once } from "node:events";
import express, { type Request, type Response } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/platform/http/express-objects.js";

describe("createHttpServer: requests and responses born as Express objects", () => {
  const servers: { close(): void }[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  /** Serves `app` with its dispatch replaced by `handle` (as `src/app.ts` replaces it). */
  async function serve(app: express.Express, handle: (req: Request, res: Response) => void): Promise<string> {
    app.set("query parser", "simple");
    (app as unknown as { handle: typeof handle }).handle = (req, res) => {
      req.res = res;
      res.req = req;
      handle(req, res);
    };
    const server = createHttpServer(app).listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("hands the app Express's request and response without swapping their prototypes", async () => {
    let seen: Record<string, unknown> = {};
    const app = express();
    const base = await serve(app, (req, res) => {
      seen = {
        swapped: Object.getPrototypeOf(req) === app.request || Object.getPrototypeOf(res) === app.response,
        sameApp: req.app === app && res.app === app,
        header: req.get("x-probe"),
        query: req.query,
      };
      res.status(201).json({ ok: true });
    });
    const reply = await fetch(`${base}/p?a=1`, { headers: { "x-probe": "yes" } });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await reply.json()).toEqual({ ok: true });
    expect(seen).toEqual({ swapped: false, sameApp: true, header: "yes", query: { a: "1" } });
  });

  it("still lets Express's own dispatch run its routes (it swaps, as before)", async () => {
    const app = express();
    app.get("/hello", (req, res) => {
      res.set("x-app", req.app === app ? "same" : "other").json({ hello: req.query.who });
    });
    const server = createHttpServer(app).listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hello?who=x`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-app")).toBe("same");
    expect(await reply.json()).toEqual({ hello: "x" });
  });
});
