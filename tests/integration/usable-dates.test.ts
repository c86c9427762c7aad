import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCodebook, seedCountries, seedStatementDraft } from "@/lib/boot/seed";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import type { DalContext } from "@/lib/dal/context";
import { addEvent } from "@/lib/dal/events";
import { importDraft, runBulkImport, startBulkImport } from "@/lib/dal/imports";
import { pairSeries } from "@/lib/dal/pair-series";
import { updateMetadata } from "@/lib/dal/statement-edits";
import { getStatement } from "@/lib/dal/statements";
import { bulkDrafts } from "@/lib/ingest/bulk";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, tableCounts, type Person } from "../support/fixtures";

/** Issue #14 finding 2: a statement dated 9999-12-31 made the weekly series fill loop run forever. */
describe.each(TEST_DRIVERS)("dates outside the usable years on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const text = (n: number) => `Iceland and New Zealand discussed energy security, statement ${n}. Iceland welcomed New Zealand's plans.`;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedCountries(database.db);
    await seedCodebook(database.db);
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("refuses a far-future date at import and saves nothing", async () => {
    const before = await tableCounts(database.db);
    const draft = {
      raw: text(1),
      format: "text" as const,
      date: "9999-12-31",
      datePrecision: "day" as const,
      speakerCountry: "ISL",
      counterparts: ["NZL"],
    };
    await expect(importDraft(people.staff, draft)).rejects.toThrow(/9999-12-31 is outside 1800–2100/);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("rejects a bulk row dated in year 10000 or 1066 with its reason, and imports the others", async () => {
    const jobId = await startBulkImport(people.staff, "dates.csv");
    const rows = [
      { text: text(2), date: "2001-09-12", speaker_country: "ISL", counterpart: "NZL" },
      { text: text(3), date: "9999-12-31", speaker_country: "ISL", counterpart: "NZL" },
      { text: text(4), year: "1066", speaker_country: "ISL", counterpart: "NZL" },
    ].map((record, i) => ({ rowNumber: i + 2, record }));
    const mapping = { text: "text", date: "date", year: "year", speakerCountry: "speaker_country", counterpart: "counterpart" };
    const report = await runBulkImport(people.staff, jobId, bulkDrafts(rows, mapping));
    expect(report.imported).toBe(1);
    expect(report.rejected).toEqual([
      { row: 3, reason: expect.stringMatching(/9999-12-31 is outside 1800–2100/) },
      { row: 4, reason: expect.stringMatching(/1066-01-01 is outside 1800–2100/) },
    ]);
  });

  it("refuses a metadata edit to a far-future date and keeps the old one", async () => {
    const { id } = await importDraft(people.staff, { ...seedStatementDraft(), date: "2010-02-19", datePrecision: "day" });
    const before = await getStatement(people.staff, id);
    await expect(
      updateMetadata(people.staff, {
        statementId: id,
        version: before.version,
        metadata: {
          title: before.title,
          date: "9999-12-31",
          datePrecision: "day",
          speakerName: null,
          speakerTitle: null,
          speakerCountry: "USA",
          venue: null,
          sourceUrl: null,
          kind: "statement",
        },
      }),
    ).rejects.toThrow(/outside 1800–2100/);
    expect((await getStatement(people.staff, id)).date).toBe("2010-02-19");
  });

  it("refuses far-future events and series ranges", async () => {
    await expect(addEvent(people.manager, { day: "9999-12-31", label: "doomsday" })).rejects.toThrow(/outside 1800–2100/);
    expect(() => seriesQueryFromParams(new URLSearchParams("pair=ISL>NZL&theme=energy-security&interval=week&to=9999-12-31"))).toThrow(
      /outside 1800–2100/,
    );
  });

  it("refuses an unusable date in the database itself, under every entry", async () => {
    const failure = await database.db
      .execute(sql`update statements set date = '9999-12-31' where id = (select min(id) from statements)`)
      .catch((error: Error) => error);
    expect(String((failure as Error & { cause?: Error }).cause ?? failure)).toMatch(/statements_date_usable/);
  });

  it("charts weeks over the usable years without made-up points", async () => {
    const query = seriesQueryFromParams(new URLSearchParams("pair=ISL>NZL&theme=energy-security&interval=week"));
    const { series } = await pairSeries(people.analyst, query);
    expect(series[0]!.points.map((p) => p.period)).toEqual(["2001-09-10"]);
  });
});
