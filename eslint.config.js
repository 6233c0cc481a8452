// One lint configuration for the service, workers, tests, benchmarks and the console.
// typescript-eslint's strict type-checked rules catch what the compiler does not (floating
// promises above all: an un-awaited write is a lost write); formatting is Prettier's job.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "var/**",
      "node_modules/**",
      "console/static/**",
      "console/build.mjs",
      "scripts/build.mjs",
      "eslint.config.js",
      ".dependency-cruiser.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: ["./tsconfig.json", "./tsconfig.console.json"], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Express's request type is extended the way its typings intend: `declare global { namespace Express … }`.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      // With noUncheckedIndexedAccess every indexed read is optional; `!` marks the reads whose
      // index was just checked (a regex group, a found entry). Banning it would mean casts instead.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers and booleans in messages read as they should.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  { files: ["console/src/**"], languageOptions: { globals: { ...globals.browser } } },
  {
    // Tests read JSON bodies whose shape the response-schema check (test/support/api-shapes.ts)
    // verifies against the OpenAPI document; typing every body by hand would only repeat it.
    files: ["test/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      // `afterAll(() => service?.close())` guards against a beforeAll that failed half-way.
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/restrict-plus-operands": "off",
    },
  },
);
