import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db/client";
import { seedStatementDraft } from "@/lib/boot/seed";
import { statements } from "@/db/schema";
import { BackupError, exportArchive, importArchive } from "@/lib/dal/internal/backup";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { createTheme, listCodebook, updateTheme, updateThemeRules } from "@/lib/dal/codebook-admin";
import type { DalContext } from "@/lib/dal/context";
import { addEvent } from "@/lib/dal/events";
import { setPasswordWithLink } from "@/lib/dal/public/password-link";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { markReviewed } from "@/lib/dal/review";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag } from "@/lib/dal/tags";
import { saveReport } from "@/lib/dal/report-definitions";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { verifyCredentials } from "@/lib/dal/public/sign-in";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, PASSWORD, type Person } from "../support/fixtures";

const TABLES: [string, string][] = [
  ["users", "id"],
  ["countries", "iso3"],
  ["themes", "id"],
  ["codebook_versions", "version"],
  ["statements", "id"],
  ["passages", "id"],
  ["statement_pairs", "statement_id, speaker_iso3, counterpart_iso3"],
  ["tags", "id"],
  ["events", "id"],
  ["audit_log", "id"],
  ["series_cells", "speaker_iso3, counterpart_iso3, theme_id, language, day, precision"],
  ["review_states", "statement_id"],
  ["tone_overrides", "id"],
  ["tone_baselines", "id"],
  ["report_definitions", "id"],
];

async function rows(db: Db, table: string, key: string): Promise<unknown[]> {
  const drop = table === "users" ? sql` - 'password_hash'` : sql``;
  const result = await db.execute(sql`select to_jsonb(t)${drop} as r from ${sql.identifier(table)} t order by ${sql.raw(key)}`);
  return rowsOf<{ r: unknown }>(result).map(({ r }) => (typeof r === "string" ? JSON.parse(r) : r));
}

describe("backup and restore", () => {
  let source: TestDatabase;
  let people: Record<Person, DalContext>;
  let dir: string;
  let archive: string;

  beforeAll(async () => {
    ({ database: source, people } = await createSeededDatabase("pglite"));
    const codebook = await activeCodebook(source.db);
    const seed = await writeStatement(source.db, analyseDraft(seedStatementDraft(), codebook), people.staff.userId);
    await writeStatement(
      source.db,
      analyseDraft(
        {
          raw: "Armenia and Azerbaijan signed a ceasefire in Nagorno-Karabakh.\n\nTerrorism was condemned.",
          speakerCountry: "RUS",
          counterparts: ["ARM", "AZE"],
          date: "2020-11-10",
        },
        codebook,
      ),
      null,
    );
    await addThemeTag(people.staff, { statementId: seed.id, theme: "nonproliferation", version: 1 });
    const statementVersion = async () =>
      (await source.db.select({ v: statements.version }).from(statements).where(eq(statements.id, seed.id)))[0]!.v;
    await setToneOverride(people.staff, {
      statementId: seed.id,
      version: await statementVersion(),
      passageId: null,
      value: 2,
      note: "warm",
    });
    await markReviewed(people.staff, { statementId: seed.id, version: await statementVersion() });
    await addEvent(people.staff, { day: "2020-09-27", label: 'War resumes, "quoted"\nand on two lines', countryA: "ARM", countryB: "AZE" });
    const { version: first, themes } = await listCodebook(people.manager);
    let version = first;
    const trade = themes.find((t) => t.slug === "trade-economic-cooperation")!;
    ({ version } = await updateThemeRules(people.manager, {
      slug: trade.slug,
      enabled: true,
      version,
      rules: { ...trade.rules, aliases: ["caviar"] },
    }));
    // A parent made after its child: the restore must not trip over the order of theme ids.
    ({ version } = await createTheme(people.manager, {
      slug: "economy",
      name: "Economy",
      color: "#101010",
      parent: null,
      enabled: true,
      version,
    }));
    await updateTheme(people.manager, {
      slug: trade.slug,
      name: trade.name,
      color: trade.color,
      parent: "economy",
      enabled: true,
      version,
    });
    await runJobsUntilIdle(source.db);
    await saveReport(people.manager, {
      name: "Karabakh quarterly",
      spec: { pairs: [{ speaker: "ARM", counterpart: "AZE" }], themes: ["nagorno-karabakh"], interval: "quarter" },
    });
    dir = mkdtempSync(path.join(tmpdir(), "dyad-backup-"));
    archive = path.join(dir, "backup.dyad.jsonl.gz");
    const manifest = await exportArchive(source.db, archive);
    expect(manifest.tables.find((t) => t.name === "statements")?.rows).toBe(2);
    expect(manifest.tables.find((t) => t.name === "report_definitions")?.rows).toBe(1);
  });
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes no password hash into the archive", () => {
    const text = gunzipSync(readFileSync(archive)).toString("utf8");
    expect(text).not.toMatch(/\$2[aby]\$/);
    expect(text).not.toContain("password_hash");
    expect(JSON.parse(text.split("\n")[0]!)).toMatchObject({ format: "dyad-backup", formatVersion: 1, passwords: "not included" });
  });

  describe.each(TEST_DRIVERS)("PGlite → %s", (driver) => {
    let target: TestDatabase;
    let links: { email: string; path: string }[];
    beforeAll(async () => {
      target = await createTestDatabase(driver);
      ({ links } = await importArchive(target.db, archive));
    });
    afterAll(() => target?.close());

    it.each(TABLES)("restores %s row for row", async (table, key) => {
      const [expected, actual] = await Promise.all([rows(source.db, table, key), rows(target.db, table, key)]);
      expect(actual.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    });

    it("moves every sequence past the restored ids", async () => {
      const maxId = async (table: string) => Math.max(...((await rows(target.db, table, "id")) as { id: number }[]).map((r) => r.id));
      const [events, audit] = [await maxId("events"), await maxId("audit_log")];
      const id = await addEvent({ db: target.db, userId: people.staff.userId }, { day: "2021-01-01", label: "after the restore" });
      expect(id).toBe(events + 1);
      expect(await maxId("audit_log")).toBe(audit + 1);
    });

    it("restored people have no password until they use their link; disabled people get none", async () => {
      expect(await verifyCredentials(target.db, "manager@test.example", PASSWORD)).toMatchObject({ ok: false });
      expect(links.map((l) => l.email)).not.toContain("disabled@test.example");
      const link = links.find((l) => l.email === "manager@test.example")!;
      const token = decodeURIComponent(link.path.split("token=")[1]!);
      await setPasswordWithLink({ db: target.db, userId: null }, { token, password: "restored and renewed" });
      expect(await verifyCredentials(target.db, "manager@test.example", "restored and renewed")).toMatchObject({ ok: true });
    });

    it("refuses a database that is not empty, and changes nothing", async () => {
      const before = await rows(target.db, "audit_log", "id");
      await expect(importArchive(target.db, archive)).rejects.toThrow(/not empty \(\d+ users, .*statements/);
      expect(await rows(target.db, "audit_log", "id")).toEqual(before);
    });
  });

  it("refuses a foreign file, a newer format and a truncated archive, leaving the database empty", async () => {
    const target = await createTestDatabase("pglite");
    try {
      const lines = gunzipSync(readFileSync(archive)).toString("utf8").split("\n");
      const write = (name: string, text: string) => {
        const file = path.join(dir, name);
        writeFileSync(file, gzipSync(text));
        return file;
      };
      const foreign = path.join(dir, "foreign.gz");
      writeFileSync(foreign, "id,name\n1,x\n");
      await expect(importArchive(target.db, foreign)).rejects.toBeInstanceOf(BackupError);
      await expect(importArchive(target.db, path.join(dir, "missing.gz"))).rejects.toThrow(/ENOENT/);
      const newer = JSON.stringify({ ...JSON.parse(lines[0]!), formatVersion: 2 });
      await expect(importArchive(target.db, write("newer.gz", [newer, ...lines.slice(1)].join("\n")))).rejects.toThrow(/format version 2/);
      await expect(importArchive(target.db, write("cut.gz", lines.slice(0, -20).join("\n")))).rejects.toThrow(/ends early/);
      expect(await rows(target.db, "users", "id")).toEqual([]);
      expect(await rows(target.db, "statements", "id")).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
