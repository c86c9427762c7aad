import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { listCodebook, updateThemeRules } from "@/lib/dal/codebook-admin";
import { previewThemeRules } from "@/lib/dal/codebook-preview";
import type { DalContext } from "@/lib/dal/context";
import { getStatement } from "@/lib/dal/statements";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag } from "@/lib/dal/tags";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("codebook editor with Russian rules on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let ruId: number;
  let enId: number;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    const write = async (raw: string) =>
      (
        await writeStatement(
          database.db,
          analyseDraft({ raw, speakerCountry: "RUS", counterparts: ["AZE"], date: "2020-01-01" }, codebook),
          null,
        )
      ).id;
    ruId = await write("Заявление МИД\n\nМы обсудили поставки чёрной икры и осетровый промысел на Каспии. Квоты на икру согласованы.");
    enId = await write(
      "Statement on trade\n\nWe discussed the caviar trade and sturgeon fisheries of the Caspian Sea at length.\n\nThe caviar quotas were agreed.",
    );
    // A person accepted the trade theme on both statements.
    for (const id of [ruId, enId])
      await addThemeTag(people.staff, {
        statementId: id,
        theme: "trade-economic-cooperation",
        version: (await getStatement(people.admin, id))!.version,
      });
  });
  afterAll(() => database?.close());

  it("previews Russian rules on Russian statements only, with precision and recall per language", async () => {
    const theme = (await listCodebook(people.manager)).themes.find((t) => t.slug === "trade-economic-cooperation")!;
    const ru = theme.rules.ru!;
    const preview = await previewThemeRules(people.manager, {
      slug: theme.slug,
      rules: { ...theme.rules, ru: { ...ru, phrases: [...ru.phrases, "икра: 2"] } },
    });
    const languages = Object.fromEntries(preview.reviewed.byLanguage.map((l) => [l.language, l]));
    expect(Object.keys(languages).sort()).toEqual(["en", "ru"]);
    expect(languages.ru!.statements).toBe(1);
    expect(languages.ru!.now.recall).toBe(0); // the saved Russian rules do not know caviar
    expect(languages.ru!.draft.recall).toBe(1); // "икра" reaches "икры" and "икру" by its stem
    expect(languages.en!.draft.recall).toBe(languages.en!.now.recall); // English statements are not touched by Russian rules
    const added = preview.passages.filter((p) => p.change === "added");
    expect(added.length).toBeGreaterThan(0);
    for (const p of added) {
      expect(p.statementId).toBe(ruId);
      expect(p.language).toBe("ru");
      expect(p.evidence.map((e) => p.excerpt.slice(e.start, e.end).toLowerCase())).toEqual(expect.arrayContaining(["икры"]));
    }
    // An English phrase for the same thing tags only the English statement.
    const english = await previewThemeRules(people.manager, { slug: theme.slug, rules: { ...theme.rules, aliases: ["caviar"] } });
    expect(english.passages.filter((p) => p.change === "added").every((p) => p.statementId === enId && p.language === "en")).toBe(true);
  });

  it("saves Russian rules beside the English ones", async () => {
    const { version, themes } = await listCodebook(people.manager);
    const theme = themes.find((t) => t.slug === "trade-economic-cooperation")!;
    await updateThemeRules(people.manager, {
      slug: theme.slug,
      version,
      enabled: true,
      rules: { ...theme.rules, ru: { phrases: ["икра: 2"], exclusions: [] } },
    });
    const saved = (await listCodebook(people.manager)).themes.find((t) => t.slug === "trade-economic-cooperation")!;
    expect(saved.rules.ru).toEqual({ phrases: ["икра: 2"], exclusions: [] });
    expect(saved.rules.phrases).toEqual(theme.rules.phrases);
  });
});
