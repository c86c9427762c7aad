import { and, asc, count, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, retagJobs, statements, tags, themes } from "@/db/schema";
import { tagStatement } from "@/lib/engine/tag";
import { activeCodebook } from "./codebook";
import { requirePermission, type DalContext } from "./context";
import { enqueueJob } from "./job-queue";
import { applyCells } from "./series-cells";

/** Small: on the embedded database a page waits for the batch in progress. */
const BATCH = 20;

/**
 * Queues a re-tag of every statement with the latest codebook; older queued runs are superseded. The runner's
 * job is queued in the same transaction, so a re-tag is never recorded without work to do it.
 */
export async function queueRetag(db: Db, codebookVersion: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.update(retagJobs).set({ status: "superseded", finishedAt: new Date() }).where(eq(retagJobs.status, "running"));
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(statements);
    const [job] = await tx.insert(retagJobs).values({ codebookVersion, total: n }).returning({ id: retagJobs.id });
    await enqueueJob(tx, "retag");
    return job!.id;
  });
}

/** At start-up: a re-tag recorded as running before the job runner existed gets a job to finish it. */
export async function resumeRetag(db: Db): Promise<void> {
  const [running] = await db.select({ id: retagJobs.id }).from(retagJobs).where(eq(retagJobs.status, "running")).limit(1);
  if (running) await enqueueJob(db, "retag");
}

export async function retagStatus(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  const [job] = await ctx.db.select().from(retagJobs).orderBy(desc(retagJobs.id)).limit(1);
  return job ?? null;
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
    const [job] = await tx.select().from(retagJobs).where(eq(retagJobs.status, "running")).orderBy(desc(retagJobs.id)).limit(1).for("update");
    if (!job) return false;
    const batch = await tx
      .select({ id: statements.id, text: statements.text })
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
    const passageRows = await tx.select().from(passages).where(inArray(passages.statementId, ids)).orderBy(asc(passages.statementId), asc(passages.ordinal));
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
      const tagged = tagStatement(codebook.compiled, statement.text, own.map((p) => ({ ordinal: p.ordinal, start: p.start, end: p.end, sentences: [] })));
      return tagged.passages.flatMap((tp) => {
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
    await tx
      .update(retagJobs)
      .set({ cursor: ids.at(-1)!, done: sql`${retagJobs.done} + ${batch.length}` })
      .where(eq(retagJobs.id, job.id));
    return true;
  });
}
