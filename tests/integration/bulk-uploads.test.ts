import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { stageBulkUpload, startStagedImport } from "@/lib/dal/bulk-uploads";
import { getImportJob } from "@/lib/dal/imports";
import { LIMITS } from "@/lib/ingest/limits";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase } from "../support/fixtures";

const streamOf = (text: string) => new Blob([text]).stream();
const mode = (file: string) => statSync(file).mode & 0o777;

async function refusal(promise: Promise<unknown>): Promise<DalError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DalError);
  return error as DalError;
}

/** Staged bulk uploads (issue #14, findings 4 and 9): private, deleted after use, never cut short. */
describe("staged bulk uploads", () => {
  let database: TestDatabase;
  let staff: DalContext;
  let parent: string;
  let dir: string;
  const previous = process.env.DYAD_UPLOAD_DIR;

  beforeAll(async () => {
    ({ database, people: { staff } } = await createSeededDatabase("pglite"));
    parent = mkdtempSync(path.join(tmpdir(), "dyad-staging-test-"));
    dir = path.join(parent, "uploads");
    process.env.DYAD_UPLOAD_DIR = dir;
  });
  afterAll(async () => {
    process.env.DYAD_UPLOAD_DIR = previous;
    rmSync(parent, { recursive: true, force: true });
    await database?.close();
  });

  it("keeps a staged file in a folder only the server can open, readable only by it", async () => {
    const { uploadId } = await stageBulkUpload(staff, "rows.jsonl", streamOf('{"text":"We agree."}\n'));
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir).filter((f) => f.startsWith(uploadId));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(mode(path.join(dir, file))).toBe(0o600);
  });

  it("deletes the staged file as soon as its import starts", async () => {
    const { uploadId } = await stageBulkUpload(staff, "rows.jsonl", streamOf('{"text":"The talks will resume next month.","speaker":"USA"}\n'));
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    expect(readdirSync(dir).filter((f) => f.startsWith(uploadId))).toEqual([]);
    for (let i = 0; i < 100 && (await getImportJob(staff, jobId)).status === "running"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "done", imported: 1 });
    expect((await refusal(startStagedImport(staff, uploadId, { text: "text" }))).message).toMatch(/upload the file again/);
  });

  it("answers the start at once and fails the job with the reason when the whole file cannot be read", async () => {
    const { uploadId } = await stageBulkUpload(staff, "wide.csv", streamOf("text,speaker\nWe agree.,USA\n"));
    // What the full read finds past the preview: here, more columns than a bulk file may have.
    writeFileSync(path.join(dir, uploadId), `${Array.from({ length: LIMITS.bulkColumns + 1 }, (_, i) => `c${i}`).join(",")}\n`);
    const jobId = await startStagedImport(staff, uploadId, { text: "text", speakerCountry: "speaker" });
    for (let i = 0; i < 100 && (await getImportJob(staff, jobId)).status === "running"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await getImportJob(staff, jobId)).toMatchObject({ status: "failed", imported: 0, error: expect.stringMatching(/columns/) });
  });

  it("deletes uploads nobody imported once they are an hour old", async () => {
    const stale = path.join(dir, "0".repeat(32));
    writeFileSync(stale, "text\nold\n");
    writeFileSync(`${stale}.json`, '{"name":"old.csv"}');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    utimesSync(`${stale}.json`, twoHoursAgo, twoHoursAgo);
    await stageBulkUpload(staff, "rows.jsonl", streamOf('{"text":"Fresh."}\n'));
    expect(readdirSync(dir).filter((f) => f.startsWith("0".repeat(32)))).toEqual([]);
  });

  it("refuses a body cut short of the length it declared, and stages nothing", async () => {
    const before = readdirSync(dir).length;
    const error = await refusal(stageBulkUpload(staff, "rows.csv", streamOf("text\nhello\n"), 5_000));
    expect(error.message).toBe("The upload was cut short (11 bytes of 5,000 arrived); nothing was imported. Please upload the file again.");
    expect(readdirSync(dir)).toHaveLength(before);
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
