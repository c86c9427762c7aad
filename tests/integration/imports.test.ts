import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJobs, statements } from "@/db/schema";
import type { DalContext } from "@/lib/dal/context";
import { getImportJob, importDraft, INTERRUPTED_AFTER_MS, previewDraft, runBulkImport, startBulkImport } from "@/lib/dal/imports";
import { bulkDrafts, guessMapping, readBulkRecords } from "@/lib/ingest/bulk";
import type { BulkRow } from "@/lib/ingest/draft";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";
import { hasShared, sharedFile, skipMessage } from "../support/shared-data";

const CSV = [
  "text,date,speaker_country_iso3,counterpart",
  '"The United States welcomes energy cooperation with Azerbaijan and the Southern Gas Corridor.",2008-05-01,USA,AZE',
  '"Broken "row" in the middle",2008-05-02,USA,AZE',
  '"Russia condemns the terrorist attack in Moscow and calls for cooperation against terrorism.",2004-09-01,RUS,',
  '"A statement from a country that does not exist.",2004-09-02,XYZ,',
  '"Georgia and the United States reaffirm their partnership on democracy.",2010-01-01,GEO,USA',
].join("\n");

async function rowsOf(csv: string): Promise<BulkRow[]> {
  const records = await readBulkRecords("statements.csv", new TextEncoder().encode(csv));
  const rows: BulkRow[] = [];
  for await (const row of bulkDrafts(records, guessMapping(["text", "date", "speaker_country_iso3", "counterpart"])!)) rows.push(row);
  return rows;
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe.each(TEST_DRIVERS)("imports on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  it("imports the good rows, reports each bad row with its number and reason, and saves the report", async () => {
    const jobId = await startBulkImport(people.staff, "statements.csv");
    const report = await runBulkImport(people.staff, jobId, each(await rowsOf(CSV)));
    expect(report).toMatchObject({ processed: 5, imported: 3, duplicates: 0 });
    expect(report.rejected).toEqual([
      { row: 3, reason: expect.stringMatching(/malformed CSV/) },
      { row: 5, reason: 'Unknown speaker country "XYZ": use an ISO 3166-1 alpha-3 code such as USA or AZE.' },
    ]);
    expect(await getImportJob(people.staff, jobId)).toMatchObject({ status: "done", imported: 3, rejected: report.rejected });
  });

  it("adds nothing when the same file is imported again", async () => {
    const before = await tableCounts(database.db);
    const report = await runBulkImport(people.staff, await startBulkImport(people.staff, "again.csv"), each(await rowsOf(CSV)));
    expect(report).toMatchObject({ imported: 0, duplicates: 3 });
    const after = await tableCounts(database.db);
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it("adds nothing twice when the same file is imported twice at once", async () => {
    const csv = CSV.replaceAll("2008", "2012")
      .replaceAll("welcomes", "again welcomes")
      .replaceAll("reaffirm", "once more reaffirm")
      .replaceAll("condemns", "again condemns");
    const [a, b] = await Promise.all([
      runBulkImport(people.staff, await startBulkImport(people.staff, "a.csv"), each(await rowsOf(csv))),
      runBulkImport(people.manager, await startBulkImport(people.manager, "b.csv"), each(await rowsOf(csv))),
    ]);
    expect(a.imported + b.imported).toBe(3);
    expect(a.duplicates + b.duplicates).toBe(3);
  });

  it("finishes a killed import when it is run again, without duplicates", async () => {
    const rows = (
      await rowsOf(
        CSV.replaceAll("2008", "2016")
          .replaceAll("welcomes", "warmly welcomes")
          .replaceAll("reaffirm", "firmly reaffirm")
          .replaceAll("condemns", "strongly condemns"),
      )
    ).filter((r) => "draft" in r);
    const [{ n: before } = { n: 0 }] = await database.db.select({ n: count() }).from(statements);
    await runBulkImport(people.staff, await startBulkImport(people.staff, "killed.csv"), each(rows.slice(0, 2))); // the first run died after two rows
    const rerun = await runBulkImport(people.staff, await startBulkImport(people.staff, "rerun.csv"), each(rows));
    expect(rerun).toMatchObject({ imported: 1, duplicates: 2 });
    const [{ n: after } = { n: 0 }] = await database.db.select({ n: count() }).from(statements);
    expect(after - before).toBe(3);
  });

  it("lets other requests run while it imports (issue #14: a bulk import froze every page until it ended)", async () => {
    const rows: BulkRow[] = Array.from({ length: 40 }, (_, i) => ({
      rowNumber: i + 2,
      draft: {
        raw: `Georgia and the United States reaffirm their partnership on democracy, meeting ${i} of the yielding test.`,
        speakerCountry: "GEO",
        counterparts: ["USA"],
      },
    }));
    let processed = 0;
    const importing = runBulkImport(
      people.staff,
      await startBulkImport(people.staff, "yielding.csv"),
      each(rows),
      (r) => (processed = r.processed),
    );
    // A page arriving once the import is under way: its callback and its query wait in the same queues.
    const page = new Promise<number>((resolve) =>
      setTimeout(
        () =>
          void database.db
            .select({ n: count() })
            .from(statements)
            .then(() => resolve(processed)),
        0,
      ),
    );
    const [report, processedWhenPageAnswered] = await Promise.all([importing, page]);
    expect(report.imported).toBe(40);
    expect(processedWhenPageAnswered).toBeLessThanOrEqual(2);
  });

  it("reports an import whose process died as interrupted, not running forever", async () => {
    const jobId = await startBulkImport(people.staff, "killed-mid-way.csv");
    expect(await getImportJob(people.staff, jobId)).toMatchObject({ status: "running" });
    await database.db
      .update(importJobs)
      .set({ heartbeatAt: new Date(Date.now() - INTERRUPTED_AFTER_MS - 1000) })
      .where(eq(importJobs.id, jobId));
    expect(await getImportJob(people.staff, jobId)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/interrupted.*Import the file again/),
    });
  });

  it("rejects a row with no speaker country unless the person chose to import such rows", async () => {
    const rows = (name: string): BulkRow[] => [
      { rowNumber: 2, draft: { raw: `A communiqué on regional energy security and pipelines, without a speaker (${name}).` } },
    ];
    const refused = await runBulkImport(people.staff, await startBulkImport(people.staff, "no-speaker.csv"), each(rows("refused")));
    expect(refused).toMatchObject({ imported: 0, rejected: [{ row: 2, reason: expect.stringMatching(/No speaker's country/) }] });
    const chosen = await runBulkImport(
      people.staff,
      await startBulkImport(people.staff, "no-speaker.csv"),
      each(rows("chosen")),
      undefined,
      { allowNoSpeaker: true },
    );
    expect(chosen).toMatchObject({ imported: 1, rejected: [] });
  });

  it("previews a statement whose speaker's country is unknown, so the person can give it before saving", async () => {
    const preview = await previewDraft(people.staff, { raw: "The Minister met his counterpart from Georgia in Tbilisi." });
    expect(preview.analysed.speakerCountry).toBeNull();
  });

  it("refuses an empty statement with a reason and writes nothing", async () => {
    const before = await tableCounts(database.db);
    await expect(importDraft(people.staff, { raw: "Accessibility links\n\nBreaking News\n" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/no text/),
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it.skipIf(!hasShared("unscon/unscon-dev.jsonl.gz"))(
    `imports the UNSCon corpus without hand-editing (${skipMessage("unscon")})`,
    async () => {
      const records = await readBulkRecords("unscon-dev.jsonl.gz", new Uint8Array(readFileSync(sharedFile("unscon/unscon-dev.jsonl.gz"))));
      const mapping = guessMapping(Object.keys("record" in records[0]! ? records[0].record : {}))!;
      const rows: BulkRow[] = [];
      for await (const row of bulkDrafts(records, mapping)) rows.push(row);
      const report = await runBulkImport(people.staff, await startBulkImport(people.staff, "unscon"), each(rows));
      expect(report.rejected).toEqual([]);
      expect(report.imported + report.duplicates).toBe(133);
    },
  );
});
