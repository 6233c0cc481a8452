import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/platform/paths.js";

/**
 * Vitest global setup: builds the console page (console/build.mjs, as `npm run build` does) so
 * the browser tests run against the current source, also straight after `npm ci`.
 */
export function setup(): void {
  const result = spawnSync(process.execPath, [join(projectRoot(), "console", "build.mjs")], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`console build failed:\n${result.stdout}${result.stderr}`);
}
