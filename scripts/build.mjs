// `npm start`'s build step: rebuilds only what changed since the last build, so a start with an
// unchanged tree goes straight to the server (issue 20: 37 s to ready, of which the server
// needed 3.5 s). Two parts, each with its own inputs and stamp file under dist/:
// - the service (src, workers, bench → dist/): `tsc --incremental`, which re-checks only what a
//   change can affect;
// - the console (console/src, console/static → dist/console): `console/build.mjs`, which also
//   regenerates the console's API types. The console's compiled JavaScript does not depend on
//   the service's sources (its API types are erased), so a service change does not rebuild it.
// `--force` rebuilds both. Deleting a file changes its directory's mtime, so deletions count too.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const force = process.argv.includes("--force");

/** The newest mtime (ms) among `paths` and, for directories, everything beneath them. */
function newestChange(paths, ignore = []) {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(path)) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      if (ignore.includes(join(path, entry))) continue;
      visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

function stampTime(stamp) {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

function run(args) {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const parts = [
  {
    name: "service",
    inputs: ["src", "workers", "bench", "tsconfig.json", "tsconfig.build.json", "package-lock.json"],
    output: join(root, "dist", "src", "server.js"),
    build: () =>
      run([
        require.resolve("typescript/bin/tsc"),
        "-p",
        join(root, "tsconfig.build.json"),
        "--incremental",
        "--tsBuildInfoFile",
        join(root, "dist", ".tsbuildinfo-service"),
      ]),
  },
  {
    name: "console",
    // api-types.gen.ts is written by the console build itself: not an input.
    inputs: ["console/src", "console/static", "console/build.mjs", "tsconfig.console.json", "package-lock.json"],
    ignore: [join(root, "console", "src", "api-types.gen.ts")],
    output: join(root, "dist", "console", "index.html"),
    build: () => run([join(root, "console", "build.mjs")]),
  },
];

mkdirSync(join(root, "dist"), { recursive: true });
for (const part of parts) {
  const stamp = join(root, "dist", `.built-${part.name}`);
  const built = existsSync(part.output) ? stampTime(stamp) : -1;
  const changed = newestChange(
    part.inputs.map((p) => join(root, p)),
    part.ignore ?? [],
  );
  if (!force && built >= 0 && changed <= built) continue;
  // The stamp records when this build started: a file saved during the build counts next time.
  const started = new Date();
  process.stdout.write(`build: ${part.name} ${built < 0 ? "(no previous build)" : "(sources changed)"}\n`);
  part.build();
  writeFileSync(stamp, started.toISOString() + "\n");
  utimesSync(stamp, started, started);
}
