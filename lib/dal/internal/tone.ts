import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, statements, toneBaselines, toneOverrides } from "@/db/schema";
import { evaluationOf } from "@/lib/engine/tone";
import { effectiveTones } from "@/lib/engine/tone-override";

/**
 * Rewrites the tone of a statement and its passages from the machine's tone and people's overrides, so the
 * series cells (which read passage tone) and every page see the override. Call inside the editing transaction.
 */
export async function applyTone(db: Db, statementId: number): Promise<void> {
  await saveBaselines(db, statementId);
  // One query at a time: inside a transaction `db` is a single connection.
  const baselines = await db.select().from(toneBaselines).where(eq(toneBaselines.statementId, statementId));
  const overrides = await db.select().from(toneOverrides).where(eq(toneOverrides.statementId, statementId));
  const passageRows = await db
    .select({ id: passages.id, tone: passages.tone, words: passages.toneWords })
    .from(passages)
    .where(eq(passages.statementId, statementId));
  const machine = new Map(baselines.map((b) => [b.passageId, b.tone]));
  const override = new Map(overrides.map((o) => [o.passageId, o.value]));
  const tones = effectiveTones(
    { machine: machine.get(null) ?? null, override: override.get(null) ?? null },
    passageRows.map((p) => ({
      id: p.id,
      machine: machine.has(p.id) ? machine.get(p.id)! : p.tone,
      evaluation: evaluationOf(p.words),
      override: override.get(p.id) ?? null,
    })),
  );
  for (const p of passageRows) {
    const tone = tones.passages.get(p.id) ?? null;
    if (tone !== p.tone) await db.update(passages).set({ tone }).where(eq(passages.id, p.id));
  }
  await db.update(statements).set({ tone: tones.statement }).where(eq(statements.id, statementId));
}

/** The machine's tones, kept once before the first override so that clearing every override brings them back. */
async function saveBaselines(db: Db, statementId: number): Promise<void> {
  const [existing] = await db
    .select({ id: toneBaselines.id })
    .from(toneBaselines)
    .where(eq(toneBaselines.statementId, statementId))
    .limit(1);
  if (existing) return;
  await db.execute(sql`
    insert into tone_baselines (statement_id, passage_id, tone)
    select id, null, tone from statements where id = ${statementId}
    union all
    select statement_id, id, tone from passages where statement_id = ${statementId}`);
}
