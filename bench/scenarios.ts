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
  return scenarios;
}
