import { describe, expect, it } from "vitest";
import { HeldError, parseHeldRequest, readHeldRequest } from "../../src/lis/held-request.js";

const body = (uri: string) =>
  `<?xml version="1.0"?><locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" responseTime="emergencyRouting">` +
  `<locationType exact="true">civic locationURI</locationType>` +
  `<device xmlns="urn:ietf:params:xml:ns:geopriv:held:id"><uri>${uri}</uri></device></locationRequest>`;

describe("readHeldRequest: parsed requests remembered by body", () => {
  it("answers a repeated body with what it parsed to, frozen, and a different body with its own parse", () => {
    const first = readHeldRequest(body("sip:alice@example.com"));
    expect(first).toEqual(parseHeldRequest(body("sip:alice@example.com")));
    expect(first).toMatchObject({ exact: true, locationTypes: ["civic", "locationURI"], hasDevice: true });
    expect(readHeldRequest(body("sip:alice@example.com"))).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.identities) && Object.isFrozen(first.identities[0])).toBe(
      true,
    );
    expect(() => (first.identities as unknown[]).push("x")).toThrow(TypeError);
    expect(readHeldRequest(body("sip:bob@example.com")).identities[0]!.value).toBe("sip:bob@example.com");
  });

  it("keeps refusing a bad body every time (errors are not remembered)", () => {
    const bad = `<!DOCTYPE x [<!ENTITY a "b">]>${body("sip:eve@example.com")}`;
    expect(() => readHeldRequest(bad)).toThrow(HeldError);
    expect(() => readHeldRequest(bad)).toThrow(HeldError);
  });
});
