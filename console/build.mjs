// Builds the fulfillment console: compiles console/src (tsconfig.console.json) into
// dist/console/assets/js and copies the page and its stylesheet next to it. Plain Node, no
// bundler: the browser loads the compiled ES modules as they are. Used by `npm run build` and by
// the test set-up, so `npm test` works from a fresh clone.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.console.json")], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
const out = join(root, "dist", "console");
mkdirSync(join(out, "assets"), { recursive: true });
cpSync(join(root, "console", "static", "index.html"), join(out, "index.html"));
cpSync(join(root, "console", "static", "console.css"), join(out, "assets", "console.css"));
