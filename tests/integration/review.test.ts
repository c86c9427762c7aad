import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStatementDraft } from "@/lib/boot/seed";
import { auditLog, passages, reviewClaims, statements, tags, themes, toneOverrides } from "@/db/schema";
import { claimStatement, releaseClaim } from "@/lib/dal/claims";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { readState } from "@/lib/dal/internal/statement-state";
import { restoreStatement, statementHistory } from "@/lib/dal/history";
import { markReviewed, nextInQueue, reviewQueue, reviewStatement } from "@/lib/dal/review";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { setPairs, updateMetadata } from "@/lib/dal/statement-edits";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { acceptSuggestions, addSpanTag, addThemeTag, decideTag, togglePassageTheme } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";

async function refusal(promise: Promise<unknown>, code: DalError["code"]): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DalError);
  expect((error as DalError).code).toBe(code);
  return (error as DalError).message;
}

describe.each(TEST_DRIVERS)("staff review on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let seedId: number;
  let emojiId: number;
  const version = async (id: number) =>
    (await database.db.select({ v: statements.version }).from(statements).where(eq(statements.id, id)))[0]!.v;

  async function cellsAreInStep() {
    const read = async () =>
      (
        (await database.db.execute(sql`select speaker_iso3, counterpart_iso3, theme_id, language, day::text, statements, passages,
        round(tone_sum::numeric, 6)::text as tone_sum, tone_n from series_cells order by 1, 2, 3, 4, 5`)) as unknown as { rows: unknown[] }
      ).rows;
    const incremental = await read();
    await rebuildCells(database.db);
    expect(incremental).toEqual(await read());
  }

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    seedId = (
      await writeStatement(database.db, analyseDraft({ ...seedStatementDraft(), date: "2019-06-01", datePrecision: "day" }, codebook), null)
    ).id;
    emojiId = (
      await writeStatement(
        database.db,
        analyseDraft(
          {
            raw: "We welcome energy cooperation 🤝 with Azerbaijan and the new gas pipeline.",
            speakerCountry: "USA",
            counterparts: ["AZE"],
            date: "2020-05-01",
            sourceUrl: "https://example.org/emoji",
          },
          codebook,
        ),
        null,
      )
    ).id;
  });
  afterAll(() => database?.close());

  it("queues new statements with their reasons, filters them and shows progress", async () => {
    const queue = await reviewQueue(people.staff, {});
    expect(queue.rows.map((r) => r.id).sort()).toEqual([seedId, emojiId].sort());
    expect(queue.progress).toEqual({ reviewed: 0, total: 2 });
    expect(queue.rows.find((r) => r.id === seedId)!.reasons).toContain("new");
    const bySource = await reviewQueue(people.staff, { source: "example.org" });
    expect(bySource.rows.map((r) => r.id)).toEqual([emojiId]);
    // typed wildcards are characters: no source contains "%"
    expect((await reviewQueue(people.staff, { source: "%" })).rows).toEqual([]);
    const byPair = await reviewQueue(people.staff, { speaker: "USA", counterpart: "AZE", from: "2020-01-01" });
    expect(byPair.rows.map((r) => r.id)).toEqual([emojiId]);
    const byTheme = await reviewQueue(people.staff, { theme: "nagorno-karabakh" });
    expect(byTheme.rows.map((r) => r.id)).toEqual([seedId]);
  });

  it("lets one person claim a statement; others see who holds it until it expires", async () => {
    const claim = await claimStatement(people.staff, seedId);
    expect(claim.holder).toBe("staff");
    expect(await refusal(claimStatement(people.manager, seedId), "conflict")).toMatch(
      /^staff is working on this statement until \d\d:\d\d UTC/,
    );
    const queue = await reviewQueue(people.manager, {});
    expect(queue.rows.find((r) => r.id === seedId)!.claim).toMatchObject({ holder: "staff", mine: false });
    expect(await nextInQueue(people.manager, {}, null)).toBe(emojiId);
    await database.db
      .update(reviewClaims)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(reviewClaims.statementId, seedId));
    expect((await claimStatement(people.manager, seedId)).holder).toBe("manager");
    expect(await releaseClaim(people.staff, seedId)).toEqual({ released: false });
    expect(await releaseClaim(people.manager, seedId)).toEqual({ released: true });
  });

  it("accepts and rejects suggestions, accepts a passage's, toggles a theme, keeping charts in step", async () => {
    const reader = await reviewStatement(people.staff, seedId);
    const suggested = reader.passages.flatMap((p) => p.tags).filter((t) => t.status === "suggested");
    expect(suggested.length).toBeGreaterThan(3);
    let v = reader.version;
    v = (await decideTag(people.staff, { statementId: seedId, version: v, tagId: suggested[0]!.id, decision: "rejected" })).version;
    v = (await decideTag(people.staff, { statementId: seedId, version: v, tagId: suggested[1]!.id, decision: "accepted" })).version;
    const passage = reader.passages.find((p) =>
      p.tags.some((t) => t.status === "suggested" && t.id !== suggested[0]!.id && t.id !== suggested[1]!.id),
    )!;
    v = (await acceptSuggestions(people.staff, { statementId: seedId, version: v, passageId: passage.id })).version;
    v = (await togglePassageTheme(people.staff, { statementId: seedId, version: v, passageId: passage.id, theme: "elections" })).version;
    const after = await reviewStatement(people.staff, seedId);
    expect(after.version).toBe(v);
    const statuses = new Map(after.passages.flatMap((p) => p.tags).map((t) => [t.id, t.status]));
    expect(statuses.get(suggested[0]!.id)).toBe("rejected");
    expect(statuses.get(suggested[1]!.id)).toBe("accepted");
    const mine = after.passages.find((p) => p.id === passage.id)!.tags;
    expect(mine.filter((t) => t.theme !== "elections").every((t) => t.status !== "suggested")).toBe(true);
    expect(mine.find((t) => t.theme === "elections")).toMatchObject({ origin: "human", status: "accepted" });
    v = (await togglePassageTheme(people.staff, { statementId: seedId, version: v, passageId: passage.id, theme: "elections" })).version;
    expect(
      (await reviewStatement(people.staff, seedId)).passages.find((p) => p.id === passage.id)!.tags.find((t) => t.theme === "elections")!
        .status,
    ).toBe("rejected");
    await cellsAreInStep();
  });

  it("tags a selected span, and refuses spans out of range, empty or splitting a character, writing nothing", async () => {
    const reader = await reviewStatement(people.staff, emojiId);
    const passage = reader.passages[0]!;
    const [text] = (await database.db.select({ text: statements.text }).from(statements).where(eq(statements.id, emojiId))).map(
      (r) => r.text,
    );
    const emoji = text!.indexOf("🤝");
    const before = await tableCounts(database.db);
    const v = reader.version;
    const span = (start: number, end: number) =>
      addSpanTag(people.staff, {
        statementId: emojiId,
        version: v,
        passageId: passage.id,
        theme: "trade-economic-cooperation",
        start,
        end,
      });
    expect(await refusal(span(passage.start, passage.end + 5), "invalid")).toMatch(/outside the passage/);
    expect(await refusal(span(-3, 4), "invalid")).toMatch(/outside the passage/);
    expect(await refusal(span(10, 10), "invalid")).toMatch(/is empty/);
    expect(await refusal(span(emoji + 1, emoji + 6), "invalid")).toMatch(/cut a character in half/);
    expect(await refusal(span(emoji - 5, emoji + 1), "invalid")).toMatch(/cut a character in half/);
    expect(await tableCounts(database.db)).toEqual(before);
    const ok = await span(emoji - 12, emoji + 2);
    expect(ok.version).toBe(v + 1);
    const [tag] = await database.db
      .select()
      .from(tags)
      .where(and(eq(tags.statementId, emojiId), eq(tags.origin, "human")));
    expect(tag).toMatchObject({ spanStart: emoji - 12, spanEnd: emoji + 2, status: "accepted" });
    expect(tag!.evidence[0]!.phrase).toBe("cooperation 🤝");
    await cellsAreInStep();
  });

  it("refuses a tag for a theme deleted from the codebook", async () => {
    await database.db.update(themes).set({ enabled: false }).where(eq(themes.slug, "elections"));
    try {
      const reader = await reviewStatement(people.staff, emojiId);
      const before = await tableCounts(database.db);
      const p = reader.passages[0]!;
      const message = await refusal(
        addSpanTag(people.staff, {
          statementId: emojiId,
          version: reader.version,
          passageId: p.id,
          theme: "elections",
          start: p.start,
          end: p.start + 5,
        }),
        "invalid",
      );
      expect(message).toMatch(/removed from the codebook/);
      await refusal(
        togglePassageTheme(people.staff, { statementId: emojiId, version: reader.version, passageId: p.id, theme: "elections" }),
        "invalid",
      );
      await refusal(addThemeTag(people.staff, { statementId: emojiId, version: reader.version, theme: "no-such-theme" }), "invalid");
      expect(await tableCounts(database.db)).toEqual(before);
    } finally {
      await database.db.update(themes).set({ enabled: true }).where(eq(themes.slug, "elections"));
    }
  });

  it("lets tone overrides win in the statement, its passages and the charts, and clearing brings the machine back", async () => {
    const reader = await reviewStatement(people.staff, seedId);
    const machine = await database.db
      .select({ id: passages.id, tone: passages.tone })
      .from(passages)
      .where(eq(passages.statementId, seedId));
    const target = reader.passages[2]!;
    let v = (
      await setToneOverride(people.staff, {
        statementId: seedId,
        version: reader.version,
        passageId: target.id,
        value: -2,
        note: "sarcastic",
      })
    ).version;
    const toneOf = async (id: number) =>
      (await database.db.select({ tone: passages.tone }).from(passages).where(eq(passages.id, id)))[0]!.tone;
    expect(await toneOf(target.id)).toBe(-1);
    await cellsAreInStep();
    v = (await setToneOverride(people.staff, { statementId: seedId, version: v, passageId: null, value: 1 })).version;
    const s = (await database.db.select({ tone: statements.tone }).from(statements).where(eq(statements.id, seedId)))[0]!;
    expect(s.tone).toBe(0.5);
    for (const p of machine) expect(await toneOf(p.id)).toBe(p.id === target.id ? -1 : 0.5);
    const cellTone = await database.db.execute(
      sql`select sum(tone_sum)::float8 as t from series_cells where theme_id = 0 and speaker_iso3 = 'USA' and counterpart_iso3 = 'AZE' and day = '2019-06-01'`,
    );
    expect((cellTone as unknown as { rows: { t: number }[] }).rows[0]!.t).toBeCloseTo(-1 + 0.5 * (machine.length - 1), 5);
    await cellsAreInStep();
    await refusal(setToneOverride(people.staff, { statementId: seedId, version: v, passageId: null, value: 3 }), "invalid");
    v = (await setToneOverride(people.staff, { statementId: seedId, version: v, passageId: null, value: null })).version;
    v = (await setToneOverride(people.staff, { statementId: seedId, version: v, passageId: target.id, value: null })).version;
    for (const p of machine) expect(await toneOf(p.id)).toBe(p.tone);
    expect(await database.db.select().from(toneOverrides).where(eq(toneOverrides.statementId, seedId))).toEqual([]);
    await cellsAreInStep();
  });

  it("edits metadata and pairs, refusing unknown countries", async () => {
    const reader = await reviewStatement(people.staff, emojiId);
    let v = (
      await updateMetadata(people.staff, {
        statementId: emojiId,
        version: reader.version,
        metadata: { ...reader.metadata, title: "Energy cooperation", date: "2021-03-04" },
      })
    ).version;
    await refusal(
      setPairs(people.staff, {
        statementId: emojiId,
        version: v,
        pairs: [{ speakerIso3: "USA", counterpartIso3: "XXX", isPrimary: true }],
      }),
      "invalid",
    );
    await refusal(
      updateMetadata(people.staff, { statementId: emojiId, version: v, metadata: { ...reader.metadata, date: "2021-02-31" } }),
      "invalid",
    );
    v = (
      await setPairs(people.staff, {
        statementId: emojiId,
        version: v,
        pairs: [
          { speakerIso3: "USA", counterpartIso3: "AZE", isPrimary: true },
          { speakerIso3: "USA", counterpartIso3: "GEO", isPrimary: false },
        ],
      })
    ).version;
    const after = await reviewStatement(people.staff, emojiId);
    expect(after.metadata).toMatchObject({ title: "Energy cooperation", date: "2021-03-04" });
    expect(after.pairs.map((p) => `${p.speakerIso3}>${p.counterpartIso3}:${p.origin}`)).toEqual(["USA>AZE:metadata", "USA>GEO:manual"]);
    await cellsAreInStep();
  });

  it("two coders saving the same passage at once: one wins, the other is told both versions, nothing lost", async () => {
    const reader = await reviewStatement(people.staff, seedId);
    const passage = reader.passages[1]!;
    const auditBefore = (await database.db.select({ id: auditLog.id }).from(auditLog)).length;
    const results = await Promise.allSettled([
      togglePassageTheme(people.staff, {
        statementId: seedId,
        version: reader.version,
        passageId: passage.id,
        theme: "trade-economic-cooperation",
      }),
      setToneOverride(people.manager, { statementId: seedId, version: reader.version, passageId: passage.id, value: 2 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DalError);
    expect((lost[0]!.reason as DalError).message).toContain(`you had version ${reader.version}, it is now version ${reader.version + 1}`);
    expect(await version(seedId)).toBe(reader.version + 1);
    expect((await database.db.select({ id: auditLog.id }).from(auditLog)).length).toBe(auditBefore + 1);
    const after = await reviewStatement(people.staff, seedId);
    const p = after.passages.find((x) => x.id === passage.id)!;
    const tradeWon = p.tags.some((t) => t.theme === "trade-economic-cooperation" && t.origin === "human");
    expect(tradeWon).toBe(results[0]!.status === "fulfilled");
    expect(p.toneOverride?.value === 2).toBe(results[1]!.status === "fulfilled");
    await cellsAreInStep();
  });

  it("lists a statement's history with before and after, and restores an earlier state (itself audited)", async () => {
    const history = await statementHistory(people.analyst, seedId);
    expect(history.at(-1)!.action).toBe("statement.import");
    const firstEdit = history.at(-2)!;
    expect(firstEdit).toMatchObject({ action: "tag.reject", restorable: true, actor: "staff" });
    expect(firstEdit.summary).toMatch(/suggested → rejected/);
    // Passages by their place in the text (¶1, ¶2 …), tone on the one −1…+1 scale: never internal ids or raw steps.
    const paragraphs = (await reviewStatement(people.staff, seedId)).passages.length;
    for (const { summary } of history) for (const [, n] of summary.matchAll(/¶(\d+)/g)) expect(Number(n)).toBeLessThanOrEqual(paragraphs);
    const toneEdits = history.filter((h) => h.action === "tone.override");
    expect(toneEdits.length).toBeGreaterThan(0);
    for (const { summary } of toneEdits)
      expect(summary).toMatch(/→ (statement|¶\d+) [+-]?\d\.\d\d (hostile|critical|neutral|friendly|warm)/);
    const original = (await database.db.select().from(auditLog).where(eq(auditLog.id, firstEdit.id)))[0]!.before as Awaited<
      ReturnType<typeof readState>
    >;
    const v = await version(seedId);
    await refusal(restoreStatement(people.staff, { statementId: seedId, version: v - 1, auditId: firstEdit.id }), "conflict");
    await refusal(restoreStatement(people.staff, { statementId: seedId, version: v, auditId: history.at(-1)!.id }), "invalid");
    const restored = await restoreStatement(people.staff, { statementId: seedId, version: v, auditId: firstEdit.id });
    const now = await readState(database.db, seedId);
    expect(now.tags.map(({ authorId: _a, ...t }) => t)).toEqual(original.tags.map(({ authorId: _a, ...t }) => t));
    expect(now.toneOverrides).toEqual(original.toneOverrides);
    expect(now.pairs).toEqual(original.pairs);
    const latest = (await statementHistory(people.staff, seedId))[0]!;
    expect(latest).toMatchObject({ id: restored.auditId, action: "statement.restore", fromVersion: v, toVersion: v + 1, restorable: true });
    await cellsAreInStep();
  });

  it("marks a statement reviewed; a re-tag by a newer codebook sends it back", async () => {
    await markReviewed(people.staff, { statementId: emojiId, version: await version(emojiId) });
    let queue = await reviewQueue(people.staff, {});
    expect(queue.rows.map((r) => r.id)).not.toContain(emojiId);
    expect(queue.progress).toEqual({ reviewed: 1, total: 2 });
    const [theme] = await database.db.select({ id: themes.id }).from(themes).where(eq(themes.slug, "trade-economic-cooperation"));
    await database.db
      .insert(tags)
      .values({ statementId: emojiId, themeId: theme!.id, origin: "auto", status: "suggested", confidence: 0.5, codebookVersion: 99 });
    queue = await reviewQueue(people.staff, { reason: "retagged" });
    expect(queue.rows.map((r) => r.id)).toEqual([emojiId]);
    expect(queue.rows[0]!.reasons).toEqual(["retagged", "low-confidence"]);
  });
});
