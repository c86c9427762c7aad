import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStatementDraft } from "@/lib/boot/seed";
import { auditLog, codebookVersions } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { createTheme, listCodebook, updateTheme, updateThemeRules } from "@/lib/dal/codebook-admin";
import { previewThemeRules } from "@/lib/dal/codebook-preview";
import type { DalContext } from "@/lib/dal/context";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { TestDatabase } from "../support/db";
import { TEST_DRIVERS } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("codebook editor on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let seedId: number;
  let otherId: number;

  const write = async (raw: string) =>
    (
      await writeStatement(
        database.db,
        analyseDraft({ raw, speakerCountry: "USA", counterparts: ["AZE"], date: "2020-01-01" }, await activeCodebook(database.db)),
        null,
      )
    ).id;
  const statementVersion = async (id: number) =>
    (await import("@/lib/dal/statements")).getStatement(people.admin, id).then((s) => s!.version);

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    seedId = (await writeStatement(database.db, analyseDraft(seedStatementDraft(), await activeCodebook(database.db)), null)).id;
    otherId = await write(
      "We discussed the caviar trade and sturgeon fisheries of the Caspian Sea at length.\n\nThe caviar quotas were agreed.",
    );
  });
  afterAll(() => database?.close());

  it("previews draft rules: passages added and dropped, evidence spans, precision and recall on reviewed statements", async () => {
    // People's decisions for "trade-economic-cooperation": accepted on the caviar statement, rejected on the seed statement.
    await addThemeTag(people.staff, {
      statementId: otherId,
      theme: "trade-economic-cooperation",
      version: await statementVersion(otherId),
    });
    await addThemeTag(people.staff, { statementId: seedId, theme: "trade-economic-cooperation", version: await statementVersion(seedId) });
    await removeThemeTag(people.staff, {
      statementId: seedId,
      theme: "trade-economic-cooperation",
      version: await statementVersion(seedId),
    });

    const theme = (await listCodebook(people.manager)).themes.find((t) => t.slug === "trade-economic-cooperation")!;
    const before = await tableCounts(database.db);
    const preview = await previewThemeRules(people.manager, { slug: theme.slug, rules: { ...theme.rules, aliases: ["caviar"] } });
    expect(await tableCounts(database.db)).toEqual(before);

    expect(preview.reviewed.statements).toBe(2);
    expect(preview.reviewed.now.recall).toBe(0); // the saved rules miss the caviar statement
    expect(preview.reviewed.draft.recall).toBe(1); // the alias alone is enough evidence
    expect(preview.reviewed.draft.truePositives).toBe(1);
    const added = preview.passages.filter((p) => p.change === "added");
    expect(added.length).toBeGreaterThan(0);
    for (const p of added) {
      expect(p.statementId).toBe(otherId);
      expect(p.evidence.map((e) => p.excerpt.slice(e.start, e.end).toLowerCase())).toContain("caviar");
    }
    expect(preview.sample.passagesDraft).toBeGreaterThan(preview.sample.passagesNow);

    // Dropping every phrase drops the seed statement's trade passages, if it had any, and never adds.
    const emptied = await previewThemeRules(people.manager, { slug: theme.slug, rules: { ...theme.rules, phrases: ["zzzz"] } });
    expect(emptied.passages.every((p) => p.change === "dropped")).toBe(true);
    expect(emptied.sample.passagesDraft).toBe(0);
  });

  it("refuses a regular expression in a rule with a clear message", async () => {
    const theme = (await listCodebook(people.manager)).themes[0]!;
    await expect(previewThemeRules(people.manager, { slug: theme.slug, rules: { ...theme.rules, phrases: ["(a+)+$"] } })).rejects.toThrow(
      /a phrase is up to 8 words/,
    );
  });

  it("saves aliases as a new codebook version, and refuses an edit made against an older version", async () => {
    const { version, themes } = await listCodebook(people.manager);
    const theme = themes.find((t) => t.slug === "trade-economic-cooperation")!;
    const saved = await updateThemeRules(people.manager, {
      slug: theme.slug,
      enabled: true,
      version,
      rules: { ...theme.rules, aliases: ["caviar"] },
    });
    expect(saved.version).toBe(version + 1);
    await runJobsUntilIdle(database.db);
    const [snapshot] = await database.db.select().from(codebookVersions).where(eq(codebookVersions.version, saved.version));
    expect(snapshot!.snapshot.find((t) => t.slug === theme.slug)?.rules.aliases).toEqual(["caviar"]);

    const before = await tableCounts(database.db);
    const stale = updateThemeRules(people.admin, { slug: theme.slug, enabled: true, version, rules: theme.rules });
    await expect(stale).rejects.toMatchObject({ code: "conflict" });
    await expect(
      updateTheme(people.admin, { slug: theme.slug, name: "Trade", color: "#112233", parent: null, enabled: true, version }),
    ).rejects.toThrow(/you had version/);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("creates a theme, renames, recolours and moves it under a parent; refuses a cycle and a bad colour", async () => {
    let { version } = await listCodebook(people.manager);
    ({ version } = await createTheme(people.manager, {
      slug: "caspian",
      name: "Caspian Sea",
      color: "#123456",
      parent: null,
      enabled: true,
      version,
    }));
    ({ version } = await updateTheme(people.manager, {
      slug: "caspian",
      name: "Caspian",
      color: "#654321",
      parent: "regional-security",
      enabled: true,
      version,
    }));
    const theme = (await listCodebook(people.manager)).themes.find((t) => t.slug === "caspian")!;
    expect(theme).toMatchObject({ name: "Caspian", color: "#654321", parent: "regional-security" });
    const [audit] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({
      action: "codebook.update_theme",
      entityId: "caspian",
      before: { name: "Caspian Sea", parent: null },
      after: { name: "Caspian", parent: "regional-security" },
    });

    await expect(
      updateTheme(people.manager, {
        slug: "regional-security",
        name: "Regional security",
        color: "#44AA99",
        parent: "caspian",
        enabled: true,
        version,
      }),
    ).rejects.toThrow(/own ancestor/);
    await expect(
      updateTheme(people.manager, { slug: "caspian", name: "Caspian", color: "red", parent: null, enabled: true, version }),
    ).rejects.toThrow(/colour like/);
    await expect(
      createTheme(people.manager, { slug: "caspian", name: "Again", color: "#123456", parent: null, enabled: true, version }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await listCodebook(people.manager)).version).toBe(version);
  });

  it("switching a theme off is a new version that re-tags", async () => {
    const { version, themes } = await listCodebook(people.manager);
    const theme = themes.find((t) => t.slug === "nonproliferation")!;
    await updateTheme(people.manager, {
      slug: theme.slug,
      name: theme.name,
      color: theme.color,
      parent: theme.parent,
      enabled: false,
      version,
    });
    expect((await listCodebook(people.manager)).themes.find((t) => t.slug === "nonproliferation")?.enabled).toBe(false);
    await runJobsUntilIdle(database.db);
  });

  it("staff and analysts are refused every codebook change and the preview", async () => {
    const { version, themes } = await listCodebook(people.manager);
    const theme = themes[0]!;
    for (const who of [people.staff, people.analyst]) {
      await expect(previewThemeRules(who, { slug: theme.slug, rules: theme.rules })).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        createTheme(who, { slug: "nope", name: "Nope", color: "#000000", parent: null, enabled: true, version }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        updateTheme(who, { slug: theme.slug, name: "X", color: "#000000", parent: null, enabled: true, version }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
