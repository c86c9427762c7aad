import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passageCounterparts, passages, statementPairs, statements, tags, themes } from "@/db/schema";
import type { AnalysedStatement } from "@/lib/engine/types";
import { writeAudit } from "./audit";
import { applyCells } from "./series-cells";

export type StatementRecord = AnalysedStatement;

const themeIdCache = new WeakMap<Db, { version: number; ids: Map<string, number> }>();

/** Theme slug → id, read once per codebook version (every theme change makes a new version). */
async function themeIdsFor(db: Db, version: number): Promise<Map<string, number>> {
  const cached = themeIdCache.get(db);
  if (cached?.version === version) return cached.ids;
  const ids = new Map((await db.select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));
  themeIdCache.set(db, { version, ids });
  return ids;
}

/**
 * Writes a statement with its passages, pairs, tags and audit row in ONE transaction. A statement whose
 * content hash is already stored is reported as a duplicate and nothing is written.
 * Checks no permission: callers check first (importStatement, the import jobs) or are trusted start-up code (seed).
 */
export async function writeStatement(db: Db, record: StatementRecord, actorId: number | null): Promise<{ id: number; duplicate: boolean }> {
  const themeIds = await themeIdsFor(db, record.codebookVersion); // before the transaction: PGlite has one connection
  return db.transaction(async (tx) => {
    const { passages: passageRecords, pairs, codebookVersion, ...fields } = record;
    const [inserted] = await tx
      .insert(statements)
      .values({ ...fields, createdBy: actorId })
      .onConflictDoNothing({ target: statements.contentHash })
      .returning({ id: statements.id });
    if (!inserted) {
      const [existing] = await tx.select({ id: statements.id }).from(statements).where(eq(statements.contentHash, record.contentHash));
      return { id: existing?.id ?? 0, duplicate: true };
    }
    const statementId = inserted.id;
    const passageIds =
      passageRecords.length === 0
        ? []
        : await tx
            .insert(passages)
            .values(passageRecords.map(({ tags: _tags, counterparts: _counterparts, ...p }) => ({ ...p, statementId })))
            .returning({ id: passages.id, ordinal: passages.ordinal });
    const idByOrdinal = new Map(passageIds.map((p) => [p.ordinal, p.id]));
    if (pairs.length > 0) await tx.insert(statementPairs).values(pairs.map((p) => ({ ...p, statementId })));
    const counterpartRows = passageRecords.flatMap((p) => p.counterparts.map((c) => ({ ...c, passageId: idByOrdinal.get(p.ordinal)! })));
    if (counterpartRows.length > 0) await tx.insert(passageCounterparts).values(counterpartRows);
    const tagRows = passageRecords.flatMap((p) =>
      p.tags.flatMap((tag) => {
        const themeId = themeIds.get(tag.theme);
        if (themeId === undefined) return [];
        return [
          {
            statementId,
            passageId: idByOrdinal.get(p.ordinal) ?? null,
            themeId,
            origin: "auto" as const,
            status: "suggested" as const,
            confidence: tag.confidence,
            evidence: tag.evidence,
            codebookVersion,
          },
        ];
      }),
    );
    if (tagRows.length > 0) await tx.insert(tags).values(tagRows);
    await applyCells(tx, [statementId], 1);
    await writeAudit(tx, {
      actorId,
      action: "statement.import",
      entityType: "statement",
      entityId: statementId,
      after: { title: record.title, contentHash: record.contentHash, passages: passageRecords.length, tags: tagRows.length },
    });
    return { id: statementId, duplicate: false };
  });
}
