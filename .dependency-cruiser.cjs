/**
 * The arrows of the house (docs/architecture.md), checked on every `npm test`:
 * platform below components, pure rules without I/O, no cycles between components, workers and
 * routes as separate edges of the same use cases, each component's store its own.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const PURE_RULES = [
  "^src/calendar/",
  "^src/geography/",
  "^src/emergency/(classify|catalogue|dialling-plan|retired|blocking-rules)\\.ts$",
  "^src/addresses/",
  "^src/locations/pidf\\.ts$",
  "^src/porting/(deadline|country-rules|compensation|compensation-rules)\\.ts$",
  "^src/lis/resolution\\.ts$",
  "^src/emergency-calls/(test-numbers|evidence)\\.ts$",
  "^src/platform/outbound-policy\\.ts$",
];
const IO = [
  "^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|child_process|cluster|worker_threads|tls)$",
  "^(express|ioredis|bullmq|i18next|nodemailer|undici|pino)$",
];

module.exports = {
  forbidden: [
    {
      name: "platform-imports-no-component",
      comment: "src/platform is the plumbing every component uses; it must not depend on any of them.",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { path: "^src/", pathNot: ["^src/platform/", "^src/config\\.ts$"] },
    },
    {
      name: "pure-rules-have-no-io",
      comment: "Rule modules take plain values and return plain values (no HTTP, Redis, queues, i18n, files, sockets).",
      severity: "error",
      from: { path: PURE_RULES },
      to: { dependencyTypes: ["npm", "core"], path: IO },
    },
    {
      name: "pure-rules-import-only-pure-code",
      comment: "A rule module may use other rule modules and data, never a service, store or route.",
      severity: "error",
      from: { path: PURE_RULES },
      // platform/errors.ts holds the named error classes rules throw (no I/O), platform/principal.ts plain types.
      to: { path: "^src/", pathNot: [...PURE_RULES, "^src/platform/errors\\.ts$"] },
    },
    {
      name: "no-component-cycles",
      comment: "Two components depending on each other are one component, or need a callback seam.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { circular: true, path: "^src/([^/]+)/", pathNot: "^src/$1/" },
    },
    {
      name: "workers-never-import-routes",
      comment: "Job handlers and routes are thin edges calling the same use cases.",
      severity: "error",
      from: { path: "^workers/" },
      to: { path: "/routes\\.ts$" },
    },
    {
      name: "src-never-imports-workers",
      comment: "Only the process entry point starts the workers; routes and use cases never reach into them.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/server\\.ts$" },
      to: { path: "^workers/" },
    },
    {
      name: "stores-are-private",
      comment: "One component's store is read and written only by that component; ask its service.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { path: "^src/([^/]+)/[^/]*store\\.ts$", pathNot: ["^src/$1/", "^src/platform/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
