import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher } from "undici";
import { addressProblem, hostProblem, type OutboundOptions } from "./outbound-policy.js";

/** Raised (as a fetch error's cause) when the outbound policy refuses a target. */
export class OutboundRefusedError extends Error {
  override name = "OutboundRefusedError";
  readonly code = "EOUTBOUNDREFUSED";
  constructor(readonly reason: string) {
    super(`outbound request refused: ${reason}`);
  }
}

/** A resolver with the signature of `dns.lookup` (tests pass their own to map test names). */
export type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface OutboundHttpOptions extends OutboundOptions {
  connectTimeoutMs?: number;
  /** Resolver used instead of `dns.lookup`. */
  resolve?: Resolve;
}

/**
 * A `net.connect` lookup that resolves every address of the name and refuses the name when any
 * of them is in a refused range — so a name that answers both a public and a private address
 * cannot be steered to the private one — then hands on what the caller asked for (one or all).
 */
function checkedLookup(options: OutboundHttpOptions): LookupFunction {
  const resolve: Resolve = options.resolve ?? ((host, opts, cb) => dnsLookup(host, opts, cb));
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) {
        callback(error, "", 0);
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
        return;
      }
      for (const { address } of addresses) {
        const problem = addressProblem(address, options);
        if (problem) {
          callback(new OutboundRefusedError(`${hostname}: ${problem}`), "", 0);
          return;
        }
      }
      if (lookupOptions.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici dispatcher whose every connection is checked at connect time: the host is checked
 * as written (metadata names, address literals), each address the name resolves to is checked
 * before a socket is opened, and the address the socket actually reached is checked once more
 * before a byte is sent. Redirects are not followed by the caller (`redirect: "manual"`).
 */
export function createOutboundDispatcher(options: OutboundHttpOptions): Dispatcher {
  const connector = buildConnector({ timeout: options.connectTimeoutMs ?? 10_000, lookup: checkedLookup(options) });
  return new Agent({
    connect(connectOptions, callback) {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
      const problem = hostProblem(host, options);
      if (problem) {
        callback(new OutboundRefusedError(`${host} ${problem}`), null);
        return;
      }
      connector(connectOptions, (error, socket) => {
        if (error) {
          callback(error, null);
          return;
        }
        // The address actually reached, whatever resolved it.
        const remote = socket.remoteAddress;
        const reached = remote === undefined ? `${host}: no remote address` : addressProblem(remote, options);
        if (reached) {
          socket.destroy();
          callback(new OutboundRefusedError(reached), null);
          return;
        }
        callback(null, socket);
      });
    },
  });
}

const dispatchers = new Map<string, Dispatcher>();

/** The shared dispatcher for a policy (one connection pool per mode). */
export function outboundDispatcher(options: OutboundOptions): Dispatcher {
  const key = options.allowPrivate ? "private" : "public";
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = createOutboundDispatcher(options);
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** The policy's reason when `error` (a fetch error or its cause) is a refusal, else null. */
export function refusalOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefusedError) return e.reason;
  }
  return null;
}

/** `fetch` through a checked dispatcher. */
export function outboundFetch(
  url: string,
  init: Parameters<typeof undiciFetch>[1] & { dispatcher: Dispatcher },
): ReturnType<typeof undiciFetch> {
  return undiciFetch(url, init);
}
