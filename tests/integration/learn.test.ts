import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passages, statements } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { isHeldOut, modelSuggestions, trainTagger } from "@/lib/dal/internal/tagger-training";
import { taggerQuality } from "@/lib/dal/tagger-quality";
import { markReviewed } from "@/lib/dal/review";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { togglePassageTheme } from "@/lib/dal/tags";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";
import { taggerModels } from "@/db/schema";

/** Passages the rules miss but staff tag energy security: the model should learn them from the decisions. */
const MISSED = [
  "The LNG terminal at the northern port opens in spring",
  "Our LNG terminal will receive tankers from the Gulf",
  "A second LNG terminal doubles import capacity",
];
const OTHER = [
  "Free and fair elections are the basis of democracy",
  "The courts must stay independent of the government",
  "Farmers exported more wheat this year",
];

describe.each(TEST_DRIVERS)("the tagger learns on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  it("trains on reviewed decisions, beats the rules' recall on held-out passages, and suggests with its source", async () => {
    expect(await trainTagger(database.db)).toBeNull();
    const codebook = await activeCodebook(database.db);
    for (let i = 0; i < 60; i++) {
      const energy = i % 2 === 0;
      const text = `${(energy ? MISSED : OTHER)[i % 3]}, note ${i}.`;
      const { id } = await writeStatement(
        database.db,
        analyseDraft({ raw: text, speakerCountry: "USA", counterparts: ["AZE"], date: "2022-01-01" }, codebook),
        null,
      );
      const [passage] = await database.db.select({ id: passages.id }).from(passages).where(eq(passages.statementId, id));
      const version = async () => (await database.db.select({ v: statements.version }).from(statements).where(eq(statements.id, id)))[0]!.v;
      if (energy)
        await togglePassageTheme(people.staff, {
          statementId: id,
          version: await version(),
          passageId: passage!.id,
          theme: "energy-security",
        });
      await markReviewed(people.staff, { statementId: id, version: await version() });
    }
    await new Promise((r) => setTimeout(r, 200));
    const id = await trainTagger(database.db);
    expect(id).not.toBeNull();
    const quality = (await taggerQuality(people.staff))!;
    expect(quality.heldOutPassages).toBeGreaterThan(5);
    expect(quality.heldOutPassages + quality.trainingPassages).toBe(60);
    const energy = quality.quality.find((q) => q.theme === "energy-security")!;
    expect(energy.rules.actual).toBeGreaterThan(0);
    expect(energy.rules.recall ?? 0).toBe(0);
    expect(energy.model.recall).toBe(1);
    expect(energy.both.recall).toBe(1);
    expect(energy.model.precision).toBe(1);

    const suggestions = await modelSuggestions(database.db, [
      { id: 1, text: "They opened an LNG terminal near the port." },
      { id: 2, text: "Elections will be held in May." },
    ]);
    expect(suggestions.get(1)?.[0]?.theme).toBe("energy-security");
    expect(suggestions.get(2)?.some((s) => s.theme === "energy-security") ?? false).toBe(false);
    expect(isHeldOut(10)).toBe(true);

    // Every review retrains; only the newest model is kept.
    const newer = await trainTagger(database.db);
    expect(newer).toBeGreaterThan(id!);
    const kept = await database.db.select({ id: taggerModels.id }).from(taggerModels);
    expect(kept).toEqual([{ id: newer }]);
  });
});
