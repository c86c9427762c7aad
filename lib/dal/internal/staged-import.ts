import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { codebookVersions, importJobs, stagedUploads, type RejectedRow } from "@/db/schema";
import { bulkDrafts, readBulkRecords, type FieldMapping } from "@/lib/ingest/bulk";
import { IngestError } from "@/lib/ingest/errors";
import { analyseOrRefuse, reasonFor } from "../imports";
import { writeAudit } from "./audit";
import { yieldToRequests } from "./background";
import { activeCodebook } from "./codebook";
import { writeStatement } from "./write-statement";

/** What the runner's import job carries: the import to fill and how to read its staged file. */
export interface ImportPayload {
  importJobId: number;
  mapping: FieldMapping;
  allowNoSpeaker: boolean;
}

const GONE =
  "The uploaded file is no longer stored, so the import cannot go on. Upload it again: statements already saved are recognised as duplicates and skipped.";

/** The rows of a staged file, read once per process and import: safe to lose, as every worker can read them again. */
let parsed: { importJobId: number; rows: Awaited<ReturnType<typeof readBulkRecords>> } | null = null;

async function stagedRows(db: Db, importJobId: number) {
  if (parsed?.importJobId === importJobId) return parsed.rows;
  const [staged] = await db
    .select({ name: stagedUploads.name, bytes: stagedUploads.bytes })
    .from(stagedUploads)
    .where(eq(stagedUploads.importJobId, importJobId));
  if (!staged) return null;
  const rows = await readBulkRecords(staged.name, staged.bytes);
  parsed = { importJobId, rows };
  return rows;
}

/** How much one step reads before saving it in one transaction: little, as on the embedded database pages wait for it. */
const STEP = { ms: 300, rows: 50 };

/**
 * The runner's step for a bulk import: analyses the rows after the last saved one (at most STEP.rows, for about STEP.ms), then saves
 * them and the import's progress in ONE transaction, each row under a savepoint so a refused row loses only
 * itself. A worker that stops mid-step saves nothing of that step, so whoever takes the job over starts exactly
 * where the saved progress says, and no row is imported twice or skipped. Returns whether rows are left.
 */
export async function importStagedRows(db: Db, payload: ImportPayload): Promise<boolean> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, payload.importJobId));
  if (!job || job.status !== "running") return false;
  let rows;
  try {
    rows = await stagedRows(db, job.id);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error; // the database, say: the runner retries
    await endImport(db, job.id, { status: "failed", error: error.message });
    return false;
  }
  if (!rows) {
    await endImport(db, job.id, { status: "failed", error: GONE });
    return false;
  }
  const codebook = await activeCodebook(db);
  const from = job.processed;
  const started = Date.now();
  const analysed: ({ rowNumber: number; error: string } | { rowNumber: number; record: ReturnType<typeof analyseOrRefuse> })[] = [];
  for await (const row of bulkDrafts(rows.slice(from, from + STEP.rows), payload.mapping)) {
    if ("error" in row) analysed.push(row);
    else {
      try {
        analysed.push({ rowNumber: row.rowNumber, record: analyseOrRefuse(row.draft, codebook, payload) });
      } catch (error) {
        analysed.push({ rowNumber: row.rowNumber, error: reasonFor(error) });
      }
    }
    if (Date.now() - started > STEP.ms) break;
    await yieldToRequests();
  }
  const last = from + analysed.length >= rows.length;
  return db.transaction(async (tx) => {
    // Locked first: a worker whose lease ran out while it analysed waits here, then finds the rows saved by the other.
    const [now] = await tx.select().from(importJobs).where(eq(importJobs.id, job.id)).for("update");
    if (!now || now.status !== "running") return false;
    if (now.processed !== from) return true; // another worker saved these rows meanwhile: look again
    // A codebook change waits for this (its exclusive lock conflicts with this share lock), so these rows are either
    // in before it and re-tagged by it, or analysed again with its version: none keep an old version's tags.
    await tx.execute(sql`lock table codebook_versions in share mode`);
    const [latest] = await tx.select({ version: sql<number>`coalesce(max(${codebookVersions.version}), 0)` }).from(codebookVersions);
    if (Number(latest?.version ?? 0) !== codebook.version) return true; // analysed with the codebook before a change: again
    let { imported, duplicates } = now;
    const rejected: RejectedRow[] = [...now.rejected];
    for (const row of analysed) {
      if ("error" in row) {
        rejected.push({ row: row.rowNumber, reason: row.error });
        continue;
      }
      try {
        if ((await writeStatement(tx, row.record, now.createdBy)).duplicate) duplicates++;
        else imported++;
      } catch (error) {
        rejected.push({ row: row.rowNumber, reason: reasonFor(error) });
      }
    }
    const processed = from + analysed.length;
    await tx
      .update(importJobs)
      .set({ processed, imported, duplicates, rejected, heartbeatAt: new Date() })
      .where(eq(importJobs.id, job.id));
    if (!last) return true;
    await endImport(tx, job.id, { status: "done" });
    await writeAudit(tx, {
      actorId: now.createdBy,
      action: "import.bulk",
      entityType: "import_job",
      entityId: job.id,
      after: { processed, imported, duplicates, rejected: rejected.length },
    });
    return false;
  });
}

/** An import ends, done or failed: its staged file is no longer needed. */
async function endImport(db: Db, importJobId: number, end: { status: "done" | "failed"; error?: string }): Promise<void> {
  await db
    .update(importJobs)
    .set({ status: end.status, error: end.error ?? null, finishedAt: new Date(), heartbeatAt: new Date() })
    .where(eq(importJobs.id, importJobId));
  await db.delete(stagedUploads).where(eq(stagedUploads.importJobId, importJobId));
  if (parsed?.importJobId === importJobId) parsed = null;
}
