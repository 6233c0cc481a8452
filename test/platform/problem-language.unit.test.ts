import { describe, expect, it } from "vitest";
import { localizedText, problemLanguage } from "../../src/platform/problem-language.js";

describe("problemLanguage (Accept-Language)", () => {
  it("picks by q-value, exact tag first, then the primary language", () => {
    expect(problemLanguage(undefined)).toBe("en");
    expect(problemLanguage("de-DE,de;q=0.9")).toBe("de");
    expect(problemLanguage("nl;q=0.2, fr;q=0.8")).toBe("fr");
    expect(problemLanguage("pt-PT")).toBe("pt-BR");
    expect(problemLanguage("pt-br")).toBe("pt-BR");
    expect(problemLanguage("ja, *;q=0.1")).toBe("en");
    expect(problemLanguage("de;q=0")).toBe("en");
  });
});

describe("localizedText", () => {
  it("re-writes a known English message with the values it carried", () => {
    expect(localizedText("fields", "must be at most 20 characters", "nl")).toBe("mag hoogstens 20 tekens lang zijn");
    expect(localizedText("details", "If-Match does not match the current version (4).", "de")).toBe(
      "If-Match passt nicht zur aktuellen Fassung (4).",
    );
  });
  it("leaves English, and an unknown message, as they are", () => {
    expect(localizedText("fields", "is required", "en")).toBe("is required");
    expect(localizedText("fields", "something nobody wrote a template for", "de")).toBe(
      "something nobody wrote a template for",
    );
  });
});
