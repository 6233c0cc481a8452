/**
 * The API's shapes as the console reads them. Generated, never written by hand: `npm run gen:api`
 * renders the service's OpenAPI document (from the zod schemas the service validates and answers
 * with) into api-types.gen.ts, so the console cannot drift from the API.
 */
import type { components, operations } from "./api-types.gen.js";

type Schemas = components["schemas"];
/** The JSON body of an operation's 200 answer. */
type Ok<K extends keyof operations> = operations[K]["responses"] extends {
  200: { content: { "application/json": infer B } };
}
  ? B
  : never;

export type Address = Schemas["CivicAddress"];
export type Location = Schemas["Location"];
export type Device = Schemas["Device"];
export type HistoryEntry = Ok<"getLocationHistory">["items"][number];
export type SearchHit = Schemas["SearchHit"];
export type AddressFormat = Schemas["AddressFormat"];
export type Principal = Ok<"getConsoleSession">;
export type PortRequest = Schemas["PortRequest"];
export type Requirement = PortRequest["requirements"][string];
export type LocationImport = Schemas["LocationImport"];
export type RunState = NonNullable<LocationImport["runs"]["dry-run"]>;
export type ReportRow = Extract<Ok<"getLocationImportReport">, { items: unknown }>["items"][number];
export type EmergencyCall = Schemas["EmergencyCall"];
export type EmergencyCallFeed = Schemas["EmergencyCallFeed"];
export type EmergencyCallList = Schemas["EmergencyCallList"];
