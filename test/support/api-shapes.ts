import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

/**
 * Checks every answer the suite receives against the service's own OpenAPI document: a 2xx body
 * against the operation's declared response schema, a problem against the Problem schema. Objects
 * in the document are read as closed (`additionalProperties: false` unless they say otherwise), so
 * a field the service sends but the document does not declare fails the test that received it.
 * This is an independent reading of `/openapi.json` (JSON Schema 2020-12 with Ajv), not the zod
 * schemas the service validates with.
 */
export interface ShapeCheck {
  /** Throws with the offending path when `body` is not what the document promises. */
  check(method: string, path: string, status: number, contentType: string, body: unknown): void;
}

type JsonObject = Record<string, unknown>;

interface Operation {
  method: string;
  pattern: RegExp;
  /** Fewer parameters = more specific: `/devices/search` before `/devices/{deviceId}`. */
  params: number;
  template: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** A deep copy in which every object schema without its own rule for extra fields is closed. */
function closeObjects(node: unknown, inComposition = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item, inComposition));
  if (!node || typeof node !== "object") return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    // allOf branches are closed together below, not one by one (each would refuse the other's fields).
    copy[key] = closeObjects(value, key === "allOf");
  }
  const isObject = copy.type === "object" || (copy.properties !== undefined && copy.type === undefined);
  if (isObject && !inComposition && !("additionalProperties" in copy) && !("allOf" in copy))
    copy.additionalProperties = false;
  if ("allOf" in copy && !("unevaluatedProperties" in copy)) copy.unevaluatedProperties = false;
  return copy;
}

function toPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

function describe(errors: ValidateFunction["errors"]): string {
  return (errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || "(body)"} ${e.message ?? ""}${"additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}${"unevaluatedProperty" in e.params ? `: ${String(e.params.unevaluatedProperty)}` : ""}`,
    )
    .join("; ");
}

/** Reads the document once and compiles validators as operations are met. */
export function shapeCheck(document: JsonObject): ShapeCheck {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const components = closeObjects(document.components ?? {});
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries((document.paths ?? {}) as Record<string, JsonObject>)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = (operation as { responses?: Operation["responses"] }).responses ?? {};
      operations.push({
        method: method.toUpperCase(),
        pattern: toPattern(template),
        params: (template.match(/\{/g) ?? []).length,
        template,
        responses,
      });
    }
  }
  operations.sort((a, b) => a.params - b.params);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (id: string, schema: unknown): ValidateFunction => {
    let validate = compiled.get(id);
    if (!validate) {
      validate = ajv.compile({ ...(closeObjects(schema) as JsonObject), components });
      compiled.set(id, validate);
    }
    return validate;
  };
  const problem = (components as JsonObject & { schemas?: JsonObject }).schemas?.Problem;

  return {
    check(method, path, status, contentType, body) {
      const bare = path.split("?")[0]!;
      const lookup = method === "HEAD" ? "GET" : method;
      const operation = operations.find((op) => op.method === lookup && op.pattern.test(bare));
      const type = contentType.split(";")[0]!.trim();
      if (type === "application/problem+json") {
        if (!problem) throw new Error("the document has no Problem schema");
        const validate = validator("Problem", problem);
        if (!validate(body))
          throw new Error(`${method} ${path} → ${status}: not a Problem: ${describe(validate.errors)}`);
        return;
      }
      if (!operation || status < 200 || status >= 300 || method === "HEAD") return;
      const response = operation.responses[String(status)];
      if (!response)
        throw new Error(`${method} ${operation.template} answered ${status}, which the document does not declare`);
      if (!type.includes("json")) return;
      const schema = response.content?.[type]?.schema ?? response.content?.["application/json"]?.schema;
      if (schema === undefined) {
        if (body === "" || body === undefined) return;
        throw new Error(`${method} ${operation.template} → ${status}: a JSON body the document does not describe`);
      }
      const validate = validator(`${method} ${operation.template} ${status}`, schema);
      if (!validate(body)) {
        throw new Error(`${method} ${path} → ${status}: body differs from the document: ${describe(validate.errors)}`);
      }
    },
  };
}
