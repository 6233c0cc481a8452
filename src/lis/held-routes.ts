import type { Request, Response } from "express";
import getRawBody from "raw-body";
import { z } from "zod";
import { authenticateForEmergency } from "../auth/service.js";
import type { Api } from "../platform/http/route.js";
import { EmergencyPath } from "../platform/emergency-path.js";
import { ProblemError } from "../platform/errors.js";
import { sendProblem } from "../platform/http/problem.js";
import type { Principal } from "../platform/principal.js";
import { HELD_BODY_LIMIT, HeldError, readHeldRequest } from "./held-request.js";
import { answerLocationRequest, dereferenceLocationUri, heldErrorDocument } from "./held.js";
import { PIDF_CONTENT_TYPE } from "../locations/pidf.js";
import { problemSchema } from "../platform/openapi.js";

export const HELD_CONTENT_TYPE = "application/held+xml";
const XML_TYPES = /^(application\/held\+xml|application\/xml|text\/xml)$/i;
const BASIC = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i;
const BEARER = /^Bearer\s+(\S{1,512})\s*$/i;

/**
 * The key of a HELD request: `Authorization: Bearer <key>`, or HTTP Basic with the key as the
 * password (any user name) — SIP proxies configure a LIS as a URL with credentials in it.
 */
function presentedKey(req: Request): string | null {
  const header = req.headers.authorization ?? "";
  const bearer = BEARER.exec(header);
  if (bearer) return bearer[1]!;
  const basic = BASIC.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

const CHALLENGE = { "WWW-Authenticate": 'Basic realm="held", Bearer' };

/** 401/403/503 as problems: HTTP-level refusals, before any HELD is read. */
async function authorise(api: Api, req: Request, path: EmergencyPath): Promise<Principal> {
  const key = presentedKey(req);
  if (!key)
    throw new ProblemError(
      401,
      "unauthorized",
      "Unauthorized",
      "A routing or admin key is required.",
      undefined,
      CHALLENGE,
    );
  const principal = await authenticateForEmergency(api.ctx, key, path);
  if (principal.role !== "routing" && principal.role !== "admin")
    throw new ProblemError(403, "forbidden", "Forbidden", `Role ${principal.role} may not ask for locations.`);
  return principal;
}

/** A HELD answer as it is: no Express `send` (its content checks show on this hot path). */
function sendHeld(res: Response, body: string | Buffer): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(200, {
    "Content-Type": HELD_CONTENT_TYPE,
    "Content-Length": bytes.length,
    "Cache-Control": "no-store",
  });
  res.end(bytes);
}

/**
 * HELD (RFC 5985) at `POST /held`: an emergency answer, so never rate-limited (an open route of
 * the table: it checks its own credentials and skips the keyed gate and its limiter), every store call within the emergency path's deadline, and
 * every failure a HELD `error` document in a 200 (RFC 5985 §10: the HTTP status says the HELD
 * message arrived; the HELD error says what went wrong), never a 5xx.
 */
export function heldRoutes(api: Api): void {
  api.routes.addOpen("post", "/held", "heldLocationRequest", (req, res, next) => {
    const path = new EmergencyPath(req.receivedAt);
    authorise(api, req, path)
      .then(async () => {
        const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
        if (!XML_TYPES.test(type)) throw new HeldError("requestError", `Send ${HELD_CONTENT_TYPE}.`);
        let raw: Buffer;
        try {
          raw = await getRawBody(req, { limit: HELD_BODY_LIMIT, length: req.headers["content-length"] });
        } catch (error) {
          if ((error as { type?: string }).type === "entity.too.large") {
            res.set("Connection", "close");
            throw new HeldError("requestError", `The request is larger than ${HELD_BODY_LIMIT} bytes.`);
          }
          throw new HeldError("requestError", "The request body could not be read.");
        }
        const request = readHeldRequest(raw.toString("utf8"));
        const baseUrl = `${req.protocol}://${req.get("host") ?? "localhost"}`;
        sendHeld(res, await answerLocationRequest(api.ctx, request, { baseUrl, path }));
      })
      .catch((error: unknown) => {
        if (error instanceof HeldError) {
          sendHeld(res, heldErrorDocument(error));
          return;
        }
        if (error instanceof ProblemError && error.status < 500) {
          next(error);
          return;
        }
        // Never a 5xx on the emergency path: the proxy goes on without a location.
        api.ctx.logger.error({ err: error, requestId: req.id }, "HELD answer failed");
        sendHeld(res, heldErrorDocument(new HeldError("generalLisError", "The LIS could not answer.")));
      });
  });

  api.routes.addOpen("get", "/held/locations/{token}", "dereferenceLocationUri", (req, res, next) => {
    const path = new EmergencyPath(req.receivedAt);
    authorise(api, req, path)
      .then(async () => {
        const token = req.params.token;
        const pidf = await dereferenceLocationUri(api.ctx, typeof token === "string" ? token : "", path);
        if (!pidf) {
          sendProblem(res, 404, "not-found", "Not found", "No such location URI, or it has expired.");
          return;
        }
        res.status(200).type(PIDF_CONTENT_TYPE).set("Cache-Control", "no-store").send(pidf);
      })
      .catch(next);
  });

  const xml = z.string().describe("XML");
  const problem = (description: string) => ({
    description,
    content: { "application/problem+json": { schema: problemSchema } },
  });
  api.registry.registerPath({
    method: "post",
    path: "/held",
    operationId: "heldLocationRequest",
    tags: ["Location Information Server"],
    summary: "HELD locationRequest (RFC 5985, device identity RFC 6155)",
    description:
      "Authenticated by a routing or admin key as Bearer or HTTP Basic password. Identities `uri` (sip:, sips:, tel:) and `ip`. " +
      "Answers `locationResponse` with PIDF-LO by value and, when `locationURI` is asked for, a `locationUriSet`; every HELD failure is an `error` document in a 200 " +
      "(`locationUnknown`, `xmlError`, `requestError`, `unsupportedMessage`, `cannotProvideLiType`, `badIdentifier`, `generalLisError`). Bodies over 64 KB and any DTD are refused. Never rate-limited.",
    security: [{ bearer: [] }],
    request: { body: { content: { [HELD_CONTENT_TYPE]: { schema: xml } } } },
    responses: {
      200: { description: "locationResponse or error", content: { [HELD_CONTENT_TYPE]: { schema: xml } } },
      401: problem("No valid key"),
      403: problem("Not a routing or admin key"),
    },
  });
  api.registry.registerPath({
    method: "get",
    path: "/held/locations/{token}",
    operationId: "dereferenceLocationUri",
    tags: ["Location Information Server"],
    summary: "Dereference a HELD location URI until it expires",
    security: [{ bearer: [] }],
    request: { params: z.object({ token: z.string().describe("The URI's unguessable token") }) },
    responses: {
      200: { description: "The device's location now", content: { [PIDF_CONTENT_TYPE]: { schema: xml } } },
      401: problem("No valid key"),
      403: problem("Not a routing or admin key"),
      404: problem("Unknown or expired"),
    },
  });
}
