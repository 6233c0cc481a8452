import { describe, expect, it } from "vitest";
import { summarizeProfile, type CpuProfile } from "../../bench/profile-summary.js";

describe("the profile summary of npm run profile", () => {
  it("adds up self time by package, Node module and our file, largest first", () => {
    const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
      id,
      callFrame: { functionName, url, lineNumber: 9 },
      children,
    });
    const profile: CpuProfile = {
      nodes: [
        frame(1, "(root)", "", [2, 3, 4, 5]),
        frame(2, "handle", "file:///app/node_modules/router/index.js"),
        frame(3, "readJsonBody", "file:///app/dist/src/platform/http/json-body.js"),
        frame(4, "writeHead", "node:_http_server"),
        frame(5, "(garbage collector)", ""),
      ],
      samples: [2, 2, 3, 4, 5, 2],
      timeDeltas: [10, 10, 20, 5, 5, 10],
    };
    const { byOwner, byFunction } = summarizeProfile(profile);
    expect(byOwner).toEqual([
      { name: "router", share: 0.5 },
      { name: "src/platform/http/json-body.js", share: 1 / 3 },
      { name: "node:_http_server", share: 1 / 12 },
      { name: "(garbage collector)", share: 1 / 12 },
    ]);
    expect(byFunction[0]).toEqual({ name: "handle router:10", share: 0.5 });
  });
});
