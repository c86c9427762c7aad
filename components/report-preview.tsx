import { FrequencyChart, ToneChart } from "@/components/charts/lazy-charts";
import { blankReason, chartData, drillQueryOf } from "@/components/charts/chart-data";
import type { ChartData } from "@/components/charts/types";
import { formatTone } from "@/components/format";
import { LeftOut, rangePhrase } from "@/components/left-out";
import { filterLines, themeName, type ReportModel } from "@/lib/export/report-model";
import { SECTION_LABELS } from "@/lib/export/report-spec";

/** The report as the browser shows it before download: the same model, the same sections as the files. */
export function ReportPreview({ model }: { model: ReportModel }) {
  const sections = new Set(model.spec.sections);
  return (
    <article aria-label="Report preview" data-testid="report-preview">
      <h2>{model.name}</h2>
      <table>
        <caption className="sr-only">Filters of this report</caption>
        <tbody>
          {filterLines(model).map(([label, value]) => (
            <tr key={label}>
              <th scope="row" style={{ width: "12rem" }}>
                {label}
              </th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sections.has("summary") && (
        <section className="card" aria-labelledby="r-summary">
          <h3 id="r-summary">{SECTION_LABELS.summary}</h3>
          <p data-testid="report-summary">
            {model.summary.statements.toLocaleString("en-US")} statements ({model.summary.passages.toLocaleString("en-US")} passages with the report&apos;s themes), dated{" "}
            {model.summary.firstDate ?? "—"} to {model.summary.lastDate ?? "—"}.
            {model.summary.tooCoarse > 0 && ` ${model.summary.tooCoarse} statements are dated too coarsely for a ${model.spec.interval}ly series.`}
          </p>
          <LeftOut pairs={model.spec.pairs} undated={model.summary.undated} unpaired={model.summary.unpaired} />
        </section>
      )}
      {sections.has("charts") &&
        model.pairs.map((pair) => {
          const data = pairChartData(model, pair.key);
          const drillQuery = drillQueryOf({ pairs: [pair], bothDirections: model.spec.bothDirections, interval: model.spec.interval });
          const blank = {
            pairs: [pair],
            bothDirections: model.spec.bothDirections,
            range: rangePhrase(model.spec.from, model.spec.to),
            interval: model.spec.interval,
            themes: model.themes.map((t) => t.name),
            undated: model.summary.undated,
            unpaired: model.summary.unpaired,
            tooCoarse: model.summary.tooCoarse,
          };
          const frequencyBlank = blankReason("frequency", data, blank);
          const toneBlank = blankReason("tone", data, blank);
          return (
            <section className="card" key={pair.key} aria-label={`Charts for ${pair.label}`}>
              <h3>{pair.label}</h3>
              {frequencyBlank ? (
                <p className="chart-blank">{frequencyBlank}</p>
              ) : (
                <FrequencyChart title={`${pair.label}: ${model.spec.measure} per ${model.spec.interval}`} data={data} markers={[]} yLabel={model.spec.measure} drillQuery={drillQuery} />
              )}
              {toneBlank ? <p className="chart-blank">{toneBlank}</p> : <ToneChart title={`${pair.label}: tone per ${model.spec.interval}`} data={data} markers={[]} drillQuery={drillQuery} />}
            </section>
          );
        })}
      {sections.has("tone") && (
        <section className="card" aria-labelledby="r-tone">
          <h3 id="r-tone">{SECTION_LABELS.tone}</h3>
          <table data-testid="report-tone">
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">Theme</th>
                <th scope="col">Statements</th>
                <th scope="col">Mean tone</th>
                <th scope="col">95% band</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {model.tone.map((r) => (
                <tr key={`${r.pair}|${r.theme}`}>
                  <td>{r.pair}</td>
                  <td>{themeName(model, r.theme)}</td>
                  <td>{r.statements}</td>
                  <td>{r.tone ? `${r.tone.lowEvidence ? "○ low evidence " : ""}${formatTone(r.tone.mean)}` : "—"}</td>
                  <td>{r.tone ? `${formatTone(r.tone.low)} to ${formatTone(r.tone.high)}` : "no scored passage"}</td>
                  <td>{r.tone ? `${r.tone.statements} statements / ${r.tone.passages} passages` : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {sections.has("passages") && (
        <section className="card" aria-labelledby="r-passages">
          <h3 id="r-passages">{SECTION_LABELS.passages}</h3>
          {model.passages.map((group) => (
            <div key={group.theme}>
              <h4>{themeName(model, group.theme)}</h4>
              {group.passages.length === 0 && <p className="notice">No passages in this selection.</p>}
              {group.passages.map((p) => (
                <blockquote key={`${p.statementId}-${p.text.slice(0, 20)}`} className="passage" data-testid="report-passage">
                  {p.text}
                  <span className="meta">
                    <a href={`/statements/${p.statementId}`}>{p.title}</a> · {p.speaker ?? p.speakerCountry ?? "unknown speaker"} · {p.date ?? "undated"} · tone {formatTone(p.tone)}
                    {p.sourceUrl && /^https?:\/\//i.test(p.sourceUrl) && (
                      <>
                        {" · "}
                        <a href={p.sourceUrl} rel="noreferrer noopener">
                          source
                        </a>
                      </>
                    )}
                  </span>
                </blockquote>
              ))}
            </div>
          ))}
        </section>
      )}
      {sections.has("method") && (
        <section className="card" aria-labelledby="r-method">
          <h3 id="r-method">{SECTION_LABELS.method}</h3>
          <p>
            Codebook version {model.method.codebookVersion}
            {model.method.codebookChangedAt && ` (changed ${model.method.codebookChangedAt.slice(0, 10)})`}. Tagger on this selection: {model.method.tagger.autoTags} automatic tags, {model.method.tagger.accepted} accepted and{" "}
            {model.method.tagger.rejected} rejected by staff, {model.method.tagger.unreviewed} not yet reviewed; {model.method.tagger.humanTags} added by people.{" "}
            {model.method.tagger.precision === null ? "Nothing reviewed yet, so precision is unknown." : `Precision on reviewed tags: ${(100 * model.method.tagger.precision).toFixed(1)}%.`} Tone is shown wherever a passage is scored; fewer than {model.method.minStatementsForTone} statements is marked low evidence (hollow, ○). A period with nothing said is a gap, not a zero.
          </p>
        </section>
      )}
      {sections.has("codebook") && (
        <section className="card" aria-labelledby="r-codebook">
          <h3 id="r-codebook">{SECTION_LABELS.codebook}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Phrases</th>
                <th scope="col">Exclusions</th>
              </tr>
            </thead>
            <tbody>
              {model.codebook.map((t) => (
                <tr key={t.slug}>
                  <td>{t.name}</td>
                  <td>{t.phrases.join(" · ")}</td>
                  <td>{t.exclusions.join(" · ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}

function pairChartData(model: ReportModel, pair: string): ChartData {
  return chartData(
    model.series
      .filter((s) => s.pair === pair)
      .map((s) => {
        const theme = model.themes.find((t) => t.slug === s.theme);
        return {
          key: `${s.pair}|${s.theme}`,
          pair: s.pair,
          theme: s.theme,
          color: theme?.color ?? "#0072B2",
          label: theme?.name ?? s.theme,
          points: s.points.map((p) => ({ ...p, value: !p.covered ? null : model.spec.measure === "statements" ? p.statements : p.passages })),
        };
      }),
  );
}
