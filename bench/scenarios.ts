import type { Request as CannonRequest } from "autocannon";

/**
 * HTTP scenarios of the later components (classify, port requests), each with the data it needs
 * created against the running service first.
 */
export async function extraScenarios(_base: string, _headers: Record<string, string>): Promise<{ name: string; requests: CannonRequest[] }[]> {
  return [];
}
