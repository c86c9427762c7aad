import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The layers, top to bottom (docs/architecture.md): a folder may import from the layers below it, never from one
 * above. scripts/ and tests/ sit above everything and may import anything. Checked on resolved paths, so a
 * relative import and an "@/" one are the same arrow.
 */
const LAYERS = [
  ["./app", "./instrumentation.ts", "./proxy.ts"],
  ["./components", "./lib/boot"],
  ["./lib/auth"],
  ["./lib/dal"],
  ["./lib/ingest", "./lib/export"],
  ["./db"],
  ["./lib/engine"],
];
const ABOVE_ALL = ["./scripts", "./tests"];

const uphill = LAYERS.flatMap((targets, level) =>
  targets.map((target) => ({
    target,
    from: [...ABOVE_ALL, ...LAYERS.slice(0, level).flat(), ...targets.filter((sibling) => sibling !== target)],
    message: "Uphill import: a layer imports only from the layers below it (docs/architecture.md, What each layer may import).",
  })),
);

const internalDal = {
  target: ["./app", "./components"],
  from: "./lib/dal/internal",
  message: "lib/dal/internal does no permission check: call a lib/dal function that takes a DalContext instead.",
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "import/no-restricted-paths": ["error", { zones: [...uphill, internalDal] }],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ExpressionStatement[directive='use server']",
          message: "components/ is presentational: server actions live in app/ beside their route.",
        },
      ],
    },
  },
  {
    files: ["lib/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["next", "next/*", "react", "react-dom", "@/db/*", "@/lib/dal/*", "drizzle-orm", "drizzle-orm/*"] },
      ],
    },
  },
  {
    // drizzle-kit loads the schema on its own: it may name the engine's types of what it stores, never run its code.
    files: ["db/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/*", "@/lib/**"], allowTypeImports: true, message: "db/ imports engine types only (import type)." }] },
      ],
    },
  },
];

export default config;
