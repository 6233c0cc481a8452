/** The API's shapes as the console reads them (CONTRACT.md). */

export type Address = Record<string, string | undefined> & { country: string };

export interface Location {
  address: Address;
  displayLine: string;
  timeZone: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Device {
  accountId: string;
  deviceId: string;
  type: string;
  callbackNumber: string;
  serviceCountry: string;
  label: string | null;
  status: string;
  location: Location | null;
  e911: { status: string; enabledAt: string | null; notificationId: string | null; detail?: string | null };
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface HistoryEntry {
  version: number;
  address: Address | null;
  changedAt: string;
  changedBy: string;
  reason: string | null;
}

export interface SearchHit {
  accountId: string;
  deviceId: string;
  label: string | null;
  type: string;
  callbackNumber: string;
  callbackNational: string;
  serviceCountry: string;
  status: string;
  e911Status: string;
  displayLine: string | null;
  match: string;
  exact: boolean;
}

export interface AddressFormat {
  country: string;
  layout: string[][];
  required: string[];
  requiredOneOf: string[][];
  postalCodeExample: string;
  regionLevel: string | null;
  regions: { code: string; name: string }[];
}

export interface Principal {
  keyId: string;
  role: "admin" | "fulfillment" | "provisioning" | "customer";
  accountId: string | null;
  label: string | null;
}

export interface Requirement {
  satisfied: boolean;
  at: string | null;
  by: string | null;
  note: string | null;
}

export interface PortRequest {
  id: string;
  accountId: string;
  numbers: string[];
  country: string;
  region: string | null;
  timeZone: string;
  donorProvider: string;
  status: string;
  requirements: Record<string, Requirement>;
  agreedDate: string | null;
  agreedDateHistory: { date: string; at: string; by: string; reason?: string | null }[];
  deadline: { date: string; at: string; skipped?: { date: string; reason: string }[] } | null;
  completedAt: string | null;
  completedOnTime: boolean | null;
  version: number;
}

export interface RunState {
  mode: "dry-run" | "apply";
  status: "queued" | "running" | "done" | "failed";
  total: number | null;
  processed: number;
  ok: number;
  unchanged: number;
  failed: number;
  percent: number;
  fileErrors: { path: string; message: string }[];
  error: string | null;
}

export interface LocationImport {
  id: string;
  name: string | null;
  upload: { parts: number; characters: number; complete: boolean };
  runs: { "dry-run"?: RunState; apply?: RunState };
}

export interface ReportRow {
  row: number;
  accountId: string;
  deviceId: string;
  outcome: string;
  errors: { path: string; message: string }[];
  locationVersion: number | null;
}
