import Link from "next/link";
import { describeTone, plural } from "@/components/charts/chart-data";
import { formatDate, formatTone } from "@/components/format";
import { LeftOut } from "@/components/left-out";
import { Pager } from "@/components/pager";
import { PassageText } from "@/components/passage-text";
import { requireSignedIn } from "@/lib/auth/session";
import { drillQuerySchema, passagesBehind } from "@/lib/dal/drill";
import { languageName } from "@/lib/dal/filters";
import { pairSeries } from "@/lib/dal/pair-series";
import { PairLink } from "@/components/pair-link";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | undefined>>;

export default async function DrillPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { ctx } = await requireSignedIn("/drill");
  const parsed = drillQuerySchema.safeParse({
    ...params,
    language: params.language || undefined,
    bothDirections: params.both === "1",
    page: Number(params.page ?? 1),
  });
  if (!parsed.success)
    return <p className="error">This link does not name a pair, theme and period: go back to the dashboard and click a point.</p>;
  const query = parsed.data;
  const [result, series] = await Promise.all([
    passagesBehind(ctx, query),
    // the chart's own numbers for this point, so the page and the tooltip agree
    pairSeries(ctx, {
      pairs: [{ speaker: query.speaker, counterpart: query.counterpart }],
      bothDirections: query.bothDirections,
      themes: [query.theme],
      interval: query.interval,
      language: query.language,
      measure: "statements",
      scale: "count",
    }),
  ]);
  const point = series.series[0]?.points.find((p) => p.period === query.period);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => `/drill?${new URLSearchParams({ ...params, page: String(page) } as Record<string, string>)}`;
  return (
    <>
      <h1>
        <PairLink speaker={query.speaker} counterpart={query.counterpart} both={query.bothDirections} /> · {query.theme} · {query.period}
        {query.language && ` · statements in ${languageName(query.language)} only`}
      </h1>
      <p className="notice">
        {result.total} statements from {result.range.from} up to {result.range.until}, with the passages tagged {query.theme}; evidence
        underlined in the theme&apos;s colour.{" "}
        {point && (
          <span data-testid="drill-point">
            This point:{" "}
            {point.value === null
              ? "a gap (nothing said in the period)"
              : `${plural(point.statements, "statement")}, ${plural(point.passages, "passage")}`}
            , of {plural(point.coverage.speakerStatements, "statement")} by the speaker in the period; tone {describeTone(point.tone)}.{" "}
          </span>
        )}
        <a
          href={`/api/v1/statements?${new URLSearchParams({ speaker: query.speaker, counterpart: query.counterpart, theme: query.theme, from: result.range.from, to: dayBefore(result.range.until), pageSize: "500", ...(query.language ? { language: query.language } : {}) })}`}
        >
          Download as JSON
        </a>
      </p>
      <LeftOut pairs={[{ speaker: query.speaker, counterpart: query.counterpart }]} undated={series.undated} unpaired={series.unpaired} />
      {result.statements.map((s) => (
        <article key={s.id} className="card">
          <h2 style={{ marginTop: 0 }}>
            <Link href={`/statements/${s.id}`}>{s.title}</Link>
          </h2>
          <p className="notice">
            {formatDate(s.date, s.datePrecision)} · {s.speakerName ?? "—"} ({s.speakerCountry}) · statement tone {formatTone(s.tone)}
          </p>
          {s.passages.map((p) => (
            <p key={p.passageId} className="passage" data-testid="drill-passage">
              <span className="meta">
                ¶{p.ordinal + 1} · tone {formatTone(p.tone)}
                {p.toneWords.length > 0 && ` (${p.toneWords.map((w) => `${w.word} ${w.weight > 0 ? "+" : ""}${w.weight}`).join(", ")})`}
              </span>
              <PassageText text={p.text} offset={p.start} tags={[{ theme: query.theme, color: p.color, evidence: p.evidence }]} />
            </p>
          ))}
        </article>
      ))}
      <Pager page={query.page} pages={pages} href={link} />
    </>
  );
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
