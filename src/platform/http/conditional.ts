import type { Request, Response } from "express";
import { PreconditionFailedError } from "../errors.js";
import { sendJson } from "./send-json.js";

/**
 * The version a client sent in `If-Match` (`"3"` or `W/"3"`), `"*"` for any, or undefined when
 * absent. A value that is not one of ours can never match, so it is reported as -1.
 */
export function ifMatchVersion(req: Request): number | "*" | undefined {
  const header = req.get("if-match");
  if (header === undefined) return undefined;
  if (header.trim() === "*") return "*";
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

/** Throws 412 when the request's If-Match does not name `current`. */
export function assertIfMatch(expected: number | "*" | undefined, current: number): void {
  if (expected === undefined || expected === "*") return;
  if (expected !== current) throw new PreconditionFailedError(current);
}

/** Sends a versioned resource with its ETag. */
export function sendVersioned(res: Response, status: number, body: unknown, version: number): void {
  sendJson(res, status, JSON.stringify(body), `"${version}"`);
}

/**
 * Sends a stored JSON document with its `version` added and its ETag, without parsing it: the
 * document is an object literal, so `version` can be appended before its closing brace.
 */
export function sendStoredJson(res: Response, found: { version: number; json: string }): void {
  const body = `${found.json.slice(0, -1)},"version":${found.version}}`;
  sendJson(res, 200, body, `"${found.version}"`);
}
