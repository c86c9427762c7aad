import Link from "next/link";
import { ThemeFrequencyChart } from "@/components/charts/theme-frequency-chart";
import { SeriesTable } from "@/components/series-table";
import { roleHas } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { listPairs, listThemes } from "@/lib/dal/catalog";
import { parseSearchParams, statementFilterSchema } from "@/lib/dal/filters";
import { pairSeries } from "@/lib/dal/pair-series";
import { INTERVALS, type PeriodInterval } from "@/lib/engine/periods";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx, actor } = await requireSignedIn("/dashboard");
  const params = await searchParams;
  const query = parseSearchParams(statementFilterSchema, { ...params, ...pairParams(params.pair) });
  const interval: PeriodInterval = INTERVALS.find((i) => i === params.interval) ?? "year";
  const [pairs, themes] = await Promise.all([listPairs(ctx), listThemes(ctx)]);
  const pair = pairs.find((p) => p.speaker === query.speaker && p.counterpart === query.counterpart) ?? pairs[0];
  const theme = themes.find((t) => t.slug === query.theme) ?? themes.find((t) => t.slug === "counterterrorism") ?? themes[0];
  if (!pair || !theme) return <p>No statements yet: staff can import some.</p>;

  const filter = { speaker: pair.speaker, counterpart: pair.counterpart, theme: theme.slug };
  const { series, tooCoarse } = await pairSeries(ctx, {
    pairs: [{ speaker: pair.speaker, counterpart: pair.counterpart }],
    themes: [theme.slug],
    bothDirections: false,
    interval,
    measure: "statements",
    scale: "count",
  });
  const points = (series[0]?.points ?? []).map((p) => ({ period: p.period, statements: p.value }));
  const total = points.reduce((sum, p) => sum + p.statements, 0);
  const title = `${pair.speakerName} → ${pair.counterpartName}: statements tagged ${theme.name}, per ${interval}`;
  const filterParams = new URLSearchParams(filter).toString();

  return (
    <>
      <h1>Theme frequency</h1>
      <form className="filters" method="get" aria-label="Chart filters">
        <label>
          Country pair (speaker → counterpart)
          <select name="pair" defaultValue={`${pair.speaker}>${pair.counterpart}`}>
            {pairs.map((p) => (
              <option key={`${p.speaker}>${p.counterpart}`} value={`${p.speaker}>${p.counterpart}`}>
                {p.speakerName} → {p.counterpartName} ({p.statements})
              </option>
            ))}
          </select>
        </label>
        <label>
          Theme
          <select name="theme" defaultValue={theme.slug}>
            {themes.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Interval
          <select name="interval" defaultValue={interval}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i[0]!.toUpperCase() + i.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">{title}</h2>
        {points.length === 0 ? (
          <p>No statements of this pair are tagged with this theme.</p>
        ) : (
          <>
            <ThemeFrequencyChart points={points} color={theme.color} title={title} />
            <SeriesTable points={points} caption={title} />
          </>
        )}
        {tooCoarse > 0 && (
          <p className="notice">
            {tooCoarse} statements are dated too coarsely for a {interval}ly view (e.g. only by year) and are left out.
          </p>
        )}
        <p>
          {total} statements. <Link href={`/statements?${filterParams}`}>List the statements behind this chart</Link>
          {roleHas(actor.role, "reports:export") && (
            <>
              {" · "}
              <a href={`/api/export/statements?${filterParams}`} download>
                Download CSV
              </a>
            </>
          )}
        </p>
      </section>
    </>
  );
}

/** The pair picker submits "USA>AZE"; links and the API use separate speaker and counterpart parameters. */
function pairParams(pair: string | string[] | undefined): { speaker?: string; counterpart?: string } {
  if (typeof pair !== "string") return {};
  const [speaker, counterpart] = pair.split(">");
  return { speaker, counterpart };
}
