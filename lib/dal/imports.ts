import { and, eq, lt, or, sql } from "drizzle-orm";
import { importJobs, statements, type RejectedRow } from "@/db/schema";
import { clean, htmlToText } from "@/lib/engine/clean";
import { suggestMetadata } from "@/lib/engine/metadata";
import { IngestError } from "@/lib/ingest/errors";
import { readSingleFile } from "@/lib/ingest/single-file";
import { draftFromUrl } from "@/lib/ingest/url-fetch";
import type { BulkRow, StatementDraft } from "@/lib/ingest/draft";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { writeAudit } from "./internal/audit";
import { pauseForRequests, yieldToRequests } from "./internal/background";
import { activeCodebook } from "./internal/codebook";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { writeStatement } from "./internal/write-statement";

export interface ImportReport {
  jobId: number;
  processed: number;
  imported: number;
  duplicates: number;
  rejected: RejectedRow[];
  /** Rows whose text is stored already, with the stored statement's id (the first MAX_DUPLICATES_LISTED). */
  duplicateOf: { row: number; id: number }[];
}

const MAX_DUPLICATES_LISTED = 1000;

export interface ImportOptions {
  /**
   * Save a statement although no speaker's country is known. Off by default: such a statement is in no pair's
   * series, so saving it must be a choice, not an accident.
   */
  allowNoSpeaker?: boolean;
}

/**
 * Analyses and saves one statement (one transaction). A repeated text saves nothing and comes back as a
 * duplicate whose `id` is the statement already stored, for a link to it.
 */
export async function importDraft(
  ctx: DalContext,
  draft: StatementDraft,
  options: ImportOptions = {},
): Promise<{ id: number; duplicate: boolean }> {
  const actor = await requirePermission(ctx, "statements:import");
  const record = analyseOrRefuse(draft, await activeCodebook(ctx.db), options);
  return writeStatement(ctx.db, record, actor.id);
}

/** Registers a bulk import so its progress can be watched; run it with runBulkImport. */
export async function startBulkImport(ctx: DalContext, source: string): Promise<number> {
  const actor = await requirePermission(ctx, "statements:import");
  const [job] = await ctx.db.insert(importJobs).values({ source, createdBy: actor.id }).returning({ id: importJobs.id });
  return job!.id;
}

/** How often a running import saves its progress (its heartbeat) and pauses for the pages waiting on the database. */
export const PROGRESS_EVERY_MS = 500;

/**
 * Imports every row, each statement in its own transaction, so a failure loses only that row and a killed
 * import can simply be run again: what was saved is recognised by its content hash.
 */
export async function runBulkImport(
  ctx: DalContext,
  jobId: number,
  rows: AsyncIterable<BulkRow>,
  onProgress?: (report: ImportReport) => void,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const actor = await requirePermission(ctx, "statements:import");
  const codebook = await activeCodebook(ctx.db);
  const report: ImportReport = { jobId, processed: 0, imported: 0, duplicates: 0, rejected: [], duplicateOf: [] };
  let lastSaved = Date.now();
  try {
    for await (const row of rows) {
      report.processed++;
      if ("error" in row) {
        report.rejected.push({ row: row.rowNumber, reason: row.error });
      } else {
        try {
          const result = await writeStatement(ctx.db, analyseOrRefuse(row.draft, codebook, options), actor.id);
          if (result.duplicate) {
            report.duplicates++;
            if (report.duplicateOf.length < MAX_DUPLICATES_LISTED) report.duplicateOf.push({ row: row.rowNumber, id: result.id });
          } else report.imported++;
        } catch (error) {
          report.rejected.push({ row: row.rowNumber, reason: reasonFor(error) });
        }
      }
      onProgress?.(report);
      if (Date.now() - lastSaved > PROGRESS_EVERY_MS) {
        await saveProgress(ctx, report, "running");
        lastSaved = Date.now();
        await pauseForRequests();
      } else {
        await yieldToRequests();
      }
    }
  } catch (error) {
    await saveProgress(ctx, report, "failed", reasonFor(error));
    throw error;
  }
  await saveProgress(ctx, report, "done");
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: "import.bulk",
    entityType: "import_job",
    entityId: jobId,
    after: { processed: report.processed, imported: report.imported, duplicates: report.duplicates, rejected: report.rejected.length },
  });
  return report;
}

const INTERRUPTED =
  "The import was interrupted (the server stopped). Import the file again: statements already saved are recognised as duplicates and skipped.";

/**
 * A running import outside the job runner (`npm run import`) whose heartbeat is older than this was killed: it
 * will not move again. An import on the runner is never given up this way: another worker takes it over.
 */
export const INTERRUPTED_AFTER_MS = 3 * 60_000;

/** The runner's job for an import, if it has one. */
const runnerJob = (importJobId: number) =>
  sql`(select j.state from jobs j where j.kind = 'import' and j.dedupe_key = ${`import:${importJobId}`} order by j.id desc limit 1)`;
const runnerError = (importJobId: number) =>
  sql`(select j.last_error from jobs j where j.kind = 'import' and j.dedupe_key = ${`import:${importJobId}`} order by j.id desc limit 1)`;

export async function getImportJob(ctx: DalContext, jobId: number) {
  await requirePermission(ctx, "statements:import");
  const [ended] = await ctx.db
    .update(importJobs)
    .set({
      status: "failed",
      error: sql`case when ${runnerJob(jobId)} = 'failed'
        then 'The import stopped after repeated errors (' || ${runnerError(jobId)} || '). Statements saved so far stay; import the file again to add the rest: saved ones are skipped as duplicates.'
        else ${INTERRUPTED} end`,
      finishedAt: sql`now()`,
    })
    .where(
      and(
        eq(importJobs.id, jobId),
        eq(importJobs.status, "running"),
        or(
          sql`${runnerJob(jobId)} = 'failed'`,
          and(
            sql`${runnerJob(jobId)} is null`,
            lt(importJobs.heartbeatAt, sql`now() - make_interval(secs => ${INTERRUPTED_AFTER_MS / 1000})`),
          ),
        ),
      ),
    )
    .returning();
  const [job] = ended ? [ended] : await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) throw new DalError("not_found", `There is no import ${jobId}.`);
  return job;
}

async function saveProgress(ctx: DalContext, report: ImportReport, status: "running" | "done" | "failed", error?: string) {
  await ctx.db
    .update(importJobs)
    .set({
      status,
      processed: report.processed,
      imported: report.imported,
      duplicates: report.duplicates,
      rejected: report.rejected,
      error: error ?? null,
      finishedAt: status === "running" ? null : new Date(),
      heartbeatAt: new Date(),
    })
    .where(eq(importJobs.id, report.jobId));
}

export function analyseOrRefuse(draft: StatementDraft, codebook: Awaited<ReturnType<typeof activeCodebook>>, options: ImportOptions = {}) {
  let record;
  try {
    record = analyseDraft(draft, codebook);
  } catch (error) {
    throw new DalError("invalid", reasonFor(error));
  }
  if (record.speakerCountry === null && !options.allowNoSpeaker) {
    throw new DalError(
      "invalid",
      "No speaker's country was given or found in the text, so this statement would be in no pair's series. Give the speaker's country (an ISO 3166-1 alpha-3 code such as USA), or choose to save it without one (\u201csave without a speaker country\u201d).",
    );
  }
  return record;
}

export function reasonFor(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type ImportSource =
  { kind: "paste"; text: string; html: boolean } | { kind: "file"; name: string; bytes: Uint8Array } | { kind: "url"; url: string };

/** Reads a source into a draft — only for people allowed to import, so nobody else can make the server fetch a URL. */
export async function draftFromSource(ctx: DalContext, source: ImportSource): Promise<StatementDraft> {
  await requirePermission(ctx, "statements:import");
  try {
    switch (source.kind) {
      case "paste":
        if (!source.text.trim()) throw new IngestError("empty", "There is no text to import.");
        return { raw: source.text, format: source.html ? "html" : "text" };
      case "file":
        return await readSingleFile(source.name, source.bytes);
      case "url":
        return await draftFromUrl(source.url);
    }
  } catch (error) {
    if (error instanceof IngestError) throw new DalError("invalid", error.message);
    throw error;
  }
}

/** What the engine makes of a draft, for staff to review and correct before anything is saved. */
export async function previewDraft(ctx: DalContext, draft: StatementDraft) {
  await requirePermission(ctx, "statements:import");
  const codebook = await activeCodebook(ctx.db);
  // A preview shows what is missing, a missing speaker's country included; only saving asks for it.
  const analysed = analyseOrRefuse(draft, codebook, { allowNoSpeaker: true });
  const plain = draft.format === "html" ? htmlToText(draft.raw) : draft.raw;
  const { removed } = clean(plain);
  const [duplicate] = await ctx.db.select({ id: statements.id }).from(statements).where(eq(statements.contentHash, analysed.contentHash));
  return {
    draft,
    analysed: { ...analysed, originalText: plain },
    removed,
    suggestions: suggestMetadata(analysed.text),
    duplicateOf: duplicate?.id ?? null,
  };
}
