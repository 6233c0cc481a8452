import { randomBytes } from "node:crypto";
import type { Request as CannonRequest } from "autocannon";
import { lisScenarios } from "./lis.js";

const DIALED = ["911", "112", "9911", "4155552671", "999", "0800 123 456", "110", "1 1 2#", "000", "190"];
const COUNTRIES = ["US", "DE", "GB", "AU", "BR", "FR", "IE", "CA"];

/**
 * HTTP scenarios of the later components, each with the data it needs created against the
 * running service first.
 */
export async function extraScenarios(
  base: string,
  headers: Record<string, string>,
): Promise<{ name: string; requests: CannonRequest[] }[]> {
  let n = 0;
  const classify: CannonRequest = {
    method: "POST",
    path: "/v1/emergency/classify",
    setupRequest: (r: CannonRequest) => {
      n++;
      return {
        ...r,
        body: JSON.stringify({ country: COUNTRIES[n % COUNTRIES.length], dialed: DIALED[n % DIALED.length] }),
      };
    },
  };
  const scenarios: { name: string; requests: CannonRequest[] }[] = [{ name: "POST classify", requests: [classify] }];

  // A port request to read, when porting is available in this build.
  const created = await fetch(`${base}/v1/accounts/bench/port-requests`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      numbers: ["+12125550123"],
      country: "US",
      region: "US-NY",
      donorProvider: "Example Telecom",
    }),
  });
  if (created.status === 201) {
    const { id } = (await created.json()) as { id: string };
    scenarios.push({
      name: "GET port request",
      requests: [{ method: "GET", path: `/v1/accounts/bench/port-requests/${id}` }],
    });
  }
  scenarios.push(...(await lisScenarios(base, headers)));
  scenarios.push(await emergencyCallScenario(base, headers));
  return scenarios;
}

/**
 * `POST /v1/emergency-calls`: each request a new 911 call of one device whose account has an
 * on-site contact, so each is recorded with its alert in the outbox and its jobs queued (the bench
 * runs no workers: the jobs wait). Issue 17's intake target is on this one.
 */
async function emergencyCallScenario(
  base: string,
  headers: Record<string, string>,
): Promise<{ name: string; requests: CannonRequest[] }> {
  const put = async (path: string, body: unknown) => {
    const r = await fetch(base + path, { method: "PUT", headers, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`PUT ${path}: ${r.status} ${await r.text()}`);
  };
  await put("/v1/accounts/bench-calls", {
    name: "Bench calls",
    country: "US",
    locale: "en",
    contacts: { emails: ["office@example.com"], onSite: { emails: ["desk@example.com"] } },
  });
  await put("/v1/accounts/bench-calls/devices/phone", {
    type: "desk_phone",
    callbackNumber: "+12125550100",
    serviceCountry: "US",
  });
  await put("/v1/accounts/bench-calls/devices/phone/location", {
    address: {
      country: "US",
      region: "US-NY",
      city: "New York",
      street: "Broadway",
      houseNumber: "1",
      postalCode: "10004",
    },
  });
  let n = 0;
  const run = randomBytes(4).toString("hex");
  return {
    name: "POST emergency call",
    requests: [
      {
        method: "POST",
        path: "/v1/emergency-calls",
        setupRequest: (r: CannonRequest) => ({
          ...r,
          body: JSON.stringify({
            callId: `bench-${run}-${++n}`,
            dialed: "911",
            accountId: "bench-calls",
            deviceId: "phone",
          }),
        }),
      },
    ],
  };
}
