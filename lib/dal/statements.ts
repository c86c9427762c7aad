import { asc, count, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, statementPairs, statements, tags, themes } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import type { StatementFilter } from "./filters";
import { statementWhere } from "./internal/statement-filter-sql";
import { writeStatement, type StatementRecord } from "./internal/write-statement";

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
      tags: evidenceRows.filter((e) => e.passageId === p.id).map((e) => ({ theme: e.slug, color: e.color, evidence: e.evidence })),
    })),
  };
}

export type StatementDetail = Awaited<ReturnType<typeof getStatement>>;

export type { StatementRecord };

export async function importStatement(ctx: DalContext, record: StatementRecord) {
  const actor = await requirePermission(ctx, "statements:import");
  return writeStatement(ctx.db, record, actor.id);
}
