import { z } from "zod";
import { accountParams } from "../platform/ids.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { sendJson } from "../platform/http/send-json.js";
import {
  callIdParam,
  emergencyCall,
  emergencyCallFeedSchema,
  emergencyCallList,
  emergencyCallReport,
} from "./schemas.js";
import {
  acknowledgeEmergencyCall,
  emergencyCallFeed,
  getEmergencyCall,
  listEmergencyCalls,
  reportEmergencyCall,
  UnknownCallerError,
} from "./service.js";

const TAG = "Emergency calls";
const callParams = accountParams.extend({ id: callIdParam.describe("The emergency call's id (`ecall_…`)") });
const unresolvedParams = z.object({ id: callIdParam.describe("The emergency call's id (`ecall_…`)") });
const acknowledgement = z
  .object({ by: z.string().trim().min(1).max(200).describe("Who saw the alert (a name at the security desk)") })
  .strict();

/** Kari's Law: emergency-call reports, the on-site alerts' acknowledgement, the staff's live feed. */
export function emergencyCallRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/emergency-calls",
      operationId: "reportEmergencyCall",
      emergency: true,
      scope: "none",
      tag: TAG,
      summary: "Report an emergency call as it is placed: recorded as evidence, on-site contacts alerted at once",
      description: [
        "Identified by `accountId` + `deviceId` (or by `identity`, a SIP or tel URI, resolved like HELD). Idempotent on `callId`: the same report again is 200 with the same record; the same `callId` with other details is 409 `call-report-conflict` (the first report is kept).",
        "Answered as soon as the record is written, with its on-site alerts (`emergency.call_placed`, or `emergency.test_call` for 933 in the US) in the same write; they are delivered by the emergency-alert queue's own workers. A number that is neither an emergency nor a test number is recorded with `number: null`, the warning `not-an-emergency-number`, and no alert.",
        "An unknown caller is 404 — and the call is still recorded (`resolved: false`) and shown to staff; when the account is known, its on-site contacts are still alerted.",
        "An emergency answer: never rate-limited. When Redis does not answer within 250 ms the answer is 202 with status `pending`, what this process knows and the warning `store-unavailable`: the call is recorded (and alerted) as soon as the store answers, and the reporter should report it again (same `callId`) until it gets a 201 or 200.",
      ].join("\n\n"),
      roles: ["admin", "provisioning"],
      body: emergencyCallReport,
      responses: {
        200: { description: "Reported before: the same record", schema: emergencyCall },
        201: { description: "Recorded; alerts queued", schema: emergencyCall },
        202: { description: "Held: the store is unreachable (warning `store-unavailable`)", schema: emergencyCall },
        404: { description: "Unknown caller; the call was recorded as unresolved" },
        409: { description: "The callId was reported with other details" },
      },
    },
    async ({ body, principal, res, emergencyPath }) => {
      const answer = await reportEmergencyCall(api.ctx, principal, body, emergencyPath);
      if (answer.status !== 202 && !answer.call.resolved) throw new UnknownCallerError(answer.call.id);
      sendJson(res, answer.status, JSON.stringify(answer.call));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/emergency-calls",
      operationId: "listLiveEmergencyCalls",
      scope: "none",
      tag: TAG,
      summary: "Staff: the live feed of emergency calls across accounts, newest first",
      description:
        "`status=open` (default): calls not yet acknowledged; `all`: every recent call (the newest 2,000 are kept in the feed). Unresolved calls have `accountId: null`. Cheap enough to poll every second.",
      roles: ["admin", "fulfillment"],
      query: z.object({
        status: z.enum(["open", "all"]).default("open").describe("`open`: not acknowledged; `all`: every recent call"),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: { description: "The feed", schema: emergencyCallFeedSchema } },
    },
    async ({ query, res }) => {
      res.set("Cache-Control", "no-store").json(await emergencyCallFeed(api.ctx, query));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/emergency-calls",
      operationId: "listEmergencyCalls",
      scope: "account",
      tag: TAG,
      summary: "The account's emergency calls, newest first (optionally one device's, or test calls only)",
      roles: "any",
      params: accountParams,
      query: z.object({
        deviceId: z.string().max(64).optional().describe("Only this device's calls"),
        test: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => (v === undefined ? undefined : v === "true"))
          .describe("`true`: only test calls (933); `false`: only real ones"),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(40).optional(),
      }),
      responses: { 200: { description: "Calls", schema: emergencyCallList } },
    },
    async ({ params, query, res }) => {
      res.json(await listEmergencyCalls(api.ctx, params.accountId, query));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/emergency-calls/{id}",
      operationId: "getEmergencyCall",
      scope: "account",
      notFoundAs: "emergency call",
      tag: TAG,
      summary: "One emergency call with its timeline (placed → alerts sent → acknowledged/escalated)",
      roles: "any",
      params: callParams,
      responses: { 200: { description: "The call", schema: emergencyCall } },
    },
    async ({ params, res }) => {
      res.json(await getEmergencyCall(api.ctx, params.accountId, params.id));
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/emergency-calls/{id}/acknowledge",
      operationId: "acknowledgeEmergencyCall",
      scope: "account",
      notFoundAs: "emergency call",
      tag: TAG,
      summary: "The security desk has seen the alert: stops the escalation (acknowledging twice changes nothing)",
      roles: ["admin", "fulfillment", "customer"],
      params: callParams,
      body: acknowledgement,
      responses: { 200: { description: "Acknowledged (now or before)", schema: emergencyCall } },
    },
    async ({ params, body, principal, res }) => {
      res.json(await acknowledgeEmergencyCall(api.ctx, principal, params.accountId, params.id, body.by));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/emergency-calls/unresolved/{id}",
      operationId: "getUnresolvedEmergencyCall",
      scope: "none",
      tag: TAG,
      summary: "Staff: an emergency call that matched no account, with its timeline",
      roles: ["admin", "fulfillment"],
      params: unresolvedParams,
      responses: { 200: { description: "The call", schema: emergencyCall } },
    },
    async ({ params, res }) => {
      res.json(await getEmergencyCall(api.ctx, null, params.id));
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/emergency-calls/unresolved/{id}/acknowledge",
      operationId: "acknowledgeUnresolvedEmergencyCall",
      scope: "none",
      tag: TAG,
      summary: "Staff: take an unresolved emergency call off the live feed",
      roles: ["admin", "fulfillment"],
      params: unresolvedParams,
      body: acknowledgement,
      responses: { 200: { description: "Acknowledged (now or before)", schema: emergencyCall } },
    },
    async ({ params, body, principal, res }) => {
      res.json(await acknowledgeEmergencyCall(api.ctx, principal, null, params.id, body.by));
    },
  );
}
