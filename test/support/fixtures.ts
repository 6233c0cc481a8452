import type { TestService } from "./service.js";

/** A valid US account body. */
export function accountBody(overrides: Record<string, unknown> = {}) {
  return { name: "Acme Dental", country: "US", locale: "en", contacts: { emails: ["ops@acme.example"] }, ...overrides };
}

export const US_ADDRESS = {
  country: "US",
  region: "US-CA",
  city: "San Francisco",
  street: "Market",
  streetSuffix: "St",
  houseNumber: "100",
  postalCode: "94105",
  floor: "5",
};
export const DE_ADDRESS = {
  country: "DE",
  region: "DE-BY",
  city: "München",
  street: "Leopoldstraße",
  houseNumber: "12",
  postalCode: "80802",
};

/** Creates an account and a device in it; returns their ids. */
export async function accountWithDevice(
  service: TestService,
  options: { accountId?: string; deviceId?: string; country?: string; callbackNumber?: string } = {},
) {
  const accountId = options.accountId ?? `acct-${Math.random().toString(36).slice(2, 10)}`;
  const deviceId = options.deviceId ?? "dev-1";
  const country = options.country ?? "US";
  const account = await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country }) });
  if (account.status >= 300) throw new Error(`account: ${account.status} ${account.text}`);
  const device = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
    body: {
      type: "desk_phone",
      callbackNumber: options.callbackNumber ?? (country === "DE" ? "+49 89 1234567" : "+1 415 555 0100"),
      serviceCountry: country,
    },
  });
  if (device.status >= 300) throw new Error(`device: ${device.status} ${device.text}`);
  return { accountId, deviceId };
}

/** The end user's consent to port (EECC Art. 106(6)), as EU port requests must carry it; given yesterday. */
export function portConsent(overrides: Record<string, unknown> = {}) {
  return {
    givenBy: "Erika Mustermann, Geschäftsführerin",
    at: new Date(Date.now() - 86_400_000).toISOString(),
    method: "signed-loa",
    reference: "LOA-2026-0042.pdf",
    ...overrides,
  };
}
