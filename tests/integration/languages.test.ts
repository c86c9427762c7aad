import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DalContext } from "@/lib/dal/context";
import { importDraft } from "@/lib/dal/imports";
import { getStatement } from "@/lib/dal/statements";
import { languageNote } from "@/lib/engine/russian";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

/** Issue #18: a statement in a language the engine does not read says so; it never poses as neutral. */
describe.each(TEST_DRIVERS)("statements by language on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  it("reads a Russian statement: its counterpart, themes and tone", async () => {
    const raw = "Москва, 3 марта 2025 года. Мы решительно осуждаем террористическую атаку. Россия и Азербайджан договорились о сотрудничестве в области энергетической безопасности и транзита газа.";
    const { id } = await importDraft(people.staff, { raw, speakerCountry: "RUS" });
    const s = await getStatement(people.staff, id);
    expect(s.language).toBe("ru");
    expect(s.date).toBe("2025-03-03");
    expect(s.pairs.map((p) => p.counterpartIso3)).toContain("AZE");
    expect(s.themes.map((t) => t.slug)).toEqual(expect.arrayContaining(["energy-security", "counterterrorism"]));
    expect(languageNote(s.language)).toBeNull();
  });

  it("stores a statement in a language it cannot read with no themes and no tone, and says why", async () => {
    const raw = "Azərbaycan Respublikasının Xarici İşlər Nazirliyi bəyan edir ki, Ermənistan tərəfi atəşkəs rejimini pozub. Biz beynəlxalq ictimaiyyəti bu təxribata qiymət verməyə çağırırıq.";
    const { id } = await importDraft(people.staff, { raw, speakerCountry: "AZE" });
    const s = await getStatement(people.staff, id);
    expect(s.language).not.toMatch(/^(en|ru|und)$/);
    expect(s.tone).toBeNull();
    expect(s.themes).toEqual([]);
    expect(languageNote(s.language)).toMatch(/Language not supported/);
  });
});
