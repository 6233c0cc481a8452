import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The arrows of the house (docs/architecture.md): the file rules of .dependency-cruiser.cjs, and
 * one rule dependency-cruiser cannot say — no cycle between components (folders under src/),
 * counting type-only imports, since a component that needs another's types and vice versa is one
 * component or needs a callback seam (see src/devices/write-listeners.ts).
 */
interface Cruised {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

// The package exports no bin path; vitest runs from the project root.
const bin = join(process.cwd(), "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const cruised = JSON.parse(
  execFileSync(
    process.execPath,
    [bin, "src", "workers", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  ),
) as Cruised;

/** `src/devices/service.ts` → `devices`; top-level files (composition roots) are their own node. */
function component(path: string): string {
  const parts = path.split("/");
  return parts[0] === "src" ? parts[1]! : parts[0]!;
}

/** Components in a cycle, by Tarjan's strongly connected components. */
export function componentCycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) members.push(w);
      if (members.length > 1) cycles.push(members.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe("the arrows", () => {
  it("breaks none of the file rules (platform below components, pure rules without I/O, stores private, edges apart)", () => {
    const violations = cruised.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
  });

  it("has no cycle between components", () => {
    const edges = new Map<string, Set<string>>();
    for (const module of cruised.modules) {
      if (!/^(src|workers)\//.test(module.source)) continue;
      const from = component(module.source);
      for (const dependency of module.dependencies) {
        if (!/^(src|workers)\//.test(dependency.resolved)) continue;
        const to = component(dependency.resolved);
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(edges.size).toBeGreaterThan(10);
    expect(componentCycles(edges)).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const edges = new Map([
      ["devices", new Set(["search"])],
      ["search", new Set(["devices", "platform"])],
      ["platform", new Set<string>()],
    ]);
    expect(componentCycles(edges)).toEqual([["devices", "search"]]);
  });
});
