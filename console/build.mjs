// Builds the fulfillment console: compiles console/src (tsconfig.console.json) into
// dist/console/assets/js and copies the page and its stylesheet next to it. Plain Node, no
// bundler: the browser loads the compiled ES modules as they are. Its API types are generated
// first (`--types-only` stops there: `npm run gen:api`). Used by `npm run build` and by the test
// set-up, so `npm test` works from a fresh clone.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const run = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
// The console's API types come from the service's OpenAPI document (one definition per shape).
mkdirSync(join(root, "var"), { recursive: true });
run(["--import", "tsx", join(root, "scripts", "openapi-document.ts"), join(root, "var", "openapi.json")]);
run([
  join(dirname(require.resolve("openapi-typescript/package.json")), "bin", "cli.js"),
  join(root, "var", "openapi.json"),
  "-o",
  join(root, "console", "src", "api-types.gen.ts"),
  "--silent",
]);
if (process.argv.includes("--types-only")) process.exit(0);
run([require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.console.json")]);
const out = join(root, "dist", "console");
mkdirSync(join(out, "assets"), { recursive: true });
cpSync(join(root, "console", "static", "index.html"), join(out, "index.html"));
cpSync(join(root, "console", "static", "console.css"), join(out, "assets", "console.css"));
