import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ProblemError, StoreUnavailableError, type FieldError } from "../errors.js";
import { loggableError } from "../logger.js";
import { localizedFieldMessage, localizedText, problemLanguage } from "../problem-language.js";
import { isConnectionError } from "../redis.js";
import { MESSAGE_PARTS, type LocalizableFieldError } from "./validate.js";

/** Base of every problem `type` URI; the code is appended (`…/problems/location-required`). */
export const PROBLEM_BASE = "https://voip-compliance.example/problems/";

/**
 * Writes an RFC 9457 problem details body, its title, detail and field messages in the
 * request's language (`Accept-Language`; English by default), said in `Content-Language`.
 */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  title: string,
  detail?: string,
  errors?: FieldError[],
  headers?: Record<string, string>,
): void {
  if (headers) res.set(headers);
  const lng = problemLanguage(res.req.headers["accept-language"]);
  const localizedErrors = errors?.map((error) => ({
    path: error.path,
    message:
      (error as LocalizableFieldError)[MESSAGE_PARTS]?.map((part) =>
        localizedFieldMessage(part.message, lng, part.issue),
      ).join("; ") ?? localizedFieldMessage(error.message, lng),
  }));
  res
    .status(status)
    .type("application/problem+json")
    .set("Content-Language", lng)
    .append("Vary", "Accept-Language")
    .send(
      JSON.stringify({
        type: PROBLEM_BASE + code,
        title: localizedText("titles", title, lng),
        status,
        detail: detail === undefined ? undefined : localizedText("details", detail, lng),
        ...(localizedErrors?.length ? { errors: localizedErrors } : {}),
      }),
    );
}

/** 404 for every path no route answered, as a problem like everything else. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, 404, "not-found", "Not found", `No route for ${req.method} ${req.path}.`);
};

/**
 * The one error handler: named errors become their problem; an unreachable Redis becomes 503 `store-unavailable`; anything else is a 500
 * logged with the request id and described to the client in no detail.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ProblemError) {
      sendProblem(res, error.status, error.code, error.title, error.message, error.errors, error.headers);
      return;
    }
    if (isConnectionError(error)) {
      const problem = new StoreUnavailableError();
      sendProblem(res, 503, problem.code, problem.title, problem.message, undefined, problem.headers);
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      sendProblem(res, status, "bad-request", "Bad request", "The request could not be read.");
      return;
    }
    logger.error({ error: loggableError(error), reqId: req.id }, "unhandled error");
    sendProblem(res, 500, "internal", "Internal error", `Something went wrong; quote request id ${String(req.id)}.`);
  };
}
