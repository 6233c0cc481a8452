import type { z } from "zod";
import { ValidationError, type FieldError } from "../errors.js";

/** One message of a field error with the zod issue it came from (for its translation). */
export interface FieldMessagePart {
  message: string;
  issue?: z.core.$ZodIssue;
}

/**
 * The parts a field error's message was joined from, kept off the JSON (not enumerable) so the
 * problem can be written in the request's language (problem-language.ts).
 */
export const MESSAGE_PARTS = Symbol("message parts");
export type LocalizableFieldError = FieldError & { [MESSAGE_PARTS]?: FieldMessagePart[] };

/** Turns zod issues into the contract's `errors[]`, one entry per offending field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldError[] {
  // A field can break several rules (too long and wrong characters): one entry, messages joined.
  const byPath = new Map<string, FieldMessagePart[]>();
  const add = (path: string, message: string, issue?: z.core.$ZodIssue) => {
    const messages = byPath.get(path) ?? [];
    if (!messages.some((m) => m.message === message)) messages.push({ message, issue });
    byPath.set(path, messages);
  };
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, "unknown field");
    } else {
      add(base || "(body)", issue.message, issue);
    }
  }
  return [...byPath].map(([path, parts]) => {
    const error: LocalizableFieldError = { path, message: parts.map((p) => p.message).join("; ") };
    // Symbol keys are left out by JSON.stringify: the parts never reach the client as such.
    error[MESSAGE_PARTS] = parts;
    return error;
  });
}

/**
 * Parses `value` with `schema` or throws a 400 problem naming every bad field.
 * @param where `body`, `query` or `params`: says in the detail which part of the request is wrong.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = "body", prefix = ""): z.output<S> {
  // reportInput: zod's message for an issue can then be re-made in another language, as it was.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error.issues, prefix), `The request ${where} has invalid fields.`);
}
