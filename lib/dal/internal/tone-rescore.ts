import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { passageCounterparts, passages, statementPairs, statements, toneBaselines, toneRescoreJobs } from "@/db/schema";
import { addressedCountries, COUNTERPARTS_VERSION, passageCounterparts as readCounterparts } from "@/lib/engine/counterparts";
import { rankMentions } from "@/lib/engine/gazetteer";
import { createHash } from "node:crypto";
import { storedPassageTone, TONE_VERSION } from "@/lib/engine/tone";
import type { ToneWord } from "@/lib/engine/types";
import { pairsFor, readToneAndMentions } from "@/lib/ingest/pipeline";
import { enqueueJob } from "./job-queue";
import { applyCells, rebuildCells } from "./series-cells";
import { applyTone } from "./tone";

/** Small: on the embedded database a page waits for the batch in progress (20 long statements ≈ 0.1 s). */
const BATCH = 20;

/**
 * The analysis a re-score brings statements up to: this tone engine and this counterpart classifier. A job
 * records it, so a change of either starts a new pass.
 */
export const ANALYSIS_VERSION = createHash("sha256").update(`${TONE_VERSION}|${COUNTERPARTS_VERSION}`).digest("hex").slice(0, 16);

/**
 * Statements whose tone another engine scored, or whose passages another classifier read for counterparts (or
 * none recorded, from before versions were kept).
 */
const staleTone = or(
  isNull(statements.toneVersion),
  ne(statements.toneVersion, TONE_VERSION),
  isNull(statements.counterpartsVersion),
  ne(statements.counterpartsVersion, COUNTERPARTS_VERSION),
);

/**
 * Queues a re-analysis (tone and counterparts) when stored statements carry another engine's; a running job for
 * another analysis is superseded, one for this one resumes. Called at start-up. Statements from before
 * passages had counterparts sit in cells counted the old way: the cells are rebuilt once, by today's rules from
 * today's rows, so each batch's take-away and add-back agree with them.
 */
export async function queueToneRescore(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('dyad:tone-rescore'))`); // two servers starting at once queue one job
    const [running] = await tx
      .select()
      .from(toneRescoreJobs)
      .where(eq(toneRescoreJobs.status, "running"))
      .orderBy(desc(toneRescoreJobs.id))
      .limit(1);
    if (running?.toneVersion === ANALYSIS_VERSION) return enqueueJob(tx, "tone-rescore"); // resumes, whoever runs it
    // Cells a migration emptied (0015 split them by language) come back from raw rows before any batch adjusts them.
    const [{ emptied } = { emptied: false }] = rowsOf<{ emptied: boolean }>(
      await tx.execute(
        sql`select (exists (select 1 from statements where date is not null) and not exists (select 1 from series_cells_all)) as emptied`,
      ),
    );
    if (emptied) await rebuildCells(tx);
    await tx.update(toneRescoreJobs).set({ status: "superseded", finishedAt: new Date() }).where(eq(toneRescoreJobs.status, "running"));
    const [{ stale } = { stale: 0 }] = await tx.select({ stale: count() }).from(statements).where(staleTone);
    if (stale === 0) return;
    await tx.insert(toneRescoreJobs).values({ toneVersion: ANALYSIS_VERSION, total: stale });
    await enqueueJob(tx, "tone-rescore");
    const [{ old } = { old: 0 }] = await tx.select({ old: count() }).from(statements).where(isNull(statements.counterpartsVersion));
    if (old > 0) await rebuildCells(tx);
  });
}

/**
 * Re-scores one batch with this engine and moves the job's cursor in the same transaction; the series cells
 * follow. People's tone overrides stay as they are: the machine's tone under them (the baseline that clearing
 * an override brings back) is what changes. Returns false when nothing is left.
 */
export async function rescoreToneNextBatch(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The cursor is read under a lock in the batch's own transaction: a second worker waits, then sees it moved.
    const [job] = await tx
      .select()
      .from(toneRescoreJobs)
      .where(and(eq(toneRescoreJobs.status, "running"), eq(toneRescoreJobs.toneVersion, ANALYSIS_VERSION)))
      .orderBy(desc(toneRescoreJobs.id))
      .limit(1)
      .for("update");
    if (!job) return false;
    // Locked, so an edit, a re-tag or another server's re-score of the same statement waits for this one.
    const batch = await tx
      .select({
        id: statements.id,
        text: statements.text,
        speaker: statements.speakerCountry,
        date: statements.date,
        language: statements.language,
      })
      .from(statements)
      .where(and(gt(statements.id, job.cursor), staleTone))
      .orderBy(asc(statements.id))
      .limit(BATCH)
      .for("update");
    if (batch.length === 0) {
      await tx.update(toneRescoreJobs).set({ status: "done", finishedAt: new Date() }).where(eq(toneRescoreJobs.id, job.id));
      return false;
    }
    const ids = batch.map((s) => s.id);
    // One query at a time: a transaction is a single connection.
    const passageRows = await tx
      .select({ id: passages.id, statementId: passages.statementId, ordinal: passages.ordinal, start: passages.start, end: passages.end })
      .from(passages)
      .where(inArray(passages.statementId, ids))
      .orderBy(asc(passages.statementId), asc(passages.ordinal));
    const baselineRows = await tx
      .selectDistinct({ statementId: toneBaselines.statementId })
      .from(toneBaselines)
      .where(inArray(toneBaselines.statementId, ids));
    const overridden = new Set(baselineRows.map((b) => b.statementId));
    const staffPairs = await tx
      .select()
      .from(statementPairs)
      .where(and(inArray(statementPairs.statementId, ids), ne(statementPairs.origin, "mention")));

    const passageTones: { id: number; tone: number | null; words: ToneWord[] }[] = [];
    const statementTones: { id: number; tone: number | null }[] = [];
    const baselines: { statementId: number; passageId: number | null; tone: number | null }[] = [];
    const counterpartRows: (typeof passageCounterparts.$inferInsert)[] = [];
    const mentionPairs: (typeof statementPairs.$inferInsert)[] = [];
    for (const statement of batch) {
      const own = passageRows.filter((p) => p.statementId === statement.id);
      // Read by its language, as on import: Russian by the Russian path, an unread language with no tone at all.
      const { tone: scored, mentions } = readToneAndMentions(statement.text, own, statement.language, statement.date);
      own.forEach((p, i) => {
        const tone = scored.passages[i]!;
        passageTones.push({ id: p.id, tone: storedPassageTone(tone), words: tone.words });
        if (overridden.has(statement.id)) baselines.push({ statementId: statement.id, passageId: p.id, tone: storedPassageTone(tone) });
      });
      statementTones.push({ id: statement.id, tone: scored.score });
      if (overridden.has(statement.id)) baselines.push({ statementId: statement.id, passageId: null, tone: scored.score });

      // Counterparts read again; the pairs staff set stay as they are, the ones read from mentions follow the text.
      const perPassage = readCounterparts({
        text: statement.text,
        passages: own,
        mentions,
        speaker: statement.speaker,
        language: statement.language,
      });
      own.forEach((p, i) => counterpartRows.push(...perPassage[i]!.map((c) => ({ ...c, passageId: p.id }))));
      if (statement.speaker) {
        const staff = staffPairs.filter((p) => p.statementId === statement.id);
        const named = staff.filter((p) => p.speakerIso3 === statement.speaker).map((p) => p.counterpartIso3);
        const fromText = pairsFor(
          rankMentions(mentions, statement.speaker, statement.text),
          statement.speaker,
          named,
          addressedCountries(perPassage),
        );
        const hasPrimary = staff.some((p) => p.isPrimary);
        const taken = new Set(staff.map((p) => `${p.speakerIso3}>${p.counterpartIso3}`));
        mentionPairs.push(
          ...fromText
            .filter((p) => p.origin === "mention" && !taken.has(`${p.speakerIso3}>${p.counterpartIso3}`))
            .map((p, i) => ({ ...p, statementId: statement.id, isPrimary: !hasPrimary && i === 0 })),
        );
      }
    }

    await applyCells(tx, ids, -1);
    // Each list goes as one JSON parameter, however many passages the batch holds.
    await tx.execute(sql`update passages p set tone = v.tone, tone_words = v.words
      from jsonb_to_recordset(${JSON.stringify(passageTones)}::jsonb) as v(id int, tone real, words jsonb) where p.id = v.id`);
    await tx.execute(sql`update statements s set tone = v.tone, tone_version = ${TONE_VERSION}, counterparts_version = ${COUNTERPARTS_VERSION}
      from jsonb_to_recordset(${JSON.stringify(statementTones)}::jsonb) as v(id int, tone real) where s.id = v.id`);
    const passageIds = passageRows.map((p) => p.id);
    if (passageIds.length > 0) await tx.delete(passageCounterparts).where(inArray(passageCounterparts.passageId, passageIds));
    if (counterpartRows.length > 0) await tx.insert(passageCounterparts).values(counterpartRows);
    await tx.delete(statementPairs).where(and(inArray(statementPairs.statementId, ids), eq(statementPairs.origin, "mention")));
    if (mentionPairs.length > 0) await tx.insert(statementPairs).values(mentionPairs);
    if (baselines.length > 0) {
      await tx.execute(sql`update tone_baselines b set tone = v.tone
        from jsonb_to_recordset(${JSON.stringify(baselines)}::jsonb) as v("statementId" int, "passageId" int, tone real)
        where b.statement_id = v."statementId" and b.passage_id is not distinct from v."passageId"`);
    }
    for (const id of overridden) await applyTone(tx, id); // people's tone laid over the new machine tone
    await applyCells(tx, ids, 1);
    await tx
      .update(toneRescoreJobs)
      .set({ cursor: ids.at(-1)!, done: sql`${toneRescoreJobs.done} + ${batch.length}` })
      .where(eq(toneRescoreJobs.id, job.id));
    return true;
  });
}
