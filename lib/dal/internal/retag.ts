import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { codebookVersions, passages, retagJobs, statements, tags, themes } from "@/db/schema";
import { compileRussianCodebook, languageNote, readRussian } from "@/lib/engine/russian";
import { TAGGER_VERSION, tagStatement } from "@/lib/engine/tag";
import type { Passage } from "@/lib/engine/types";
import type { ActiveCodebook } from "@/lib/ingest/pipeline";
import { activeCodebook } from "./codebook";
import { enqueueJob } from "./job-queue";
import { applyCells } from "./series-cells";

/** Small: on the embedded database a page waits for the batch in progress. */
const BATCH = 20;

/**
 * Queues a re-tag of every statement with the latest codebook; older queued runs are superseded. The runner's
 * job is queued in the same transaction, so a re-tag is never recorded without work to do it.
 */
export async function queueRetag(db: Db, codebookVersion: number): Promise<number> {
  return db.transaction((tx) => startRetag(tx, codebookVersion));
}

async function startRetag(tx: Db, codebookVersion: number): Promise<number> {
  await tx.update(retagJobs).set({ status: "superseded", finishedAt: new Date() }).where(eq(retagJobs.status, "running"));
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(statements);
  const [job] = await tx.insert(retagJobs).values({ codebookVersion, total: n }).returning({ id: retagJobs.id });
  await enqueueJob(tx, "retag");
  return job!.id;
}

/** Statements another tagger tagged (or none recorded, from before taggers had versions). */
const staleTags = or(isNull(statements.taggerVersion), ne(statements.taggerVersion, TAGGER_VERSION));

/**
 * At start-up: a running re-tag gets a job to finish it (one recorded before the job runner existed, or cut off
 * by a restart); otherwise, when stored statements were tagged by another tagger (TAGGER_VERSION: the engine or
 * its shipped rules changed), every statement is re-tagged with the current codebook.
 */
export async function resumeRetag(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('dyad:retag'))`); // two servers starting at once queue one job
    const [running] = await tx.select({ id: retagJobs.id }).from(retagJobs).where(eq(retagJobs.status, "running")).limit(1);
    if (running) return enqueueJob(tx, "retag");
    const [stale] = await tx.select({ id: statements.id }).from(statements).where(staleTags).limit(1);
    if (!stale) return;
    const [latest] = await tx
      .select({ version: codebookVersions.version })
      .from(codebookVersions)
      .orderBy(desc(codebookVersions.version))
      .limit(1);
    await startRetag(tx, latest?.version ?? 0);
  });
}

/** Tags of one stored statement as an import gives them: Russian by its own rules, an unread language none. */
function tagsOf(codebook: ActiveCodebook, text: string, language: string, passageList: Passage[]) {
  if (language === "ru")
    return readRussian(text, passageList, (codebook.russian ??= compileRussianCodebook(codebook.compiled.themes))).tags;
  if (languageNote(language)) return [];
  return tagStatement(codebook.compiled, text, passageList).passages;
}

/**
 * Re-tags one batch of the running job and moves its cursor in the same transaction.
 * Suggestions are replaced; a theme a person has accepted or rejected on a statement is left exactly as is.
 * Returns false when there is nothing left to do.
 */
export async function retagNextBatch(db: Db): Promise<boolean> {
  const codebook = await activeCodebook(db);
  return db.transaction(async (tx) => {
    // The cursor is read under a lock in the batch's own transaction: a second worker waits, then sees it moved.
    const [job] = await tx
      .select()
      .from(retagJobs)
      .where(eq(retagJobs.status, "running"))
      .orderBy(desc(retagJobs.id))
      .limit(1)
      .for("update");
    if (!job) return false;
    const batch = await tx
      .select({ id: statements.id, text: statements.text, language: statements.language })
      .from(statements)
      .where(gt(statements.id, job.cursor))
      .orderBy(asc(statements.id))
      .limit(BATCH)
      .for("update"); // a tone re-score or an edit of the same statement waits, so cells see one change at a time
    if (batch.length === 0) {
      await tx.update(retagJobs).set({ status: "done", finishedAt: new Date() }).where(eq(retagJobs.id, job.id));
      return false;
    }
    const ids = batch.map((s) => s.id);
    // One query at a time: a transaction is a single connection.
    const passageRows = await tx
      .select()
      .from(passages)
      .where(inArray(passages.statementId, ids))
      .orderBy(asc(passages.statementId), asc(passages.ordinal));
    const decided = await tx
      .selectDistinct({ statementId: tags.statementId, themeId: tags.themeId })
      .from(tags)
      .where(and(inArray(tags.statementId, ids), ne(tags.status, "suggested")));
    const themeRows = await tx.select({ id: themes.id, slug: themes.slug }).from(themes);
    const themeId = new Map(themeRows.map((t) => [t.slug, t.id]));
    const isDecided = new Set(decided.map((d) => `${d.statementId}:${d.themeId}`));
    await applyCells(tx, ids, -1);
    await tx.delete(tags).where(and(inArray(tags.statementId, ids), eq(tags.origin, "auto"), eq(tags.status, "suggested")));
    const fresh = batch.flatMap((statement) => {
      const own = passageRows.filter((p) => p.statementId === statement.id);
      const tagged = tagsOf(
        codebook,
        statement.text,
        statement.language,
        own.map((p) => ({ ordinal: p.ordinal, start: p.start, end: p.end, sentences: [] })),
      );
      return tagged.flatMap((tp) => {
        const passage = own.find((p) => p.ordinal === tp.ordinal);
        return tp.tags.flatMap((tag) => {
          const id = themeId.get(tag.theme);
          if (id === undefined || !passage || isDecided.has(`${statement.id}:${id}`)) return [];
          return [
            {
              statementId: statement.id,
              passageId: passage.id,
              themeId: id,
              origin: "auto" as const,
              status: "suggested" as const,
              confidence: tag.confidence,
              evidence: tag.evidence,
              codebookVersion: codebook.version,
            },
          ];
        });
      });
    });
    if (fresh.length > 0) await tx.insert(tags).values(fresh);
    await applyCells(tx, ids, 1);
    await tx.update(statements).set({ taggerVersion: TAGGER_VERSION }).where(inArray(statements.id, ids));
    await tx
      .update(retagJobs)
      .set({ cursor: ids.at(-1)!, done: sql`${retagJobs.done} + ${batch.length}` })
      .where(eq(retagJobs.id, job.id));
    return true;
  });
}
