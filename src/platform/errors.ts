/**
 * Domain and edge errors as small named classes. Code anywhere throws these; the one error
 * middleware (`problem.ts`) turns them into RFC 9457 problem details. The `code` becomes the
 * last segment of the problem `type` URI.
 */
export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `address.postalCode`. */
  path: string;
  message: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export class ValidationError extends ProblemError {
  constructor(errors: FieldError[], detail = "The request has invalid fields.", code = "validation-failed") {
    super(400, code, "Invalid request", detail, errors);
  }
}

export class InvalidAddressError extends ProblemError {
  constructor(errors: FieldError[]) {
    super(400, "invalid-address", "Invalid address", "The address does not meet the rules of its country.", errors);
  }
}

export class NotFoundError extends ProblemError {
  constructor(what = "resource") {
    super(404, "not-found", "Not found", `No such ${what}.`);
  }
}

export class UnauthorizedError extends ProblemError {
  constructor(detail = "A valid API key is required (Authorization: Bearer <key>).") {
    super(401, "unauthorized", "Unauthorized", detail, undefined, { "WWW-Authenticate": "Bearer" });
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail = "This key's role may not do this.") {
    super(403, "forbidden", "Forbidden", detail);
  }
}

export class PreconditionFailedError extends ProblemError {
  constructor(current: number) {
    super(
      412,
      "precondition-failed",
      "Precondition failed",
      `If-Match does not match the current version (${current}).`,
    );
  }
}

export class ConflictError extends ProblemError {
  constructor(code: string, title: string, detail: string, errors?: FieldError[]) {
    super(409, code, title, detail, errors);
  }
}

export class LocationRequiredError extends ConflictError {
  /** @param errors - every unmet activation requirement (this one first), when there are several */
  constructor(errors?: FieldError[]) {
    super(
      "location-required",
      "Location required",
      "A device cannot be activated before its physical location is registered.",
      errors,
    );
  }
}

export class AcknowledgementRequiredError extends ConflictError {
  constructor(policy: string, version: string, errors?: FieldError[]) {
    super(
      "acknowledgement-required",
      "Acknowledgement required",
      `The account has not acknowledged the ${policy} policy, version ${version}, for the device's service country.`,
      errors,
    );
  }
}

export class StoreUnavailableError extends ProblemError {
  constructor() {
    super(
      503,
      "store-unavailable",
      "Store unavailable",
      "The data store cannot be reached; try again shortly.",
      undefined,
      { "Retry-After": "1" },
    );
  }
}
