import { describe, expect, it } from "vitest";
import { declareApi } from "../../src/app.js";
import type { Context } from "../../src/platform/context.js";
import { openApiDocument } from "../../src/platform/openapi.js";
import { shapeCheck } from "../support/api-shapes.js";

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; description?: string }[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};

// Declaring the routes reads nothing from the context (the same call `npm run gen:api` makes).
const document = openApiDocument(declareApi({} as Context).registry) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
);

describe("the OpenAPI document", () => {
  it("names every operation, uniquely", () => {
    expect(operations.filter(({ op }) => !op.operationId).map(({ name }) => name)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes every parameter", () => {
    const bare = operations.flatMap(({ name, op }) =>
      (op.parameters ?? []).filter((p) => !p.description).map((p) => `${name} ${p.in}:${p.name}`),
    );
    expect(bare).toEqual([]);
  });

  it("gives every error answer a problem body", () => {
    const bodiless = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status, response]) => Number(status) >= 400 && !response.content?.["application/problem+json"])
        .map(([status]) => `${name} ${status}`),
    );
    expect(bodiless).toEqual([]);
  });
});

describe("the response-shape check the suite runs on every answer", () => {
  const check = shapeCheck(document);
  const port = {
    id: "port_1",
    accountId: "a",
    numbers: ["+4930123456"],
    country: "DE",
    region: null,
    timeZone: "Europe/Berlin",
    donorProvider: "d",
    status: "awaiting_requirements",
    requirements: {},
    agreedDate: null,
    agreedDateHistory: [],
    deadline: null,
    completedAt: null,
    completedOnTime: null,
    consent: null,
    compensation: null,
    createdAt: "t",
    createdBy: "k",
    updatedAt: "t",
    updatedBy: "k",
    version: 1,
  };
  const path = "/v1/accounts/a/port-requests/port_1";

  it("accepts a body as documented", () => {
    expect(() => check.check("GET", path, 200, "application/json", port)).not.toThrow();
  });
  it("refuses a field the document does not declare", () => {
    expect(() => check.check("GET", path, 200, "application/json", { ...port, secret: "x" })).toThrow(/secret/);
  });
  it("refuses a missing required field and a wrong type", () => {
    const { createdBy: _, ...missing } = port;
    expect(() => check.check("GET", path, 200, "application/json", missing)).toThrow(/createdBy/);
    expect(() => check.check("GET", path, 200, "application/json", { ...port, version: "1" })).toThrow(/version/);
  });
  it("refuses an undeclared success status and a problem that is not one", () => {
    expect(() => check.check("GET", path, 202, "application/json", port)).toThrow(/does not declare/);
    expect(() => check.check("GET", path, 404, "application/problem+json", { title: "x" })).toThrow(/Problem/);
  });
});
