import { accountParams } from "../platform/ids.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { account, accountInput } from "./schemas.js";
import { accountView, getAccount, putAccount } from "./service.js";

export function accountRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}",
      operationId: "putAccount",
      scope: "account",
      tag: "Accounts",
      summary: "Create or replace an account",
      description:
        "A webhookUrl without a webhookSecret keeps the current secret or gets a generated one, returned in this response only.",
      roles: ["admin", "provisioning"],
      params: accountParams,
      body: accountInput,
      responses: {
        200: { description: "Updated", schema: account },
        201: { description: "Created", schema: account },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const { view, created } = await putAccount(api.ctx, principal, params.accountId, body, ifMatchVersion(req));
      sendVersioned(res, created ? 201 : 200, view, view.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}",
      operationId: "getAccount",
      scope: "account",
      tag: "Accounts",
      summary: "Read an account",
      roles: "any",
      params: accountParams,
      responses: { 200: { description: "The account", schema: account } },
    },
    async ({ params, res }) => {
      const { record, version } = await getAccount(api.ctx, params.accountId);
      sendVersioned(res, 200, accountView(record, version), version);
    },
  );
}
