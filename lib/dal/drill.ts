import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { passages, statementPairs, statements, tags, themes } from "@/db/schema";
import { INTERVALS, periodRange, PRECISIONS_FOR } from "@/lib/engine/periods";
import { requirePermission, type DalContext } from "./context";
import { iso3Schema, languageSchema, themeSlugSchema } from "@/lib/validation";

export const DRILL_PAGE_SIZE = 20;

export const drillQuerySchema = z.object({
  speaker: iso3Schema,
  counterpart: iso3Schema,
  bothDirections: z.boolean().default(false),
  theme: themeSlugSchema,
  period: z.string().regex(/^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$/),
  interval: z.enum(INTERVALS),
  /** As the chart's language filter: only statements in this language. */
  language: languageSchema.optional(),
  page: z.number().int().min(1).default(1),
});
export type DrillQuery = z.infer<typeof drillQuerySchema>;

/**
 * The statements and passages behind one point of a chart: the pair's statements in the period that carry the
 * theme, each with its passages tagged with it (evidence and tone words included). Paged, with no cap.
 */
export async function passagesBehind(ctx: DalContext, query: DrillQuery) {
  await requirePermission(ctx, "statements:read");
  const { from, until } = periodRange(query.period, query.interval);
  const pairCondition = query.bothDirections
    ? sql`((${statementPairs.speakerIso3} = ${query.speaker} and ${statementPairs.counterpartIso3} = ${query.counterpart}) or (${statementPairs.speakerIso3} = ${query.counterpart} and ${statementPairs.counterpartIso3} = ${query.speaker}))`
    : and(eq(statementPairs.speakerIso3, query.speaker), eq(statementPairs.counterpartIso3, query.counterpart));
  // As the series cells count: a theme on a passage addressed to the counterpart (any passage of a pair staff
  // set), or a theme a person set on the whole statement.
  const pairsPassage = (pair: SQL, passageId: SQL) =>
    sql`(${pair}.origin <> 'mention' or exists (select 1 from passage_counterparts pc where pc.passage_id = ${passageId} and pc.iso3 = ${pair}.counterpart_iso3 and pc.addressed))`;
  const themed = sql`exists (select 1 from tags t join themes th on th.id = t.theme_id where t.statement_id = ${statements.id} and t.status <> 'rejected' and th.slug = ${query.theme}
    and (t.passage_id is null or ${pairsPassage(sql.raw('"statement_pairs"'), sql`t.passage_id`)}))`;
  const chosenPair = query.bothDirections
    ? sql`((sp.speaker_iso3 = ${query.speaker} and sp.counterpart_iso3 = ${query.counterpart}) or (sp.speaker_iso3 = ${query.counterpart} and sp.counterpart_iso3 = ${query.speaker}))`
    : sql`(sp.speaker_iso3 = ${query.speaker} and sp.counterpart_iso3 = ${query.counterpart})`;
  const ofThePair = sql`exists (select 1 from statement_pairs sp where sp.statement_id = ${passages.statementId} and ${chosenPair} and ${pairsPassage(sql.raw("sp"), sql`${passages.id}`)})`;
  const where = and(
    pairCondition,
    themed,
    gte(statements.date, from),
    lt(statements.date, until),
    inArray(statements.datePrecision, PRECISIONS_FOR[query.interval]),
    query.language ? eq(statements.language, query.language) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .selectDistinct({
        id: statements.id,
        title: statements.title,
        date: statements.date,
        datePrecision: statements.datePrecision,
        speakerName: statements.speakerName,
        speakerCountry: statements.speakerCountry,
        tone: statements.tone,
        sourceUrl: statements.sourceUrl,
        text: statements.text,
      })
      .from(statements)
      .innerJoin(statementPairs, eq(statementPairs.statementId, statements.id))
      .where(where)
      .orderBy(asc(statements.date), asc(statements.id))
      .limit(DRILL_PAGE_SIZE)
      .offset((query.page - 1) * DRILL_PAGE_SIZE),
    ctx.db
      .select({ n: sql<number>`count(distinct ${statements.id})::int` })
      .from(statements)
      .innerJoin(statementPairs, eq(statementPairs.statementId, statements.id))
      .where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const tagged =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            statementId: passages.statementId,
            passageId: passages.id,
            ordinal: passages.ordinal,
            start: passages.start,
            end: passages.end,
            tone: passages.tone,
            toneWords: passages.toneWords,
            color: themes.color,
            evidence: tags.evidence,
          })
          .from(tags)
          .innerJoin(themes, eq(themes.id, tags.themeId))
          .innerJoin(passages, eq(passages.id, tags.passageId))
          .where(and(inArray(tags.statementId, ids), eq(themes.slug, query.theme), ne(tags.status, "rejected"), ofThePair))
          .orderBy(asc(passages.statementId), asc(passages.ordinal), desc(tags.confidence));
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: DRILL_PAGE_SIZE,
    range: { from, until },
    statements: rows.map(({ text, ...s }) => ({
      ...s,
      passages: dedupeByPassage(tagged.filter((t) => t.statementId === s.id)).map((p) => ({ ...p, text: text.slice(p.start, p.end) })),
    })),
  };
}

function dedupeByPassage<T extends { passageId: number }>(rows: T[]): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.passageId) && seen.add(r.passageId));
}
