import type { z } from "zod";
import { ValidationError, type FieldError } from "../errors.js";

/** Turns zod issues into the contract's `errors[]`, one entry per offending field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldError[] {
  // A field can break several rules (too long and wrong characters): one entry, messages joined.
  const byPath = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const messages = byPath.get(path) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byPath.set(path, messages);
  };
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, "unknown field");
    } else {
      add(base || "(body)", issue.message);
    }
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join("; ") }));
}

/**
 * Parses `value` with `schema` or throws a 400 problem naming every bad field.
 * @param where `body`, `query` or `params`: says in the detail which part of the request is wrong.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = "body", prefix = ""): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error.issues, prefix), `The request ${where} has invalid fields.`);
}
