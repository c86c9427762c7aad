import { asc, count, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passageCounterparts, passages, statementPairs, statements, tags, themes } from "@/db/schema";
import type { AnalysedStatement } from "@/lib/engine/types";
import { writeAudit } from "./audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import type { StatementFilter } from "./filters";
import { applyCells } from "./series-cells";
import { statementWhere } from "./statement-filter-sql";

export const PAGE_SIZE = 25;

export async function listStatements(ctx: DalContext, filter: StatementFilter, page = 1, pageSize = PAGE_SIZE) {
  await requirePermission(ctx, "statements:read");
  const where = statementWhere(filter);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: statements.id,
        title: statements.title,
        date: statements.date,
        datePrecision: statements.datePrecision,
        speakerName: statements.speakerName,
        speakerCountry: statements.speakerCountry,
        kind: statements.kind,
        tone: statements.tone,
        language: statements.language,
      })
      .from(statements)
      .where(where)
      .orderBy(sql`${statements.date} desc nulls last`, desc(statements.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
    ctx.db.select({ n: count() }).from(statements).where(where),
  ]);
  const themesByStatement = await statementThemes(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => ({ ...r, themes: themesByStatement.get(r.id) ?? [] })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}

export interface StatementTheme {
  slug: string;
  name: string;
  color: string;
  origin: "auto" | "human";
}

/** The themes each statement carries: any tag that has not been rejected. */
async function statementThemes(db: Db, ids: number[]): Promise<Map<number, StatementTheme[]>> {
  const result = new Map<number, StatementTheme[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectDistinct({
      statementId: tags.statementId,
      slug: themes.slug,
      name: themes.name,
      color: themes.color,
      origin: tags.origin,
    })
    .from(tags)
    .innerJoin(themes, eq(themes.id, tags.themeId))
    .where(sql`${inArray(tags.statementId, ids)} and ${tags.status} <> 'rejected'`)
    .orderBy(asc(themes.slug));
  for (const { statementId, ...theme } of rows) {
    const list = result.get(statementId) ?? [];
    const existing = list.find((t) => t.slug === theme.slug);
    if (!existing) list.push(theme);
    else if (theme.origin === "human") existing.origin = "human";
    result.set(statementId, list);
  }
  return result;
}

export async function getStatement(ctx: DalContext, id: number) {
  await requirePermission(ctx, "statements:read");
  const { searchVector: _searchIndexOnly, ...columns } = getTableColumns(statements);
  const [statement] = await ctx.db.select(columns).from(statements).where(eq(statements.id, id));
  if (!statement) throw new DalError("not_found", `There is no statement ${id}.`);
  const [passageRows, pairRows, evidenceRows, themeMap] = await Promise.all([
    ctx.db.select().from(passages).where(eq(passages.statementId, id)).orderBy(asc(passages.ordinal)),
    ctx.db
      .select()
      .from(statementPairs)
      .where(eq(statementPairs.statementId, id))
      .orderBy(desc(statementPairs.isPrimary), desc(statementPairs.mentions)),
    ctx.db
      .select({ passageId: tags.passageId, slug: themes.slug, color: themes.color, evidence: tags.evidence })
      .from(tags)
      .innerJoin(themes, eq(themes.id, tags.themeId))
      .where(sql`${tags.statementId} = ${id} and ${tags.status} <> 'rejected' and ${tags.passageId} is not null`),
    statementThemes(ctx.db, [id]),
  ]);
  return {
    ...statement,
    pairs: pairRows,
    themes: themeMap.get(id) ?? [],
    passages: passageRows.map((p) => ({
      id: p.id,
      ordinal: p.ordinal,
      start: p.start,
      end: p.end,
      text: statement.text.slice(p.start, p.end),
      tone: p.tone,
      toneWords: p.toneWords,
      tags: evidenceRows
        .filter((e) => e.passageId === p.id)
        .map((e) => ({ theme: e.slug, color: e.color, evidence: e.evidence })),
    })),
  };
}

export type StatementDetail = Awaited<ReturnType<typeof getStatement>>;

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

export async function importStatement(ctx: DalContext, record: StatementRecord) {
  const actor = await requirePermission(ctx, "statements:import");
  return writeStatement(ctx.db, record, actor.id);
}

/**
 * Writes a statement with its passages, pairs, tags and audit row in ONE transaction. A statement whose
 * content hash is already stored is reported as a duplicate and nothing is written.
 * Callers check permission first (importStatement) or are trusted start-up code (seed).
 */
export async function writeStatement(
  db: Db,
  record: StatementRecord,
  actorId: number | null,
): Promise<{ id: number; duplicate: boolean }> {
  const themeIds = await themeIdsFor(db, record.codebookVersion); // before the transaction: PGlite has one connection
  return db.transaction(async (tx) => {
    const { passages: passageRecords, pairs, codebookVersion, ...fields } = record;
    const [inserted] = await tx
      .insert(statements)
      .values({ ...fields, createdBy: actorId })
      .onConflictDoNothing({ target: statements.contentHash })
      .returning({ id: statements.id });
    if (!inserted) {
      const [existing] = await tx
        .select({ id: statements.id })
        .from(statements)
        .where(eq(statements.contentHash, record.contentHash));
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
