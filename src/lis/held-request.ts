import { SaxesParser } from "saxes";

/**
 * Reading a HELD `locationRequest` (RFC 5985 §6.1) with device identities (RFC 6155 §3) — with a
 * streaming XML parser that never loads a DTD: a request carrying a document type declaration is
 * refused outright, so no entity can be declared (no XXE, no "billion laughs"), and only XML's
 * five predefined entities are ever expanded. Element count and depth are bounded too.
 */

export const HELD_NS = "urn:ietf:params:xml:ns:geopriv:held";
export const HELD_ID_NS = "urn:ietf:params:xml:ns:geopriv:held:id";

/** Bodies past this are refused unread: a locationRequest is a few hundred bytes. */
export const HELD_BODY_LIMIT = 64 * 1024;
const MAX_ELEMENTS = 200;
const MAX_DEPTH = 16;

export type LocationTypeToken = "any" | "civic" | "geodetic" | "locationURI";

export interface HeldRequest {
  locationTypes: LocationTypeToken[];
  exact: boolean;
  /** `emergencyRouting`, `emergencyDispatch` or milliseconds; null when absent. */
  responseTime: "emergencyRouting" | "emergencyDispatch" | number | null;
  /** RFC 6155 identities, in document order. */
  identities: { type: string; value: string; attributes: Record<string, string> }[];
  /** True when a `device` element was present. */
  hasDevice: boolean;
}

/** RFC 5985 §4.3 error codes (and RFC 6155's for identities) this LIS sends. */
export type HeldErrorCode =
  | "requestError"
  | "xmlError"
  | "generalLisError"
  | "locationUnknown"
  | "unsupportedMessage"
  | "timeout"
  | "cannotProvideLiType"
  | "notLocatable"
  | "badIdentifier";

export class HeldError extends Error {
  constructor(
    readonly code: HeldErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const LOCATION_TYPES = new Set<string>(["any", "civic", "geodetic", "locationURI"]);

/** Parses the body; throws `HeldError` (`xmlError`, `requestError`, `unsupportedMessage`). */
export function parseHeldRequest(body: string): HeldRequest {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const result: HeldRequest = { locationTypes: [], exact: false, responseTime: null, identities: [], hasDevice: false };
  const stack: { ns: string; local: string; attributes: Record<string, string> }[] = [];
  let text = "";
  let elements = 0;
  let root: { ns: string; local: string } | null = null;
  const failures: HeldError[] = [];
  const fail = (error: HeldError) => {
    failures.push(error);
  };

  parser.on("doctype", () => {
    fail(new HeldError("xmlError", "Document type declarations are not accepted."));
  });
  parser.on("error", (error) => {
    fail(new HeldError("xmlError", `Not well-formed XML: ${error.message.slice(0, 120)}`));
  });
  parser.on("opentag", (tag) => {
    elements++;
    if (elements > MAX_ELEMENTS || stack.length >= MAX_DEPTH) {
      fail(new HeldError("requestError", "The request has too many elements."));
      return;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (typeof attribute === "object") attributes[attribute.local] = attribute.value;
    }
    const element = { ns: tag.uri, local: tag.local, attributes };
    if (!root) root = element;
    stack.push(element);
    text = "";
  });
  parser.on("text", (chunk) => {
    if (text.length < 4096) text += chunk;
  });
  parser.on("closetag", () => {
    const element = stack.pop();
    if (!element) return;
    const parent = stack.at(-1);
    if (element.ns === HELD_NS && element.local === "locationType" && parent?.local === "locationRequest") {
      for (const token of text.trim().split(/\s+/).filter(Boolean)) {
        if (!LOCATION_TYPES.has(token))
          fail(new HeldError("requestError", `Unknown locationType ${token.slice(0, 40)}.`));
        else result.locationTypes.push(token as LocationTypeToken);
      }
      const exact = element.attributes.exact;
      if (exact !== undefined) {
        if (!["true", "false", "1", "0"].includes(exact))
          fail(new HeldError("requestError", "locationType/@exact must be true or false."));
        result.exact = exact === "true" || exact === "1";
      }
    } else if (element.ns === HELD_ID_NS && element.local === "device") {
      result.hasDevice = true;
    } else if (parent && parent.ns === HELD_ID_NS && parent.local === "device") {
      result.identities.push({ type: element.local, value: text.trim(), attributes: element.attributes });
    }
    text = "";
  });

  try {
    parser.write(body).close();
  } catch (error) {
    fail(new HeldError("xmlError", `Not well-formed XML: ${(error as Error).message.slice(0, 120)}`));
  }
  if (failures.length > 0) throw failures[0]!;
  const top = root as { ns: string; local: string; attributes?: Record<string, string> } | null;
  if (!top) throw new HeldError("xmlError", "The body is empty.");
  if (top.ns !== HELD_NS) throw new HeldError("xmlError", "The document is not in the HELD namespace.");
  if (top.local !== "locationRequest")
    throw new HeldError("unsupportedMessage", `This LIS answers locationRequest only, not ${top.local.slice(0, 40)}.`);
  const responseTime = top.attributes?.responseTime;
  if (responseTime !== undefined) {
    if (responseTime === "emergencyRouting" || responseTime === "emergencyDispatch") result.responseTime = responseTime;
    else if (/^\d{1,9}$/.test(responseTime)) result.responseTime = Number(responseTime);
    else
      throw new HeldError("requestError", "responseTime must be emergencyRouting, emergencyDispatch or milliseconds.");
  }
  if (result.locationTypes.length === 0) result.locationTypes = ["any"];
  return result;
}

/**
 * Parsed requests by body: a SIP proxy sends the same few hundred bytes for a device on every
 * call, and parsing showed as ~5 % of a HELD answer. Only successful parses of small bodies are
 * kept (an error is cheap to find again), frozen so that no caller can change a shared one.
 */
const PARSED_CACHE_SIZE = 5_000;
const PARSED_BODY_MAX = 2_048;
const parsed = new Map<string, Readonly<HeldRequest>>();

/** `parseHeldRequest`, remembering what small bodies parsed to. */
export function readHeldRequest(body: string): Readonly<HeldRequest> {
  const hit = parsed.get(body);
  if (hit) return hit;
  const request = parseHeldRequest(body);
  if (body.length > PARSED_BODY_MAX) return request;
  for (const identity of request.identities) Object.freeze(Object.freeze(identity).attributes);
  Object.freeze(request.identities);
  Object.freeze(request.locationTypes);
  if (parsed.size >= PARSED_CACHE_SIZE) {
    const oldest = parsed.keys().next().value;
    if (oldest !== undefined) parsed.delete(oldest);
  }
  parsed.set(body, Object.freeze(request));
  return request;
}
