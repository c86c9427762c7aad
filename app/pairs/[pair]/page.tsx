import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { chartData, drillQueryOf } from "@/components/charts/chart-data";
import { DirectionCharts } from "@/components/desk/direction-charts";
import { WhatChanged } from "@/components/desk/what-changed";
import { formatTone } from "@/components/format";
import { CountryLink } from "@/components/pair-link";
import { requireSignedIn } from "@/lib/auth/session";
import { listThemes } from "@/lib/dal/catalog";
import { listChanges } from "@/lib/dal/changes";
import { DalError } from "@/lib/dal/errors";
import { eventsFor } from "@/lib/dal/events";
import { pairSeries, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { pairProfile } from "@/lib/dal/profiles";
import { CORE_THEMES } from "@/lib/engine/codebook";
import { periodOf } from "@/lib/engine/periods";
import { DEFAULT_THEME_COLOR } from "@/components/colors";
import { QuotedPassages } from "./_components/quoted-passages";

export const dynamic = "force-dynamic";

/** A pair in both directions, side by side: /pairs/ARM-AZE. */
export default async function PairPage({ params }: { params: Promise<{ pair: string }> }) {
  const { pair } = await params;
  const { ctx } = await requireSignedIn(`/pairs/${pair}`);
  const [first = "", second = ""] = decodeURIComponent(pair).toUpperCase().split(/-|>|→/);
  const profile = await pairProfile(ctx, first, second).catch((error: unknown) => {
    if (error instanceof DalError && (error.code === "not_found" || error.code === "invalid")) notFound();
    throw error;
  });
  const [a, b] = [profile.directions[0]!.speaker, profile.directions[1]!.speaker];
  const name = (iso3: string) => profile.names.get(iso3) ?? iso3;
  const allThemes = await listThemes(ctx);
  const themes = profile.themes.length > 0 ? profile.themes : CORE_THEMES.filter((t) => allThemes.some((x) => x.slug === t));
  const query = (speaker: string, counterpart: string): PairSeriesQuery => ({
    pairs: [{ speaker, counterpart }],
    themes,
    bothDirections: false,
    interval: "year",
    measure: "passages",
    scale: "share",
  });
  const [ab, ba, events, changes] = await Promise.all([
    pairSeries(ctx, query(a, b)),
    pairSeries(ctx, query(b, a)),
    eventsFor(ctx, [{ speaker: a, counterpart: b }]),
    listChanges(ctx, {
      pairs: [
        { speaker: a, counterpart: b },
        { speaker: b, counterpart: a },
      ],
      limit: 6,
    }),
  ]);
  const themeBySlug = new Map(allThemes.map((t) => [t.slug, t]));
  const markers = events.map((e) => ({ period: periodOf(e.day, "year"), label: e.label, kind: e.kind }));
  const dataOf = (result: typeof ab) =>
    chartData(
      result.series.map((s) => ({
        key: `${s.pair}|${s.theme}`,
        pair: s.pair,
        theme: s.theme,
        color: themeBySlug.get(s.theme)?.color ?? DEFAULT_THEME_COLOR,
        label: themeBySlug.get(s.theme)?.name ?? s.theme,
        points: s.points,
      })),
    );
  const filters = `Themes: ${themes.map((t) => themeBySlug.get(t)?.name ?? t).join(", ")} · share of the pair's passages · per year · all dates`;

  return (
    <>
      <h1>
        {name(a)} ↔ {name(b)}
      </h1>
      <p>
        <CountryLink iso3={a}>{name(a)}</CountryLink> · <CountryLink iso3={b}>{name(b)}</CountryLink> ·{" "}
        <Link href={`/dashboard?${new URLSearchParams([["pair", `${a}>${b}`], ["both", "1"], ...themes.map((t) => ["theme", t])])}`}>
          Open in the dashboard
        </Link>
      </p>
      <section className="card" aria-labelledby="pair-changed">
        <h2 id="pair-changed">What changed, and the statements that moved it</h2>
        <WhatChanged
          label={`Changes between ${name(a)} and ${name(b)}`}
          changes={changes.changes}
          empty="Nothing changed beyond the noise in the latest year with statements."
        />
      </section>
      <div
        className="pair-sides"
        style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 30rem), 1fr))", gap: "1rem" }}
      >
        {profile.directions.map((d, i) => {
          const title = `${name(d.speaker)} → ${name(d.counterpart)}`;
          return (
            <section key={d.speaker} className="card" aria-labelledby={`side-${i}`} data-testid={`direction-${d.speaker}-${d.counterpart}`}>
              <h2 id={`side-${i}`}>{title}</h2>
              <DirectionCharts
                title={title}
                filters={filters}
                data={dataOf(i === 0 ? ab : ba)}
                markers={markers}
                drillQuery={drillQueryOf(query(d.speaker, d.counterpart))}
              />
              <h3>Who speaks</h3>
              {d.speakers.length === 0 ? (
                <p className="notice">No statements.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Speaker</th>
                      <th scope="col">Office</th>
                      <th scope="col">Statements</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.speakers.map((s) => (
                      <tr key={`${s.name}|${s.office}`}>
                        <td>{s.name}</td>
                        <td>{s.office ?? "—"}</td>
                        <td>{s.statements}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h3>Most quoted: passages later statements repeat word for word</h3>
              <Suspense fallback={<p className="notice">Looking for later statements that repeat this pair&apos;s passages…</p>}>
                <QuotedPassages ctx={ctx} speaker={d.speaker} counterpart={d.counterpart} />
              </Suspense>
              <h3>Passages that say most (most themes, then strongest tone)</h3>
              {d.passages.map((p) => (
                <blockquote key={`${p.statementId}-${p.text.slice(0, 20)}`} className="passage">
                  <p>{p.text}</p>
                  <footer className="notice">
                    <Link href={`/statements/${p.statementId}`}>{p.title}</Link> · {p.date ?? "undated"} · {p.themes.join(", ")} · tone{" "}
                    {formatTone(p.tone)}
                  </footer>
                </blockquote>
              ))}
            </section>
          );
        })}
      </div>
      <section className="card" aria-labelledby="pair-events">
        <h2 id="pair-events">Events</h2>
        {events.length === 0 ? (
          <p className="notice">No events recorded for this pair.</p>
        ) : (
          <ul>
            {events.map((e) => (
              <li key={`${e.kind}-${e.day}-${e.label}`}>
                {e.day}: {e.label}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
