import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/** Issue #14 finding 9: the embedded database (with password hashes) was written world-readable, 0666 in a 0755 folder. */
describe("the embedded database's files", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "dyad-perms-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("are readable and writable by their owner only, folder 0700 and files 0600", async () => {
    const location = path.join(scratch, "data", "pglite");
    const database = await openDatabase({ driver: "pglite", location });
    await migrateDatabase(database);
    await database.close();
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(location).toString(8)).toBe("700");
    const entries = readdirSync(location, { withFileTypes: true, recursive: true });
    expect(entries.length).toBeGreaterThan(100);
    const open = entries.filter((e) => mode(path.join(e.parentPath, e.name)) & 0o077).map((e) => e.name);
    expect(open).toEqual([]);
  });
});
