import Link from "next/link";
import { mixWithWhite, readableTextOn } from "@/components/colors";
import { ChartExport } from "@/components/charts/chart-export";
import { sourceLine } from "@/components/charts/chart-export-file";
import { ChartTable } from "@/components/charts/chart-table";
import { FrequencyChart, ToneChart } from "@/components/charts/lazy-charts";
import { blankReason, chartData, drillQueryOf } from "@/components/charts/chart-data";
import { packChartData } from "@/components/charts/packed";
import type { ChartMarker } from "@/components/charts/types";
import { EventForm } from "./_components/event-form";
import { DateRangeFields, IntervalMeasureFields, LanguageField, ThemeCheckboxes } from "@/components/filter-fields";
import { PairFields } from "@/components/pair-fields";
import { Suspense } from "react";
import { DeskLoading, DeskSection } from "./_components/desk-section";
import { PairLink } from "@/components/pair-link";
import { JobProgress } from "@/components/job-progress";
import { LeftOut, rangePhrase } from "@/components/left-out";
import { roleHas } from "@/lib/dal/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import type { DalContext } from "@/lib/dal/context";
import { cachedRead } from "@/lib/dal/read-cache";
import { countryNames, listPairs, listThemes } from "@/lib/dal/catalog";
import { valueOrProblem } from "@/lib/dal/errors";
import { languageName } from "@/lib/dal/filters";
import { toUrlParams } from "@/app/_lib/search-params";
import { eventsFor } from "@/lib/dal/events";
import { pairSeries, pairThemeOverview, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { toneRescoreStatus } from "@/lib/dal/background-progress";
import { CORE_THEMES } from "@/lib/engine/codebook";
import { periodOf } from "@/lib/engine/periods";
import { DEFAULT_THEME_COLOR } from "@/components/colors";
import { LOW_EVIDENCE_STATEMENTS } from "@/lib/engine/series-math";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx, actor } = await requireSignedIn("/dashboard");
  const url = toUrlParams(await searchParams);
  // The busiest pair is the default view; the suggestions for the pair fields load in the browser.
  const [pairs, themes] = await Promise.all([listPairs(ctx, 1), listThemes(ctx)]);
  if (pairs.length === 0) return <p>No statements yet: staff can import some.</p>;
  if (url.getAll("pair").length === 0) {
    const named = url.get("speaker") && url.get("counterpart") ? `${url.get("speaker")}>${url.get("counterpart")}` : null;
    url.set("pair", named ?? `${pairs[0]!.speaker}>${pairs[0]!.counterpart}`);
    url.delete("speaker");
    url.delete("counterpart");
  }
  if (url.getAll("theme").length === 0) for (const t of CORE_THEMES) if (themes.some((x) => x.slug === t)) url.append("theme", t);

  const asked = await valueOrProblem(() => seriesQueryFromParams(url));
  const problem = asked.problem;
  const query =
    asked.value ??
    seriesQueryFromParams(new URLSearchParams({ pair: `${pairs[0]!.speaker}>${pairs[0]!.counterpart}`, theme: themes[0]!.slug }));
  // Everything below but the user's own parts (role, saved views) and the live job status is the same for
  // every reader of these filters until the next write: shaped once, then served from the read cache.
  const [
    {
      pairTitle,
      measure,
      data,
      markers,
      overview,
      tooCoarse,
      undated,
      unpaired,
      frequencyBlank,
      toneBlank,
      filtersLine,
      themeTotals,
      maxTotal,
    },
    rescore,
  ] = await Promise.all([
    cachedRead(ctx, "series:read", "dashboardView", query, () => dashboardView(ctx, query, themes)),
    toneRescoreStatus(ctx),
  ]);
  const drillQuery = drillQueryOf(query);

  return (
    <>
      <h1>{pairTitle}</h1>
      <p className="notice">
        Pair pages:{" "}
        {query.pairs.map((p, i) => (
          <span key={`${p.speaker}>${p.counterpart}`}>
            {i > 0 && " · "}
            <PairLink speaker={p.speaker} counterpart={p.counterpart} both />
          </span>
        ))}
      </p>
      {problem && (
        <p className="error" role="alert">
          Those filters could not be used ({problem}); showing the default view.
        </p>
      )}
      <Filters url={url} themes={themes} />
      <Suspense fallback={<DeskLoading />}>
        <DeskSection ctx={ctx} selection={query} query={url.toString()} canSave={roleHas(actor.role, "views:save")} />
      </Suspense>
      <section className="card" aria-labelledby="frequency-title">
        <h2 id="frequency-title">
          Theme frequency: {measure} per {query.interval}
        </h2>
        {frequencyBlank ? (
          <p className="chart-blank" data-testid="frequency-blank">
            {frequencyBlank}
          </p>
        ) : (
          <ChartExport
            title={`${pairTitle}: ${measure} per ${query.interval}`}
            filters={filtersLine}
            source={sourceLine()}
            data={data}
            measure="value"
          >
            <FrequencyChart
              title={`${pairTitle}: ${measure} per ${query.interval}`}
              data={data}
              markers={markers}
              yLabel={measure}
              yMax={query.scale === "share" ? 1 : undefined}
              drillQuery={drillQuery}
            />
          </ChartExport>
        )}
        {!frequencyBlank && (
          <ChartTable data={data} drillQuery={drillQuery} value="value" unit={query.scale === "share" ? "" : query.measure} />
        )}
        {tooCoarse > 0 && (
          <p className="notice">
            {tooCoarse} statements are dated too coarsely for a {query.interval}ly view (only by year or month) and are left out; choose
            “year” to include them.
          </p>
        )}
        <LeftOut pairs={query.pairs} undated={undated} unpaired={unpaired} />
      </section>
      <section className="card" aria-labelledby="tone-title">
        <h2 id="tone-title">Tone of the passages tagged with each theme (−1 hostile … +1 cooperative)</h2>
        {toneBlank ? (
          <p className="chart-blank" data-testid="tone-blank">
            {toneBlank}
          </p>
        ) : (
          <ChartExport
            title={`${pairTitle}: tone per ${query.interval}`}
            filters={filtersLine}
            source={sourceLine()}
            data={data}
            measure="tone"
          >
            <ToneChart title={`${pairTitle}: tone per ${query.interval}`} data={data} markers={markers} drillQuery={drillQuery} />
          </ChartExport>
        )}
        <p className="notice">
          Shaded: 95% interval. A hollow marker stands on fewer than {LOW_EVIDENCE_STATEMENTS} statements: read it as a hint, not a finding.
          No line: nothing said in that period.
        </p>
        <JobProgress
          job={rescore}
          doing="Tone is being re-scored by a newer engine"
          meanwhile="Until it ends, this chart mixes the two engines."
        />
        {!toneBlank && <ChartTable data={data} drillQuery={drillQuery} value="tone" unit="" />}
        <LeftOut pairs={query.pairs} undated={undated} unpaired={unpaired} />
      </section>
      <section className="card" aria-labelledby="mix-title">
        <h2 id="mix-title">Theme mix for this selection</h2>
        <table>
          <caption className="sr-only">Statements per theme in the selection</caption>
          <tbody>
            {themeTotals.map(({ theme, total }) => (
              <tr key={theme.slug}>
                <th scope="row" style={{ width: "14rem" }}>
                  {theme.name}
                </th>
                <td style={{ width: "4rem" }}>{total}</td>
                <td aria-hidden="true">
                  <div style={{ background: theme.color, height: "0.9rem", width: `${(100 * total) / maxTotal}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title">Where the activity is: busiest pairs × themes (statements)</h2>
        <div style={{ overflowX: "auto" }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">All</th>
                {themes.map((t) => (
                  <th key={t.slug} scope="col">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overview.map((p) => (
                <tr key={`${p.speaker}>${p.counterpart}`}>
                  <th scope="row">
                    <Link href={`/dashboard?${withPair(url, `${p.speaker}>${p.counterpart}`)}`}>
                      {p.speaker} → {p.counterpart}
                    </Link>{" "}
                    <PairLink speaker={p.speaker} counterpart={p.counterpart}>
                      <span aria-label={`pair page ${p.speaker} → ${p.counterpart}`}>page</span>
                    </PairLink>
                  </th>
                  <td>{p.total}</td>
                  {themes.map((t) => {
                    const n = p.byTheme[t.slug] ?? 0;
                    const shade = mixWithWhite(t.color, n / Math.max(1, p.total));
                    return (
                      <td key={t.slug} style={{ background: shade, color: readableTextOn(shade) }}>
                        {n}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p>
        <Link href={`/statements?speaker=${query.pairs[0]!.speaker}&counterpart=${query.pairs[0]!.counterpart}`}>
          List the statements of {query.pairs[0]!.speaker} → {query.pairs[0]!.counterpart}
        </Link>
        {" · "}
        <a href={`/api/v1/series?${url}`}>This series as JSON</a>
        {roleHas(actor.role, "reports:export") && (
          <>
            {" · "}
            <a
              href={`/api/export/statements?speaker=${query.pairs[0]!.speaker}&counterpart=${query.pairs[0]!.counterpart}&theme=${query.themes[0]}`}
              download
            >
              Download CSV
            </a>
          </>
        )}
      </p>
      {roleHas(actor.role, "events:write") && (
        <EventForm pairs={query.pairs.map((p) => ({ value: `${p.speaker}>${p.counterpart}`, label: `${p.speaker} ↔ ${p.counterpart}` }))} />
      )}
    </>
  );
}

type ThemeRow = Awaited<ReturnType<typeof listThemes>>[number];

/** The charts, tables and overview of one set of filters, as every reader sees them. */
async function dashboardView(ctx: DalContext, query: PairSeriesQuery, themes: ThemeRow[]) {
  const [{ series, tooCoarse, undated, unpaired }, events, overview, names] = await Promise.all([
    pairSeries(ctx, query),
    eventsFor(ctx, query.pairs),
    pairThemeOverview(ctx, { from: query.from, to: query.to, language: query.language }),
    countryNames(
      ctx,
      query.pairs.flatMap((p) => [p.speaker, p.counterpart]),
    ),
  ]);
  const themeBySlug = new Map(themes.map((t) => [t.slug, t]));
  const name = (iso3: string) => names.get(iso3) ?? iso3;
  const data = chartData(
    series.map((s) => ({
      key: `${s.pair}|${s.theme}`,
      pair: s.pair,
      theme: s.theme,
      color: themeBySlug.get(s.theme)?.color ?? DEFAULT_THEME_COLOR,
      label: query.pairs.length > 1 ? `${s.pair} · ${themeBySlug.get(s.theme)?.name}` : (themeBySlug.get(s.theme)?.name ?? s.theme),
      points: s.points,
    })),
  );
  const markers: ChartMarker[] = events.map((e) => ({ period: periodOf(e.day, query.interval), label: e.label, kind: e.kind }));
  const pairTitle = query.pairs.map((p) => `${name(p.speaker)} ${query.bothDirections ? "↔" : "→"} ${name(p.counterpart)}`).join(" vs ");
  const arrow = query.bothDirections ? "↔" : "→";
  const measure =
    query.scale === "share"
      ? `share of ${query.pairs.length === 1 ? `${query.pairs[0]!.speaker}${arrow}${query.pairs[0]!.counterpart}` : "each pair's"} ${query.measure}`
      : query.measure;
  const blank = {
    pairs: query.pairs.map((p) => ({ speaker: name(p.speaker), counterpart: name(p.counterpart) })),
    bothDirections: query.bothDirections,
    range: rangePhrase(query.from, query.to),
    interval: query.interval,
    themes: query.themes.map((t) => themeBySlug.get(t)?.name ?? t),
    undated,
    unpaired,
    tooCoarse,
  };
  const frequencyBlank = blankReason("frequency", data, blank);
  const toneBlank = blankReason("tone", data, blank);
  const filtersLine = `Themes: ${blank.themes.join(", ")} · ${measure} per ${query.interval}${query.from || query.to ? ` · ${query.from ?? "…"} to ${query.to ?? "…"}` : ""}${query.language ? ` · statements in ${languageName(query.language)} only` : ""}`;
  const themeTotals = themes
    .map((t) => ({
      theme: t,
      total: series.filter((s) => s.theme === t.slug).reduce((n, s) => n + s.points.reduce((m, p) => m + p.statements, 0), 0),
    }))
    .filter((t) => query.themes.includes(t.theme.slug));
  const maxTotal = Math.max(1, ...themeTotals.map((t) => t.total));
  return {
    pairTitle,
    measure,
    data: packChartData(data),
    markers,
    overview,
    tooCoarse,
    undated,
    unpaired,
    frequencyBlank,
    toneBlank,
    filtersLine,
    themeTotals,
    maxTotal,
  };
}

function withPair(url: URLSearchParams, pair: string): string {
  const next = new URLSearchParams(url);
  next.delete("pair");
  next.set("pair", pair);
  return next.toString();
}

function Filters({ url, themes }: { url: URLSearchParams; themes: { slug: string; name: string; parentId: number | null }[] }) {
  return (
    <form className="filters" method="get" aria-label="Chart filters">
      <PairFields chosen={url.getAll("pair")} />
      <ThemeCheckboxes themes={themes} chosen={url.getAll("theme")} />
      <DateRangeFields from={url.get("from")} to={url.get("to")} />
      <LanguageField language={url.get("language")} />
      <IntervalMeasureFields interval={url.get("interval") ?? "year"} measure={url.get("measure") ?? "statements"} />
      <label>
        As
        <select name="scale" defaultValue={url.get("scale") ?? "count"}>
          <option value="count">absolute counts</option>
          <option value="share">share of the pair&apos;s</option>
        </select>
      </label>
      <label style={{ flexDirection: "row", alignItems: "center", gap: "0.25rem" }}>
        <input type="checkbox" name="both" value="1" defaultChecked={url.get("both") === "1"} /> both directions
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
