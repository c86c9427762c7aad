import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { searchStatements, SEARCH_PAGE_SIZE } from "@/lib/dal/search";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";

const STATEMENTS = [
  {
    title: "Pipeline talks in Baku",
    date: "2008-02-19",
    speakerCountry: "USA",
    body: "The United States and Azerbaijan discussed energy security and the southern gas corridor in Baku.",
  },
  {
    title: "Moscow on gas transit",
    date: "2009-01-10",
    speakerCountry: "RUS",
    body: "Russia spoke about gas transit through Ukraine. Energy security was not mentioned as such.",
  },
  {
    title: "Counterterrorism cooperation",
    date: "2002-05-01",
    speakerCountry: "USA",
    body: "We condemn terrorism and welcome cooperation with Azerbaijan against terrorist financing.",
  },
  {
    title: "Elections observed",
    date: "2003-10-16",
    speakerCountry: "USA",
    body: "Observers reported on the elections in Azerbaijan; democracy needs free media.",
  },
];

describe.each(TEST_DRIVERS)("full-text search on %s", (driver) => {
  let database: TestDatabase;
  let analyst: DalContext;

  beforeAll(async () => {
    let people: Record<Person, DalContext>;
    ({ database, people } = await createSeededDatabase(driver));
    analyst = people.analyst;
    const codebook = await activeCodebook(database.db);
    for (const s of STATEMENTS) {
      const draft = {
        raw: `${s.title}\n\n${s.body}`,
        title: s.title,
        date: s.date,
        datePrecision: "day" as const,
        speakerCountry: s.speakerCountry,
      };
      await writeStatement(database.db, analyseDraft(draft, codebook), null);
    }
    // Enough matching statements for a second page.
    for (let i = 0; i < SEARCH_PAGE_SIZE + 3; i++) {
      const draft = { raw: `Readout ${i}\n\nA routine readout number ${i} about pipelines.`, title: `Readout ${i}`, speakerCountry: "USA" };
      await writeStatement(database.db, analyseDraft(draft, codebook), null);
    }
  });
  afterAll(() => database?.close());

  const titles = async (q: string, filter = {}, page = 1) => (await searchStatements(analyst, q, filter, page)).rows.map((r) => r.title);

  it("finds words in the title and the text, ranked, with a highlighted snippet", async () => {
    const result = await searchStatements(analyst, "energy security", {});
    expect(result.rows.map((r) => r.title).sort()).toEqual(["Moscow on gas transit", "Pipeline talks in Baku"]);
    expect(result.total).toBe(2);
    expect(result.rows[0]!.snippet.toLowerCase()).toContain("«energy» «security»");
    expect(await titles("elections")).toEqual(["Elections observed"]);
  });

  it("understands quoted phrases, exclusions and or", async () => {
    expect(await titles('"gas corridor"')).toEqual(["Pipeline talks in Baku"]);
    expect(await titles('"corridor gas"')).toEqual([]);
    expect(await titles("gas -transit")).toEqual(["Pipeline talks in Baku"]);
    expect((await titles("terrorism or elections")).sort()).toEqual(["Counterterrorism cooperation", "Elections observed"]);
  });

  it("matches word prefixes written with * (pipel* finds pipeline), alone, with other words or excluded", async () => {
    expect(await titles("pipel* baku")).toEqual(["Pipeline talks in Baku"]);
    expect(await titles("corrid*")).toEqual(["Pipeline talks in Baku"]);
    expect(await titles("gas -corrid*")).toEqual(["Moscow on gas transit"]);
    expect((await searchStatements(analyst, "pipel*", {})).total).toBe(1 + SEARCH_PAGE_SIZE + 3);
    expect((await searchStatements(analyst, "pipel*", {})).rows[0]!.snippet).toMatch(/«[Pp]ipeline/);
  });

  it("applies the statement filters", async () => {
    expect(await titles("energy security", { speaker: "RUS" })).toEqual(["Moscow on gas transit"]);
    expect(await titles("energy security", { from: "2008-06-01" })).toEqual(["Moscow on gas transit"]);
    expect(await titles("azerbaijan", { to: "2002-12-31" })).toEqual(["Counterterrorism cooperation"]);
  });

  it("pages through every hit without a cap", async () => {
    const first = await searchStatements(analyst, "readout", {}, 1);
    const second = await searchStatements(analyst, "readout", {}, 2);
    expect(first.total).toBe(SEARCH_PAGE_SIZE + 3);
    expect(first.rows).toHaveLength(SEARCH_PAGE_SIZE);
    expect(second.rows).toHaveLength(3);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(SEARCH_PAGE_SIZE + 3);
  });

  it("treats hostile input as words: no error, no SQL, nothing written", async () => {
    const before = await tableCounts(database.db);
    for (const q of [
      "nul\u0000byte",
      "'; drop table statements; --",
      "<script>alert(1)</script>",
      "energy & | ! ( ) :* \\",
      '"unclosed',
      "-",
      "",
      "*",
      "a** -*",
      "x*:* !y*",
    ]) {
      await expect(searchStatements(analyst, q, {})).resolves.toMatchObject({ page: 1 });
    }
    expect(await tableCounts(database.db)).toEqual(before);
  });
});
