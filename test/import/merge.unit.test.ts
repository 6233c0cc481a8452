import { describe, expect, it } from "vitest";
import { addressDiff, mergedAddress, repeatedTargets } from "../../src/import/merge.js";

describe("mergedAddress", () => {
  const current = { country: "US", city: "Austin", street: "Congress", unit: "400", postalCode: "78701-4042" };
  it("merge: the row's non-empty cells win, every other field is kept", () => {
    expect(mergedAddress(current, { street: "Lamar", unit: "" }, "merge")).toEqual({
      country: "US",
      city: "Austin",
      street: "Lamar",
      unit: "400",
      postalCode: "78701-4042",
    });
  });
  it("replace: only the row's cells", () => {
    expect(mergedAddress(current, { country: "US", city: "Austin" }, "replace")).toEqual({
      country: "US",
      city: "Austin",
    });
  });
  it("a device without a location takes the row as it is", () => {
    expect(mergedAddress(null, { country: "US", city: "Austin" }, "merge")).toEqual({ country: "US", city: "Austin" });
  });
});

describe("addressDiff", () => {
  it("lists changed fields in civic-address order, null for no value", () => {
    expect(
      addressDiff({ country: "US", city: "Austin", unit: "4" }, { country: "US", city: "Dallas", room: "2" }),
    ).toEqual([
      { field: "city", before: "Austin", after: "Dallas" },
      { field: "unit", before: "4", after: null },
      { field: "room", before: null, after: "2" },
    ]);
    expect(addressDiff({ country: "US" }, { country: "US" })).toEqual([]);
  });
});

describe("repeatedTargets", () => {
  it("keeps the targets named by two rows or more, with their rows", () => {
    const found = repeatedTargets([
      { row: 2, target: "a/1" },
      { row: 3, target: "a/2" },
      { row: 4, target: null },
      { row: 5, target: "a/1" },
    ]);
    expect([...found]).toEqual([["a/1", [2, 5]]]);
  });
});
