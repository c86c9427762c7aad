import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rule (eslint.config.mjs, docs/architecture.md) on planted files: each uphill import, in "@/" and relative
 * form, is an error; the downhill ones are not. Only the layering rules count here (a planted import is unused).
 */
const LAYER_RULES = new Set(["import/no-restricted-paths", "@typescript-eslint/no-restricted-imports", "no-restricted-syntax"]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

const UPHILL: [string, string, string][] = [
  ["a component importing a server action", "components/planted.tsx", 'import { createTokenAction } from "@/app/tokens/actions";'],
  ["the same, relative", "components/planted.tsx", 'import { createTokenAction } from "../app/tokens/actions";'],
  ["a server action written in a component", "components/planted.ts", '"use server";\nexport async function act() {}'],
  ["a component importing boot wiring", "components/planted.tsx", 'import { demoAccountsEnabled } from "@/lib/boot/startup";'],
  ["lib/boot importing a component", "lib/boot/planted.ts", 'import { Pager } from "@/components/pager";'],
  ["lib/auth importing lib/boot", "lib/auth/planted.ts", 'import { seedDatabase } from "@/lib/boot/seed";'],
  ["lib/dal importing lib/auth", "lib/dal/planted.ts", 'import { contextFromSession } from "@/lib/auth/session";'],
  ["the same, relative", "lib/dal/planted.ts", 'import { contextFromSession } from "../auth/session";'],
  ["lib/export importing lib/dal", "lib/export/planted.ts", 'import type { Change } from "@/lib/dal/changes";'],
  ["lib/ingest importing its sibling lib/export", "lib/ingest/planted.ts", 'import { csvCell } from "@/lib/export/csv";'],
  ["db importing lib/dal", "db/planted.ts", 'import { importStatement } from "@/lib/dal/statements";'],
  ["db importing lib/ingest", "db/schema/planted.ts", 'import type { StatementDraft } from "@/lib/ingest/draft";'],
  ["db running engine code", "db/schema/planted.ts", 'import { COUNTRIES } from "@/lib/engine/countries";'],
  ["the engine importing db", "lib/engine/planted.ts", 'import { getDatabase } from "@/db/client";'],
  ["the engine importing lib/dal, relative", "lib/engine/planted.ts", 'import { requirePermission } from "../dal/context";'],
  ["a page importing an unchecked DAL helper", "app/planted/page.tsx", 'import { writeAudit } from "@/lib/dal/internal/audit";'],
  ["a component importing an unchecked DAL helper", "components/planted.tsx", 'import { writeAudit } from "../lib/dal/internal/audit";'],
  ["app code importing scripts", "app/planted/page.tsx", 'import { rawPairSeries } from "@/scripts/lib/raw-queries";'],
  ["lib importing test support", "lib/dal/planted.ts", 'import { testDatabase } from "@/tests/support/db";'],
];

const DOWNHILL: [string, string, string][] = [
  [
    "a page importing a component and the DAL",
    "app/planted/page.tsx",
    'import { Pager } from "@/components/pager";\nimport { listStatements } from "@/lib/dal/statements";',
  ],
  ["a route's own client UI", "app/tokens/planted.tsx", 'import { TokenForm } from "./_components/token-form";'],
  ["a server action beside its route", "app/tokens/planted-actions.ts", '"use server";\nexport async function act() {}'],
  ["a component importing the engine", "components/planted.tsx", 'import { formatPeriod } from "@/lib/engine/periods";'],
  [
    "lib/boot importing lib/auth and the unchecked DAL",
    "lib/boot/planted.ts",
    'import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";\nimport { activeCodebook } from "@/lib/dal/internal/codebook";',
  ],
  ["lib/auth importing lib/dal", "lib/auth/planted.ts", 'import { requirePermission } from "../dal/context";'],
  [
    "a pre-sign-in page importing its public DAL entry",
    "app/set-password/planted.ts",
    'import { setPasswordWithLink } from "@/lib/dal/public/password-link";',
  ],
  [
    "lib/dal importing lib/export, lib/ingest, db and the engine",
    "lib/dal/planted.ts",
    'import { csvCell } from "@/lib/export/csv";\nimport { analyseDraft } from "@/lib/ingest/pipeline";\nimport { getDatabase } from "@/db/client";\nimport { tag } from "@/lib/engine/tag";',
  ],
  ["db naming an engine type", "db/schema/planted.ts", 'import type { ThemeEvidence } from "@/lib/engine/types";'],
  [
    "a script importing anything",
    "scripts/ops/planted.ts",
    'import { seedDatabase } from "@/lib/boot/seed";\nimport { createTokenAction } from "@/app/tokens/actions";',
  ],
  ["a test importing scripts", "tests/unit/planted.test.ts", 'import { rawPairSeries } from "@/scripts/lib/raw-queries";'],
];

describe("layering lint", () => {
  it.each(UPHILL)("refuses %s", async (_name, filePath, code) => {
    expect((await layeringErrors(filePath, code)).length).toBeGreaterThan(0);
  });

  it.each(DOWNHILL)("allows %s", async (_name, filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
