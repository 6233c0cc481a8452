import { z } from "zod";
import { problemLanguage } from "../platform/problem-language.js";
import { withHolidayNames } from "./holiday-language.js";
import { coveredCountry, ianaTimeZone } from "../accounts/schemas.js";
import { accountParams } from "../platform/ids.js";
import { ifMatchVersion, sendStoredJson, sendVersioned } from "../platform/http/conditional.js";
import { NotFoundError } from "../platform/errors.js";
import { idempotent } from "../platform/http/idempotency.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { parseCivilDate } from "../calendar/civil-date.js";
import { isSubdivisionOf } from "../geography/subdivisions.js";
import { computeDeadline } from "./deadline.js";
import { CONSENT_METHODS, portRequest, type PortRequestRecord } from "./port-request.js";
import {
  MAX_NUMBERS,
  cancelPortRequest,
  closedPortRequests,
  completePortRequest,
  createPortRequest,
  listPortRequests,
  portTimeline,
  portingBoard,
  portRequestView,
  setAgreedDate,
  setRequirement,
} from "./service.js";

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((value) => parseCivilDate(value) !== undefined, "is not a calendar date");
const instant = z.iso.datetime({ offset: true });
const region = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, "must be an ISO 3166-2 code, e.g. DE-BY");
const portParams = accountParams.extend({
  id: z
    .string()
    .regex(/^port_[0-9a-f-]{36}$/, "is not a port request id")
    .describe("The port request's id (`port_…`)"),
});
const staff = ["admin", "fulfillment", "provisioning"] as const;
const consentBody = z
  .object({
    givenBy: z.string().trim().min(1).max(200).describe("Who consented (the end user or their authorised signatory)"),
    at: instant.describe("When consent was given (never in the future)"),
    method: z.enum(CONSENT_METHODS),
    reference: z.string().trim().min(1).max(200).optional().describe("The LOA document, form or call recording"),
  })
  .strict()
  .describe("The end user's explicit consent to port (EECC Art. 106(6))");
const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, "must be a language tag, e.g. de or pt-BR")
  .describe("Language of the holiday names in `skipped` (default en)");

const ok = (description: string) => ({
  200: { description, schema: portRequest },
  409: { description: "Problem (invalid-transition, number-in-open-request)" },
  412: { description: "If-Match does not match" },
});

/** Number porting: requests, requirements, agreed dates, completion; the deadline rule alone. */
export function portingRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/port-requests",
      operationId: "createPortRequest",
      scope: "account",
      tag: "Porting",
      summary: "Open a port-in request",
      description: `Up to ${MAX_NUMBERS} numbers of one country. \`consent\` records the end user's explicit consent (who, when, how, which document) and is required where the numbers' country requires it (EU: EECC Art. 106(6)) — else 400 naming \`consent\`. 400 \`invalid-number\` names each bad number; 409 \`number-in-open-request\`; 422 \`porting-unavailable\` without a porting agreement with the donor. Accepts \`Idempotency-Key\`.`,
      roles: "any",
      params: accountParams,
      body: z
        .object({
          numbers: z.array(z.string().min(1).max(32)).min(1).max(MAX_NUMBERS),
          country: coveredCountry,
          region: region.optional(),
          timeZone: ianaTimeZone.optional(),
          donorProvider: z.string().trim().min(1).max(200),
          consent: consentBody.optional(),
        })
        .strict(),
      responses: {
        201: { description: "Created", schema: portRequest },
        409: { description: "Problem (number-in-open-request)" },
        422: { description: "Problem (porting-unavailable)" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const reply = await idempotent(api.ctx, req, `ports-${params.accountId}`, async () => {
        const created = await createPortRequest(api.ctx, principal, params.accountId, body);
        return { status: 201, body: created, headers: { ETag: `"${created.version}"` } };
      });
      res
        .status(reply.status)
        .set(reply.headers ?? {})
        .json(reply.body);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/port-requests",
      operationId: "listPortRequests",
      scope: "account",
      tag: "Porting",
      summary: "The account's port requests, newest first",
      roles: "any",
      params: accountParams,
      responses: { 200: { description: "Requests", schema: z.object({ items: z.array(portRequest) }) } },
    },
    async ({ params, req, res }) => {
      const lng = problemLanguage(req.headers["accept-language"]);
      const items = await listPortRequests(api.ctx, params.accountId);
      res
        .set({ "Content-Language": lng, Vary: "Accept-Language" })
        .json({ items: items.map((item) => withHolidayNames(item, lng)) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/port-requests/{id}",
      operationId: "getPortRequest",
      scope: "account",
      notFoundAs: "port request",
      tag: "Porting",
      summary: "Read a port request",
      roles: "any",
      params: portParams,
      responses: { 200: { description: "The request", schema: portRequest } },
    },
    async ({ params, res }) => {
      const found = await api.ctx.store.readJson(api.ctx.keys.portRequest(params.accountId, params.id));
      if (!found) throw new NotFoundError("port request");
      // Sent as stored (no parse) unless it predates consent and compensation: then read it as the rest do.
      if (found.json.includes('"compensation":')) sendStoredJson(res, found);
      else {
        const view = portRequestView({ version: found.version, doc: JSON.parse(found.json) as PortRequestRecord });
        sendVersioned(res, 200, view, view.version);
      }
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/port-requests/{id}/history",
      operationId: "getPortRequestHistory",
      scope: "account",
      notFoundAs: "port request",
      tag: "Porting",
      summary: "The request's timeline, newest first: every change, who, when, old and new values",
      roles: "any",
      params: portParams,
      responses: {
        200: { description: "Timeline", schema: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async ({ params, res }) => {
      res.json({ items: await portTimeline(api.ctx, params.accountId, params.id) });
    },
  );
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/port-requests/{id}/requirements/{name}",
      operationId: "setPortRequirement",
      scope: "account",
      tag: "Porting",
      summary: "Satisfy or withdraw one Porting Activation Requirement",
      description:
        "`at` records when it actually happened (default now; never in the future). Withdrawing one after scheduling returns the request to `awaiting_requirements` (a delay).",
      roles: staff,
      params: portParams.extend({
        name: z
          .string()
          .regex(/^[a-z_]{1,40}$/, "is not a requirement name")
          .describe("A Porting Activation Requirement, e.g. `network_ready`"),
      }),
      body: z
        .object({ satisfied: z.boolean(), note: z.string().trim().max(500).optional(), at: instant.optional() })
        .strict(),
      responses: ok("The request"),
    },
    async ({ params, body, principal, req, res }) => {
      const updated = await setRequirement(
        api.ctx,
        principal,
        params.accountId,
        params.id,
        params.name,
        body,
        ifMatchVersion(req),
      );
      sendVersioned(res, 200, updated, updated.version);
    },
  );
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/port-requests/{id}/agreed-date",
      operationId: "setAgreedDate",
      scope: "account",
      tag: "Porting",
      summary: "Set the transfer date agreed with the donor provider",
      roles: staff,
      params: portParams,
      body: z.object({ date: calendarDate, reason: z.string().trim().max(500).optional() }).strict(),
      responses: ok("The request"),
    },
    async ({ params, body, principal, req, res }) => {
      const updated = await setAgreedDate(api.ctx, principal, params.accountId, params.id, body, ifMatchVersion(req));
      sendVersioned(res, 200, updated, updated.version);
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/port-requests/{id}/complete",
      operationId: "completePortRequest",
      scope: "account",
      tag: "Porting",
      summary: "Record that transfer and activation are done",
      roles: staff,
      params: portParams,
      body: z.object({ activatedAt: instant.optional() }).strict().optional(),
      responses: ok("The completed request"),
    },
    async ({ params, body, principal, req, res }) => {
      const updated = await completePortRequest(
        api.ctx,
        principal,
        params.accountId,
        params.id,
        body ?? {},
        ifMatchVersion(req),
      );
      sendVersioned(res, 200, updated, updated.version);
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/port-requests/{id}/cancel",
      operationId: "cancelPortRequest",
      scope: "account",
      notFoundAs: "port request",
      tag: "Porting",
      summary: "Cancel a port request (its numbers are released)",
      roles: [...staff, "customer"],
      params: portParams,
      body: z
        .object({ reason: z.string().trim().max(500).optional() })
        .strict()
        .optional(),
      responses: ok("The cancelled request"),
    },
    async ({ params, body, principal, req, res }) => {
      const updated = await cancelPortRequest(
        api.ctx,
        principal,
        params.accountId,
        params.id,
        body ?? {},
        ifMatchVersion(req),
      );
      sendVersioned(res, 200, updated, updated.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/porting/board",
      operationId: "getPortingBoard",
      scope: "none",
      tag: "Porting",
      summary:
        "Requests across accounts: open ones (overdue first, then by deadline), or the recently completed or cancelled",
      roles: ["admin", "fulfillment"],
      query: z
        .object({
          status: z
            .enum(["open", "completed", "cancelled"])
            .optional()
            .describe("open (default): by deadline; completed or cancelled: most recently closed first"),
        })
        .strict(),
      responses: { 200: { description: "Requests", schema: z.object({ items: z.array(portRequest) }) } },
    },
    async ({ query, req, res }) => {
      const status = query.status ?? "open";
      const items = status === "open" ? await portingBoard(api.ctx) : await closedPortRequests(api.ctx, status);
      // Holiday names in the reader's language (Accept-Language), as the console sends it.
      const lng = problemLanguage(req.headers["accept-language"]);
      res
        .set({ "Content-Language": lng, Vary: "Accept-Language" })
        .json({ items: items.map((item) => withHolidayNames(item, lng)) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/porting/deadline",
      operationId: "computePortingDeadline",
      scope: "none",
      tag: "Porting",
      summary: "The deadline rule on its own: the first business day after the agreed date, and why days were skipped",
      roles: "any",
      query: z
        .object({
          country: coveredCountry,
          region: region.optional(),
          timeZone: ianaTimeZone.optional(),
          agreedDate: calendarDate.describe("The agreed transfer date, YYYY-MM-DD"),
          requirementsMetAt: instant
            .optional()
            .describe("When the last requirement was satisfied (default: not later than the agreed date)"),
          locale: languageTag.optional(),
        })
        .strict()
        .refine((q) => !q.region || isSubdivisionOf(q.country, q.region), {
          path: ["region"],
          error: "is not an ISO 3166-2 subdivision of the country",
        }),
      responses: {
        200: {
          description: "The deadline",
          schema: z.object({
            country: z.string(),
            region: z.string().nullable(),
            timeZone: z.string(),
            agreedDate: z.string(),
            deadline: z.object({ date: z.string(), at: z.string() }),
            skipped: z.array(
              z.object({
                date: z.string(),
                reason: z.string().describe("`weekend` or the holiday's name, in `locale`'s language where known"),
              }),
            ),
          }),
        },
      },
    },
    ({ query, res }) => {
      res.json(computeDeadline(query));
    },
  );
}
