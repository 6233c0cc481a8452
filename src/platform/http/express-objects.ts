import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import type { Express } from "express";

/**
 * A class extending `base` whose prototype carries every property Express puts between `proto`
 * and `base.prototype` (its request or response methods and getters, and the `app` they read).
 */
function classWith<T extends typeof IncomingMessage | typeof ServerResponse>(base: T, proto: object): T {
  const made = class extends (base as typeof IncomingMessage) {} as unknown as T;
  const chain: object[] = [];
  for (let p: object | null = proto; p && p !== base.prototype; p = Object.getPrototypeOf(p) as object | null)
    chain.unshift(p);
  for (const layer of chain)
    for (const key of Reflect.ownKeys(layer))
      Object.defineProperty(made.prototype, key, Object.getOwnPropertyDescriptor(layer, key)!);
  return made;
}

/**
 * The HTTP server of `app`, whose requests and responses are born Express objects.
 *
 * Express gives Node's plain request and response its own prototypes on every request
 * (`Object.setPrototypeOf`). V8 must then give both objects new hidden classes, and Node's own
 * HTTP code meets them in shapes its inline caches have not seen: measured on this machine, the
 * swap alone took a bare Node server from ~42k to ~15k answers/s, and Express's `res.json` ran at
 * ~27k/s with classes made once and ~10k/s with the swap (ADR 0023). Here Node constructs them
 * from classes that already have Express's methods, so the route table's dispatch (`app.ts`)
 * skips the swap; what Express itself dispatches still swaps, as before.
 */
export function createHttpServer(app: Express): Server {
  return createServer(
    {
      IncomingMessage: classWith(IncomingMessage, app.request),
      ServerResponse: classWith(ServerResponse, app.response),
    },
    app,
  );
}
