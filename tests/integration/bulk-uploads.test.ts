import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, stagedUploads, statements } from "@/db/schema";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { importStagedRows, type ImportPayload } from "@/lib/dal/internal/staged-import";
import { stageBulkUpload, startStagedImport } from "@/lib/dal/bulk-uploads";
import { getImportJob } from "@/lib/dal/imports";
import { claimJob } from "@/lib/dal/internal/job-queue";
import { runJobsFor, runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { LIMITS } from "@/lib/ingest/limits";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase } from "../support/fixtures";

const streamOf = (text: string) => new Blob([text]).stream();

async function refusal(promise: Promise<unknown>): Promise<DalError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DalError);
  return error as DalError;
}

/** Rows that each analyse to a distinct statement with a speaker. */
const jsonl = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ text: `Row ${i + 1} of ${tag}: the ministers discussed energy security and the pipeline once more.`, speaker: "USA" }),
  ).join("\n") + "\n";

/**
 * Staged bulk uploads (issue #14, findings 4 and 9; issue #19): kept in the database, so the upload, the start
 * and the worker may be different instances; imported by the job runner, resumably; deleted when done.
 */
describe("staged bulk uploads", () => {
  let database: TestDatabase;
  let staff: DalContext;

  beforeAll(async () => {
    ({
      database,
      people: { staff },
    } = await createSeededDatabase("pglite"));
  });
  afterAll(async () => {
    await database?.close();
  });

  const staged = async (id: string) => database.db.select().from(stagedUploads).where(eq(stagedUploads.id, id));

  it("keeps a staged file in the database, for whichever instance starts its import", async () => {
    const { uploadId } = await stageBulkUpload(staff, "rows.jsonl", streamOf('{"text":"We agree."}\n'));
    const [row] = await staged(uploadId);
    expect(row).toMatchObject({ name: "rows.jsonl", importJobId: null });
    expect(Buffer.from(row!.bytes).toString()).toBe('{"text":"We agree."}\n');
  });

  it("starting only queues: the runner imports, and the staged file is deleted when the import ends", async () => {
    const { uploadId } = await stageBulkUpload(
      staff,
      "rows.jsonl",
      streamOf('{"text":"The talks will resume next month.","speaker":"USA"}\n'),
    );
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "running", processed: 0 }); // nothing ran in the request
    expect((await refusal(startStagedImport(staff, uploadId, { text: "text" }))).message).toMatch(/upload the file again/); // one import per file
    await runJobsUntilIdle(database.db);
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "done", imported: 1 });
    expect(await staged(uploadId)).toEqual([]);
    expect((await refusal(startStagedImport(staff, uploadId, { text: "text" }))).message).toMatch(/upload the file again/);
  });

  it("fails the import with the reason when the whole file cannot be read", async () => {
    const { uploadId } = await stageBulkUpload(staff, "wide.csv", streamOf("text,speaker\nWe agree.,USA\n"));
    // What the full read finds past the preview: here, more columns than a bulk file may have.
    const wide = `${Array.from({ length: LIMITS.bulkColumns + 1 }, (_, i) => `c${i}`).join(",")}\n`;
    await database.db
      .update(stagedUploads)
      .set({ bytes: new Uint8Array(Buffer.from(wide)) })
      .where(eq(stagedUploads.id, uploadId));
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    await runJobsUntilIdle(database.db);
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "failed", imported: 0, error: expect.stringMatching(/columns/) });
    expect(await staged(uploadId)).toEqual([]);
  });

  it("continues a handed-back import where its saved progress says: every row once, none twice", async () => {
    const { uploadId } = await stageBulkUpload(staff, "slices.jsonl", streamOf(jsonl(120, "slices")));
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    let slices = 0;
    while ((await getImportJob(staff, jobId)).status === "running" && slices < 400) {
      await runJobsFor(database.db, 1); // one step per slice, then the job is handed back
      slices++;
    }
    expect(slices).toBeGreaterThan(1);
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "done", processed: 120, imported: 120, duplicates: 0, rejected: [] });
  });

  it("a worker that dies mid-import: its lease runs out, another takes over, and the rows it saved are not imported again", async () => {
    const { uploadId } = await stageBulkUpload(staff, "crash.jsonl", streamOf(jsonl(80, "crash")));
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    const job = await claimJob(database.db, "another-instance:4242:dead:1", 1_000);
    expect(job).toMatchObject({ kind: "import" });
    expect(await importStagedRows(database.db, job!.payload as unknown as ImportPayload)).toBe(true); // one step saved, then it dies
    const saved = (await getImportJob(staff, jobId)).processed;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(80);
    await new Promise((r) => setTimeout(r, 1_100)); // its lease runs out
    await runJobsUntilIdle(database.db);
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "done", processed: 80, imported: 80, duplicates: 0 });
    const [runner] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(runner).toMatchObject({ state: "done", attempts: 1, lastError: "its worker stopped before finishing" });
    const [crashRows] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(statements)
      .where(sql`${statements.text} like 'Row % of crash:%'`);
    expect(crashRows!.n).toBe(80);
  });

  it("an import whose job failed for good says so, and keeps what it saved", async () => {
    const { uploadId } = await stageBulkUpload(staff, "doomed.jsonl", streamOf(jsonl(3, "doomed")));
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    await database.db
      .update(jobs)
      .set({ state: "failed", lastError: "the database went away" })
      .where(eq(jobs.dedupeKey, `import:${jobId}`));
    expect(await getImportJob(staff, jobId)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^The import stopped after repeated errors \(the database went away\).*import the file again/),
    });
  });

  it("deletes uploads nobody imported once they are an hour old", async () => {
    const old = "0".repeat(32);
    await database.db.insert(stagedUploads).values({
      id: old,
      name: "old.csv",
      bytes: new Uint8Array(Buffer.from("text\nold\n")),
      createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });
    await stageBulkUpload(staff, "rows.jsonl", streamOf('{"text":"Fresh."}\n'));
    expect(await staged(old)).toEqual([]);
  });

  it("refuses a body cut short of the length it declared, and stages nothing", async () => {
    const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(stagedUploads))[0]!.n;
    const before = await count();
    const error = await refusal(stageBulkUpload(staff, "rows.csv", streamOf("text\nhello\n"), 5_000));
    expect(error.message).toBe("The upload was cut short (11 bytes of 5,000 arrived); nothing was imported. Please upload the file again.");
    expect(await count()).toBe(before);
  });

  it("refuses a body declared larger than the limit before reading it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) });
    const error = await refusal(stageBulkUpload(staff, "big.csv", body, LIMITS.bulkFileBytes + 1));
    expect(error.message).toBe("The file is larger than 200 MB, the limit for a bulk file.");
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("refuses a body that grows past the limit while it is read", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => {
        sent += 1024 * 1024;
        c.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const error = await refusal(stageBulkUpload(staff, "endless.csv", body));
    expect(error.message).toBe("The file is larger than 200 MB, the limit for a bulk file.");
    expect(sent).toBeLessThan(LIMITS.bulkFileBytes + 4 * 1024 * 1024);
  });
});
