import { desc, inArray, sql } from "drizzle-orm";
import { ALL_THEMES, codebookVersions, countries, themes as themeTable } from "@/db/schema";
import { rowsOf, type Db } from "@/db/client";
import { clusteredToneInterval, LOW_EVIDENCE_STATEMENTS } from "@/lib/engine/series-math";
import type {
  CodebookEntry,
  MethodNotes,
  ReportModel,
  ReportPassage,
  ReportStatementRow,
  ThemePassages,
  ToneRow,
} from "@/lib/export/report-model";
import { reportSpecSchema, type ReportFormat, type ReportSpec } from "@/lib/export/report-spec";
import { writeAudit } from "./internal/audit";
import { themeDefinitions } from "./internal/codebook";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { statementBatches } from "./internal/statement-batches";
import { pairSeries } from "./pair-series";
import { reportCellWhere, reportStatementWhere } from "./internal/report-sql";
import { describeIssues } from "@/lib/validation";

/** Longest passage text a report quotes; the rest is one click away in the app. */
const PASSAGE_CHARS = 900;

/** The whole report — summary, series, tone, top passages, method notes, codebook — computed once for every format. */
export async function buildReport(ctx: DalContext, input: ReportSpec, name = "Dyad report"): Promise<ReportModel> {
  const actor = await requirePermission(ctx, "reports:export");
  const spec = parseSpec(input);
  const themeRows = await ctx.db
    .select({ id: themeTable.id, slug: themeTable.slug, name: themeTable.name, color: themeTable.color })
    .from(themeTable)
    .where(inArray(themeTable.slug, spec.themes));
  const unknown = spec.themes.filter((t) => !themeRows.some((r) => r.slug === t));
  if (unknown.length > 0) throw new DalError("invalid", `There is no theme ${unknown.map((t) => `"${t}"`).join(", ")} in the codebook.`);
  const themes = spec.themes.map((slug) => themeRows.find((r) => r.slug === slug)!);
  const [pairs, series, summary, tone, passages, method, codebook] = await Promise.all([
    pairLabels(ctx.db, spec),
    pairSeries(ctx, {
      pairs: spec.pairs,
      bothDirections: spec.bothDirections,
      themes: spec.themes,
      from: spec.from,
      to: spec.to,
      interval: spec.interval,
      measure: spec.measure,
      scale: "count",
      language: spec.language,
    }),
    summarise(ctx.db, spec),
    toneTable(ctx.db, spec, themes),
    topPassages(ctx.db, spec),
    methodNotes(ctx.db, spec),
    codebookEntries(ctx.db, spec),
  ]);
  return {
    name,
    generatedAt: new Date().toISOString(),
    generatedBy: actor.name,
    spec,
    pairs,
    themes: themes.map(({ slug, name: themeName, color }) => ({ slug, name: themeName, color })),
    summary: { ...summary, tooCoarse: series.tooCoarse, undated: series.undated, unpaired: series.unpaired },
    series: series.series.map((s) => ({
      pair: s.pair,
      theme: s.theme,
      points: s.points.map((p) => ({
        period: p.period,
        covered: p.value !== null,
        statements: p.statements,
        passages: p.passages,
        coverage: p.coverage,
        tone: p.tone,
      })),
    })),
    tone,
    passages,
    method,
    codebook,
  };
}

/** A download of a report: built like a preview, and recorded in the audit log with its format. */
export async function exportReport(ctx: DalContext, spec: ReportSpec, name: string, format: ReportFormat): Promise<ReportModel> {
  const model = await buildReport(ctx, spec, name);
  await auditExport(ctx.db, ctx.userId, model.spec, name, format);
  return model;
}

/**
 * A report's statements with their pairs, themes and tone, oldest first (undated last), streamed in batches
 * by the one statement export (./exports). Permission (and the audit row, unless the
 * caller recorded this export already) come before the first row, so a refusal is an error response, never a
 * broken download.
 */
export async function openReportStatements(
  ctx: DalContext,
  input: ReportSpec,
  record: { name: string; format: ReportFormat } | null,
): Promise<AsyncIterable<ReportStatementRow[]>> {
  await requirePermission(ctx, "reports:export");
  const spec = parseSpec(input);
  if (record) await auditExport(ctx.db, ctx.userId, spec, record.name, record.format);
  return statementBatches(ctx.db, reportStatementWhere(spec));
}

function parseSpec(input: unknown): ReportSpec {
  const parsed = reportSpecSchema.safeParse(input);
  if (!parsed.success) throw new DalError("invalid", `This report cannot be run: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

async function auditExport(db: Db, actorId: number | null, spec: ReportSpec, name: string, format: ReportFormat): Promise<void> {
  await writeAudit(db, { actorId, action: "report.export", entityType: "report", entityId: name, after: { format, spec } });
}

async function pairLabels(db: Db, spec: ReportSpec): Promise<ReportModel["pairs"]> {
  const codes = [...new Set(spec.pairs.flatMap((p) => [p.speaker, p.counterpart]))];
  const rows = await db.select({ iso3: countries.iso3, name: countries.name }).from(countries).where(inArray(countries.iso3, codes));
  const name = (iso3: string) => rows.find((r) => r.iso3 === iso3)?.name ?? iso3;
  const arrow = spec.bothDirections ? "↔" : "→";
  return spec.pairs.map(({ speaker, counterpart }) => ({
    key: `${speaker}${arrow}${counterpart}`,
    label: `${name(speaker)} ${arrow} ${name(counterpart)}`,
    speaker,
    counterpart,
  }));
}

async function summarise(db: Db, spec: ReportSpec) {
  const result = await db.execute(sql`
    with chosen as (select id, date from statements where ${reportStatementWhere(spec)})
    select (select count(*)::int from chosen) as statements,
      (select count(distinct t.passage_id)::int from tags t join themes th on th.id = t.theme_id
        where t.statement_id in (select id from chosen) and t.status <> 'rejected' and t.passage_id is not null
          and th.slug in (${sql.join(
            spec.themes.map((t) => sql`${t}`),
            sql`, `,
          )})) as passages,
      (select to_char(min(date), 'YYYY-MM-DD') from chosen) as first_date,
      (select to_char(max(date), 'YYYY-MM-DD') from chosen) as last_date`);
  const [row] = rowsOf<{ statements: number; passages: number; first_date: string | null; last_date: string | null }>(result);
  return {
    statements: row?.statements ?? 0,
    passages: row?.passages ?? 0,
    firstDate: row?.first_date ?? null,
    lastDate: row?.last_date ?? null,
  };
}

/** Tone over the whole period per pair × theme, from the series cells (every date precision counts here). */
async function toneTable(db: Db, spec: ReportSpec, themes: { id: number; slug: string }[]): Promise<ToneRow[]> {
  const result = await db.execute(sql`
    select speaker_iso3 as speaker, counterpart_iso3 as counterpart, theme_id,
      sum(statements)::int as statements, sum(passages)::int as passages,
      sum(tone_sum)::float8 as tone_sum, sum(tone_sum_sq)::float8 as tone_sum_sq, sum(tone_n)::int as tone_n,
      sum(tone_statements)::int as tone_statements, sum(cluster_sum_sq)::float8 as cluster_sum_sq,
      sum(cluster_cross)::float8 as cluster_cross, sum(cluster_n_sq)::float8 as cluster_n_sq
    from series_cells
    where ${reportCellWhere(spec)} and theme_id in (${sql.join(
      themes.map((t) => sql`${t.id}`),
      sql`, `,
    )}) and theme_id <> ${ALL_THEMES}
    group by 1, 2, 3`);
  const cells = rowsOf<{
    speaker: string;
    counterpart: string;
    theme_id: number;
    statements: number;
    passages: number;
    tone_sum: number;
    tone_sum_sq: number;
    tone_n: number;
    tone_statements: number;
    cluster_sum_sq: number;
    cluster_cross: number;
    cluster_n_sq: number;
  }>(result);
  const arrow = spec.bothDirections ? "↔" : "→";
  return spec.pairs.flatMap(({ speaker, counterpart }) =>
    themes.map((theme) => {
      const mine = cells.filter(
        (c) =>
          c.theme_id === theme.id &&
          ((c.speaker === speaker && c.counterpart === counterpart) ||
            (spec.bothDirections && c.speaker === counterpart && c.counterpart === speaker)),
      );
      const sum = (pick: (c: (typeof cells)[number]) => number) => mine.reduce((n, c) => n + pick(c), 0);
      const statements = sum((c) => c.statements);
      const n = sum((c) => c.tone_n);
      const tone = clusteredToneInterval({
        toneSum: sum((c) => c.tone_sum),
        toneSumSq: sum((c) => c.tone_sum_sq),
        toneN: n,
        toneStatements: sum((c) => c.tone_statements),
        clusterSumSq: sum((c) => c.cluster_sum_sq),
        clusterCross: sum((c) => c.cluster_cross),
        clusterNSq: sum((c) => c.cluster_n_sq),
      });
      return {
        pair: `${speaker}${arrow}${counterpart}`,
        theme: theme.slug,
        statements,
        passages: sum((c) => c.passages),
        tone: tone && {
          mean: tone.mean,
          low: tone.low,
          high: tone.high,
          statements: sum((c) => c.tone_statements),
          passages: n,
          lowEvidence: tone.lowEvidence,
        },
      };
    }),
  );
}

/**
 * The strongest passages per theme: highest tagger confidence first, then the most recent. A lateral top-N per
 * theme rather than a window over every tagged passage: the database keeps N rows per theme, not all of them.
 */
async function topPassages(db: Db, spec: ReportSpec): Promise<ThemePassages[]> {
  const result = await db.execute(sql`
    select th.slug as theme, top.*
    from themes th
    cross join lateral (
      select s.id as statement_id, s.title, to_char(s.date, 'YYYY-MM-DD') as date, s.speaker_name, s.speaker_country, s.source_url,
        substr(s.text, p.start_offset + 1, least(p.end_offset - p.start_offset, ${PASSAGE_CHARS + 1})) as text,
        p.id as passage_id, p.tone::float8 as tone, t.confidence::float8 as confidence
      from tags t
      join passages p on p.id = t.passage_id
      join statements s on s.id = t.statement_id
      where t.theme_id = th.id and t.status <> 'rejected' and ${reportStatementWhere(spec, sql.raw("s"))}
      order by t.confidence desc nulls last, s.date desc nulls last, p.id
      limit ${spec.passagesPerTheme * 2}
    ) top
    where th.slug in (${sql.join(
      spec.themes.map((t) => sql`${t}`),
      sql`, `,
    )})`);
  const rows = rowsOf<{
    theme: string;
    passage_id: number;
    statement_id: number;
    title: string;
    date: string | null;
    speaker_name: string | null;
    speaker_country: string | null;
    source_url: string | null;
    text: string;
    tone: number | null;
    confidence: number | null;
  }>(result);
  return spec.themes.map((theme) => {
    const seen = new Set<number>(); // a passage can carry a theme twice (suggested and by hand)
    return {
      theme,
      passages: rows
        .filter((r) => r.theme === theme && !seen.has(r.passage_id) && seen.add(r.passage_id))
        .slice(0, spec.passagesPerTheme)
        .map((r): ReportPassage => ({
          statementId: r.statement_id,
          title: r.title,
          date: r.date,
          speaker: r.speaker_name,
          speakerCountry: r.speaker_country,
          sourceUrl: r.source_url,
          text: r.text.length > PASSAGE_CHARS ? `${r.text.slice(0, PASSAGE_CHARS).trimEnd()}…` : r.text,
          tone: r.tone,
          confidence: r.confidence,
        })),
    };
  });
}

async function methodNotes(db: Db, spec: ReportSpec): Promise<MethodNotes> {
  const [[latest], figures] = await Promise.all([
    db
      .select({ version: codebookVersions.version, at: codebookVersions.createdAt })
      .from(codebookVersions)
      .orderBy(desc(codebookVersions.version))
      .limit(1),
    db.execute(sql`
      select count(*) filter (where t.origin = 'auto')::int as auto_tags,
        count(*) filter (where t.origin = 'auto' and t.status = 'accepted')::int as accepted,
        count(*) filter (where t.origin = 'auto' and t.status = 'rejected')::int as rejected,
        count(*) filter (where t.origin = 'auto' and t.status = 'suggested')::int as unreviewed,
        count(*) filter (where t.origin = 'human')::int as human_tags
      from tags t join themes th on th.id = t.theme_id
      join statements s on s.id = t.statement_id
      where th.slug in (${sql.join(
        spec.themes.map((t) => sql`${t}`),
        sql`, `,
      )}) and ${reportStatementWhere(spec, sql.raw("s"))}`),
  ]);
  const [f] = rowsOf<{ auto_tags: number; accepted: number; rejected: number; unreviewed: number; human_tags: number }>(figures);
  const accepted = f?.accepted ?? 0;
  const rejected = f?.rejected ?? 0;
  return {
    codebookVersion: latest?.version ?? 0,
    codebookChangedAt: latest?.at.toISOString() ?? null,
    minStatementsForTone: LOW_EVIDENCE_STATEMENTS, // now the low-evidence mark, no longer a gate
    tagger: {
      autoTags: f?.auto_tags ?? 0,
      accepted,
      rejected,
      unreviewed: f?.unreviewed ?? 0,
      humanTags: f?.human_tags ?? 0,
      precision: accepted + rejected > 0 ? accepted / (accepted + rejected) : null,
    },
  };
}

async function codebookEntries(db: Db, spec: ReportSpec): Promise<CodebookEntry[]> {
  const definitions = await themeDefinitions(db);
  return spec.themes.flatMap((slug) => {
    const t = definitions.find((d) => d.slug === slug);
    return t
      ? [{ slug: t.slug, name: t.name, parent: t.parent, color: t.color, phrases: t.rules.phrases, exclusions: t.rules.exclusions }]
      : [];
  });
}
