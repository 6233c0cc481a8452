import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICIES, POLICY_NAMES, policyForCountry } from "../../src/disclosures/policies.js";
import { policyTextHash } from "../../src/disclosures/text-hash.js";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { SUPPORTED_LOCALES } from "../../src/platform/locales.js";
import { startService, type TestService } from "../support/service.js";

describe("policy texts", () => {
  it.each(POLICY_NAMES)(
    "%s: the texts match the version customers acknowledge (change a text → bump its version and hash)",
    (policy) => {
      expect(policyTextHash(policy)).toBe(POLICIES[policy].textHash);
    },
  );

  it("uses the 911 policy in North America and the supplement's limitations elsewhere", () => {
    expect(policyForCountry("US")).toBe("911-service-availability");
    expect(policyForCountry("CA")).toBe("911-service-availability");
    for (const country of COVERED_COUNTRIES.filter((c) => c !== "US" && c !== "CA"))
      expect(policyForCountry(country)).toBe("emergency-limitations");
  });
});

describe("GET /v1/disclosures/{country}", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startService();
  });
  afterAll(async () => {
    await service.close();
  });

  it.each(SUPPORTED_LOCALES)("serves the localized text with the country's emergency numbers (%s)", async (locale) => {
    const gb = await service.request("GET", `/v1/disclosures/GB?locale=${locale}`);
    expect(gb.status).toBe(200);
    expect(gb.body).toMatchObject({
      country: "GB",
      locale,
      policy: "emergency-limitations",
      version: POLICIES["emergency-limitations"].version,
    });
    expect(gb.body.text).toContain("999");
    expect(gb.body.text).toContain("112");
    expect(gb.body.text).not.toMatch(/\{\{|\}\}/);
    const us = await service.request("GET", `/v1/disclosures/US?locale=${locale}`);
    expect(us.body.policy).toBe("911-service-availability");
    expect(us.body.text).toContain("911");
  });

  it("writes the texts in the requested language", async () => {
    const de = await service.request("GET", "/v1/disclosures/DE?locale=de");
    const fr = await service.request("GET", "/v1/disclosures/DE?locale=fr");
    expect(de.body.text).toContain("Deutschland");
    expect(fr.body.text).toContain("Allemagne");
    expect(de.body.text).not.toBe(fr.body.text);
  });

  it("refuses an unknown country or locale naming the field", async () => {
    const uk = await service.request("GET", "/v1/disclosures/UK");
    expect(uk.status).toBe(400);
    expect(uk.body.errors[0].path).toBe("country");
    const xx = await service.request("GET", "/v1/disclosures/GB?locale=xx");
    expect(xx.status).toBe(400);
    expect(xx.body.errors[0].path).toBe("locale");
  });
});
