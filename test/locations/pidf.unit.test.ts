import { pidfValidator } from "../support/pidf-validator.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CIVIC_FIELDS, type CivicAddress } from "../../src/addresses/civic-fields.js";
import { deviceUrn, pidfLo } from "../../src/locations/pidf.js";

const VALIDATOR = pidfValidator();
// The validator needs xmllint (libxml2-utils, installed by .ci/run); without it these tests fail.

const dir = mkdtempSync(join(tmpdir(), "pidf-lo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(name: string, xml: string): { status: number | null; output: string } {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml, "utf8");
  const run = spawnSync(VALIDATOR, [file], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const TIMESTAMP = "2026-03-02T09:30:00Z";

const ADDRESSES: Record<string, CivicAddress> = {
  US: {
    country: "US",
    region: "US-NY",
    county: "New York",
    city: "New York",
    preDirectional: "W",
    street: "34th",
    streetSuffix: "St",
    houseNumber: "350",
    floor: "12",
    unit: "1204",
    postalCode: "10001",
    name: "Example Corp",
  },
  CA: {
    country: "CA",
    region: "CA-QC",
    city: "Montréal",
    street: "Rue Sainte-Catherine",
    streetSuffix: "O",
    houseNumber: "1000",
    postalCode: "H3B 1A7",
    floor: "5",
  },
  GB: {
    country: "GB",
    region: "GB-LND",
    city: "London",
    street: "Baker Street",
    houseNumber: "221",
    houseNumberSuffix: "B",
    postalCode: "NW1 6XE",
  },
  IE: {
    country: "IE",
    region: "IE-D",
    city: "Dublin",
    district: "Dublin 2",
    street: "Grafton Street",
    houseNumber: "10",
    postalCode: "D02 XY45",
  },
  DE: {
    country: "DE",
    region: "DE-BY",
    city: "München",
    district: "Schwabing-Freimann",
    street: "Leopoldstraße",
    houseNumber: "77",
    floor: "3. OG",
    name: "Bäckerei Größl & Söhne",
    postalCode: "80802",
    additionalInfo: "Hinterhof, Aufgang Süd",
  },
  AU: {
    country: "AU",
    region: "AU-NSW",
    city: "Wollongong",
    district: "North Wollongong",
    street: "Flinders",
    streetSuffix: "Street",
    houseNumber: "123",
    postalCode: "2500",
  },
  BR: {
    country: "BR",
    region: "BR-SP",
    city: "São Paulo",
    district: "Bela Vista",
    street: "Avenida Paulista",
    houseNumber: "1578",
    unit: "conj. 42",
    postalCode: "01310-200",
  },
};

const MAXIMAL: CivicAddress = {
  country: "US",
  region: "US-CA",
  county: "Santa Clara",
  city: "San José",
  district: "Downtown",
  preDirectional: "N",
  street: "First",
  streetSuffix: "St",
  postDirectional: "NE",
  houseNumber: "101",
  houseNumberSuffix: "A",
  landmark: 'Opposite the "City Hall" <plaza>',
  additionalInfo: "Use entrance C & take the lift",
  floor: "7",
  name: "O'Brien & Partners <Legal>",
  postalCode: "95113",
  building: "Tower 2",
  unit: "Suite 700",
  room: "714",
  seat: "Desk 14-B",
  placeType: "office",
};

describe("pidfLo", () => {
  it("fills every civic field of the maximal address, in RFC 5139 schema order", () => {
    const xml = pidfLo({ entity: "tel:+14085550100", address: MAXIMAL, timestamp: TIMESTAMP, deviceId: "desk-14b" });
    const elements = [...xml.matchAll(/<ca:([A-Za-z0-9]+)>/g)].map((m) => m[1]);
    expect(elements).toEqual(CIVIC_FIELDS.map((f) => f.element));
    expect(xml).toContain("<ca:A1>CA</ca:A1>");
    expect(xml).toContain("O'Brien &amp; Partners &lt;Legal&gt;");
    expect(xml).toContain('<ca:civicAddress xml:lang="en-US">');
    expect(xml).toContain('entity="tel:+14085550100"');
    expect(xml).toContain("<gbp:retransmission-allowed>true</gbp:retransmission-allowed>");
    expect(xml).toContain("<gp:method>Manual</gp:method>");
    expect(xml).toContain(`<dm:timestamp>2026-03-02T09:30:00.000Z</dm:timestamp>`);
  });

  it("keeps umlauts and uses the country's language", () => {
    const xml = pidfLo({
      entity: "sip:desk-7@acme.invalid",
      address: ADDRESSES.DE!,
      timestamp: TIMESTAMP,
      deviceId: "desk-7",
    });
    expect(xml).toContain("<ca:A3>München</ca:A3>");
    expect(xml).toContain("<ca:NAM>Bäckerei Größl &amp; Söhne</ca:NAM>");
    expect(xml).toContain('xml:lang="de-DE"');
    expect(
      pidfLo({ entity: "tel:+4989123", address: ADDRESSES.DE!, timestamp: TIMESTAMP, deviceId: "x", language: "en" }),
    ).toContain('xml:lang="en"');
  });

  it("leaves out empty fields and characters XML cannot carry", () => {
    const xml = pidfLo({
      entity: "tel:+12125550100",
      address: { country: "us", city: "New\u0001 York", street: "  ", unit: "" },
      timestamp: TIMESTAMP,
      deviceId: "d1",
      method: "Wiremap",
    });
    expect(xml).toContain("<ca:country>US</ca:country>");
    expect(xml).toContain("<ca:A3>New York</ca:A3>");
    expect(xml).not.toContain("<ca:RD>");
    expect(xml).not.toContain("<ca:UNIT>");
    expect(xml).toContain("<gp:method>Wiremap</gp:method>");
  });

  it("gives each device a stable URN as dm:deviceID", () => {
    expect(deviceUrn("desk-7")).toBe(deviceUrn("desk-7"));
    expect(deviceUrn("desk-7")).not.toBe(deviceUrn("desk-8"));
    expect(deviceUrn("desk-7")).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(deviceUrn("6F9619FF-8B86-D011-B42D-00C04FC964FF")).toBe("urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff");
  });

  it("refuses input no valid document can be made from", () => {
    const base = { entity: "tel:+12125550100", address: ADDRESSES.US!, timestamp: TIMESTAMP, deviceId: "d1" };
    expect(() => pidfLo({ ...base, entity: "not a uri" })).toThrow(/entity/);
    expect(() => pidfLo({ ...base, timestamp: "yesterday" })).toThrow(/timestamp/);
    expect(() => pidfLo({ ...base, deviceId: "" })).toThrow(/deviceId/);
    expect(() => pidfLo({ ...base, address: { country: "USA" } })).toThrow(/country/);
    expect(() => pidfLo({ ...base, language: "en US" })).toThrow(/language/);
  });
});

describe("PIDF-LO documents pass the shared validator", () => {
  it.each(Object.keys(ADDRESSES))("%s address", (country) => {
    const xml = pidfLo({
      entity: `sip:desk-${country}@acct-1.invalid`,
      address: ADDRESSES[country]!,
      timestamp: TIMESTAMP,
      deviceId: `desk-${country}`,
    });
    const result = validate(`address-${country}`, xml);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/^VALID /m);
  });

  it("maximal address (every field, characters that need escaping)", () => {
    const xml = pidfLo({ entity: "tel:+14085550100", address: MAXIMAL, timestamp: TIMESTAMP, deviceId: "desk 14/b" });
    const result = validate("maximal", xml);
    expect(result.status, result.output).toBe(0);
  });

  it("negative control: the validator rejects a broken document", () => {
    const good = pidfLo({
      entity: "tel:+4989123456",
      address: ADDRESSES.DE!,
      timestamp: TIMESTAMP,
      deviceId: "desk-de",
    });
    // HNO moved before RD breaks RFC 5139's sequence; a lower-case country breaks its pattern.
    const outOfOrder = good.replace(/(\s*<ca:RD>[^<]*<\/ca:RD>)(\s*<ca:HNO>[^<]*<\/ca:HNO>)/, "$2$1");
    const lowerCase = good.replace("<ca:country>DE</ca:country>", "<ca:country>de</ca:country>");
    expect(outOfOrder).not.toBe(good);
    expect(lowerCase).not.toBe(good);
    for (const [name, xml] of [
      ["out-of-order", outOfOrder],
      ["lower-case-country", lowerCase],
      ["not-well-formed", good.replace("</presence>", "")],
    ] as const) {
      const result = validate(`broken-${name}`, xml);
      expect(result.status, `${name}: ${result.output}`).toBe(1);
      expect(result.output).toMatch(/^INVALID /m);
    }
  });
});
