import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** Issue #17: `npm run import` on a fresh machine failed with "no admin or manager exists yet". */
describe("npm run import on a fresh machine", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "dyad-cli-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("prepares the embedded database itself and imports the file", () => {
    const run = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/ops/import.ts", "tests/fixtures/ingest/statements.csv"],
      {
        env: { ...process.env, PGLITE_DIR: path.join(scratch, "pglite"), DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(run.stderr).not.toMatch(/no admin or manager/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported 3, duplicates 0, rejected 1 of 4 rows/);
  }, 150_000); // longer than the child's own 120 s: a fresh database is migrated and seeded first
});
