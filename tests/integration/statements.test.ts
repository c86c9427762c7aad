import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCodebook, seedCountries, seedStatementDraft } from "@/lib/boot/seed";
import { auditLog, statements, users } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { currentActor, type DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { exportStatements } from "@/lib/dal/exports";
import { pairSeries } from "@/lib/dal/pair-series";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { getStatement, listStatements } from "@/lib/dal/statements";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { verifyCredentials } from "@/lib/dal/public/sign-in";
import { analyseDraft, type ActiveCodebook } from "@/lib/ingest/pipeline";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, PASSWORD, tableCounts, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("statements, tags and series on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let codebook: ActiveCodebook;
  let seedId: number;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedCountries(database.db);
    await seedCodebook(database.db);
    people = await createPeople(database.db);
    codebook = await activeCodebook(database.db);
    ({ id: seedId } = await writeStatement(database.db, analyseDraft(seedStatementDraft(), codebook), null));
  });
  afterAll(() => database?.close());

  const versionOf = async (id: number) =>
    (await database.db.select({ v: statements.version }).from(statements).where(eq(statements.id, id)))[0]!.v;

  it("stores the seed statement cleaned, with pair USA → AZE and the four themes", async () => {
    const s = await getStatement(people.analyst, seedId);
    expect(s.text.startsWith("U.S. - Azerbaijani Relations")).toBe(true);
    expect(s.text).not.toContain("Breaking News");
    expect(s.originalText).toContain("Breaking News");
    expect(s.pairs[0]).toMatchObject({ speakerIso3: "USA", counterpartIso3: "AZE", isPrimary: true, origin: "metadata" });
    expect(s.pairs.map((p) => p.counterpartIso3)).toEqual(expect.arrayContaining(["RUS", "FRA", "AFG", "GEO"]));
    expect(s.themes.map((t) => t.slug)).toEqual(
      expect.arrayContaining(["energy-security", "counterterrorism", "nagorno-karabakh", "democracy"]),
    );
    for (const p of s.passages) expect(s.text.slice(p.start, p.end)).toBe(p.text);
  });

  it("recognises a re-import of the same text and writes nothing", async () => {
    const before = await tableCounts(database.db);
    const again = await writeStatement(database.db, analyseDraft(seedStatementDraft(), codebook), null);
    expect(again).toEqual({ id: seedId, duplicate: true });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("leaves nothing half-written when a statement fails mid-write", async () => {
    const record = analyseDraft({ raw: "Moscow and Washington discussed energy security at length.", speakerCountry: "USA" }, codebook);
    record.pairs.push({ speakerIso3: "USA", counterpartIso3: "ZZZ", origin: "manual", isPrimary: false, mentions: 0 });
    const before = await tableCounts(database.db);
    await expect(writeStatement(database.db, record, null)).rejects.toThrow();
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("adds and removes a theme by hand, audited with before and after", async () => {
    const { version } = await addThemeTag(people.staff, {
      statementId: seedId,
      theme: "nonproliferation",
      version: await versionOf(seedId),
    });
    expect((await getStatement(people.staff, seedId)).themes.find((t) => t.slug === "nonproliferation")?.origin).toBe("human");
    await removeThemeTag(people.staff, { statementId: seedId, theme: "nonproliferation", version });
    expect((await getStatement(people.staff, seedId)).themes.map((t) => t.slug)).not.toContain("nonproliferation");
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(seedId)));
    const removal = audit.find((a) => a.action === "tag.remove");
    expect(removal?.actorId).toBe(people.staff.userId);
    // The audit row holds the statement's whole editable state before and after (what history restores from).
    const statuses = (state: unknown) =>
      (state as { tags: { theme: string; status: string }[] }).tags.filter((t) => t.theme === "nonproliferation").map((t) => t.status);
    expect(statuses(removal?.before).length).toBeGreaterThan(0);
    expect(statuses(removal?.before)).not.toContain("rejected");
    expect(new Set(statuses(removal?.after))).toEqual(new Set(["rejected"]));
    expect(removal?.after).toMatchObject({ change: { theme: "nonproliferation" } });
  });

  it("refuses a stale edit with both versions and writes nothing", async () => {
    const current = await versionOf(seedId);
    const before = await tableCounts(database.db);
    const error = await addThemeTag(people.staff, { statementId: seedId, theme: "nonproliferation", version: current - 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(DalError);
    expect(error.code).toBe("conflict");
    expect(error.message).toContain(`version ${current - 1}`);
    expect(error.message).toContain(`version ${current}`);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("refuses a tag for a theme or statement that does not exist", async () => {
    await expect(
      addThemeTag(people.staff, { statementId: seedId, theme: "no-such-theme", version: await versionOf(seedId) }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(addThemeTag(people.staff, { statementId: 999999, theme: "democracy", version: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("counts statements per year and month from real rows, with gaps as null", async () => {
    const texts = [
      ["2003-05-10", "day", "Energy security and pipelines to Azerbaijan were discussed with Baku."],
      ["2003-11-02", "day", "Energy security in the Caspian: Azerbaijan and the pipeline."],
      ["2005-01-01", "year", "Baku and energy security: Azerbaijan diversifies supply routes."],
    ] as const;
    for (const [date, datePrecision, raw] of texts) {
      await writeStatement(
        database.db,
        analyseDraft({ raw, date, datePrecision, speakerCountry: "USA", counterparts: ["AZE"] }, codebook),
        null,
      );
    }
    const query = {
      pairs: [{ speaker: "USA", counterpart: "AZE" }],
      themes: ["energy-security"],
      bothDirections: false,
      measure: "statements" as const,
      scale: "count" as const,
    };
    const yearly = await pairSeries(people.analyst, { ...query, interval: "year" });
    expect(yearly.series[0]!.points.map((p) => [p.period, p.value])).toEqual([
      ["2003", 2],
      ["2004", null],
      ["2005", 1],
    ]);
    const monthly = await pairSeries(people.analyst, { ...query, interval: "month" });
    const points = monthly.series[0]!.points;
    expect(points.filter((p) => (p.value ?? 0) > 0).map((p) => [p.period, p.value])).toEqual([
      ["2003-05", 1],
      ["2003-11", 1],
    ]);
    expect(points).toHaveLength(7);
    expect(monthly.tooCoarse).toBe(1);
  });

  it("exports the statements behind a chart with their pairs and themes", async () => {
    const rows = [];
    for await (const batch of await exportStatements(people.manager, { speaker: "USA", counterpart: "AZE", theme: "energy-security" }))
      rows.push(...batch);
    expect(rows.map((r) => r.id)).toContain(seedId);
    const seed = rows.find((r) => r.id === seedId)!;
    expect(seed.pairs.split("; ")[0]).toBe("USA>AZE");
    expect(seed.themes).toContain("energy-security");
  });

  it("checks passwords, and says an account is disabled only to someone who knows its password", async () => {
    expect(await verifyCredentials(database.db, "staff@test.example", PASSWORD)).toMatchObject({ ok: true });
    expect(await verifyCredentials(database.db, "staff@test.example", "nope")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(database.db, "nobody@test.example", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(database.db, "disabled@test.example", "nope")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(database.db, "disabled@test.example", PASSWORD)).toEqual({ ok: false, reason: "disabled" });
  });

  it("takes a demotion or a disabling into account on the very next request", async () => {
    const ctx = people.manager;
    await expect(exportStatements(ctx, {})).resolves.toBeDefined();
    await database.db.update(users).set({ role: "analyst" }).where(eq(users.id, ctx.userId!));
    await expect(exportStatements(ctx, {})).rejects.toMatchObject({ code: "forbidden" });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, ctx.userId!));
    expect(await currentActor(ctx)).toBeNull();
    await expect(listStatements(ctx, {})).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
