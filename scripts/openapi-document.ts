/**
 * Prints the API's OpenAPI document without starting anything (no Redis, no port): the route
 * declarations are pure. `npm run gen:api` turns it into the console's types.
 */
import { writeFileSync } from "node:fs";
import { declareApi } from "../src/app.js";
import type { Context } from "../src/platform/context.js";
import { openApiDocument } from "../src/platform/openapi.js";

const out = process.argv[2];
// Declaring routes reads nothing from the context; handlers that would are never called here.
const document = JSON.stringify(openApiDocument(declareApi({} as Context).registry), null, 2);
if (out) writeFileSync(out, document + "\n");
else process.stdout.write(document + "\n");
