import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { BAD_ADDRESSES, GOOD_ADDRESSES } from "../support/addresses.js";
import { accountBody } from "../support/fixtures.js";

/** A valid phone number per country, for devices whose service country it is. */
const CALLBACK: Record<string, string> = {
  US: "+14155550100",
  CA: "+14165550123",
  GB: "+442079460000",
  IE: "+35312345678",
  DE: "+49891234567",
  AU: "+61291234567",
  BR: "+551133334444",
  AT: "+4312345678",
  BE: "+32450001234",
  BG: "+35921234567",
  CY: "+35722123456",
  CZ: "+420212345678",
  DK: "+4532123456",
  EE: "+3726123456",
  ES: "+34912345678",
  FI: "+358912345678",
  FR: "+33123456789",
  GR: "+302101234567",
  HR: "+38512345678",
  HU: "+3612345678",
  IT: "+390612345678",
  LT: "+37052123456",
  LU: "+352628123456",
  LV: "+37167123456",
  MT: "+35621234567",
  NL: "+31201234567",
  PL: "+48221234567",
  PT: "+351212345678",
  RO: "+40212345678",
  SE: "+4681234567",
  SI: "+38612345678",
  SK: "+421912123456",
};

let service: TestService;
beforeAll(async () => {
  service = await startService();
  await service.request("PUT", "/v1/accounts/addr", { body: accountBody() });
});
afterAll(async () => {
  await service.close();
});

async function deviceIn(country: string, id: string): Promise<string> {
  const path = `/v1/accounts/addr/devices/${id}`;
  const reply = await service.request("PUT", path, {
    body: { type: "softphone", callbackNumber: CALLBACK[country], serviceCountry: country },
  });
  expect(reply.status, `${country}: ${reply.text}`).toBe(201);
  return path;
}

describe("per-country address validation through the API", () => {
  it.each(GOOD_ADDRESSES.map((c) => [c.expected.country, c] as const))(
    "accepts a %s address, normalised, with a display line and time zone",
    async (country, { input, expected }) => {
      const path = await deviceIn(country, `good-${country}`);
      const reply = await service.request("PUT", `${path}/location`, { body: { address: input } });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.address).toEqual(expected);
      expect(reply.body.displayLine.length).toBeGreaterThan(0);
      expect(reply.body.displayLine.length).toBeLessThanOrEqual(60);
      expect(reply.body.timeZone).toMatch(/^[A-Za-z]+\/[A-Za-z_/-]+$/);
    },
  );

  it.each(BAD_ADDRESSES.map((c) => [String(c.input.country).toUpperCase(), c] as const))(
    "refuses a bad %s address naming the field, saving nothing",
    async (country, { input, paths }) => {
      const path = await deviceIn(country, `bad-${country}`);
      const reply = await service.request("PUT", `${path}/location`, { body: { address: input } });
      expect(reply.status).toBe(400);
      expect(reply.body.type).toMatch(/invalid-address$/);
      expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        paths.map((p) => `address.${p}`).sort(),
      );
      expect((await service.request("GET", path)).body.location).toBeNull();
    },
  );
});
