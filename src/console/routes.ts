import { importRoutes } from "../import/routes.js";
import type { Api } from "../platform/http/route.js";
import { searchRoutes } from "../search/routes.js";
import { addressFormatRoutes } from "./address-formats.js";
import { adminSessionRoutes } from "./admin-session.js";
import { sessionRoutes } from "./session.js";
import { consoleStaticRouter } from "./static.js";

/**
 * The fulfillment console: the page at `/console` (no key needed to load it) and the API it
 * needs beyond the contract's — search, address formats, bulk location imports (all under `/v1`,
 * behind the key check, documented in the OpenAPI document).
 */
export function consoleRoutes(api: Api): void {
  api.router.use("/console", consoleStaticRouter());
  sessionRoutes(api);
  adminSessionRoutes(api);
  searchRoutes(api);
  addressFormatRoutes(api);
  importRoutes(api);
}
