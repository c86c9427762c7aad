import { ChartExport } from "@/components/charts/chart-export";
import { sourceLine } from "@/components/charts/chart-export-file";
import { FrequencyChart, ToneChart } from "@/components/charts/lazy-charts";
import { blankReason, chartData, drillQueryOf } from "@/components/charts/chart-data";
import type { ChartData } from "@/components/charts/types";
import { formatTone } from "@/components/format";
import { fixLink, rangePhrase } from "@/components/left-out";
import { themeName, type ReportModel } from "@/lib/export/report-model";
import { SECTION_LABELS } from "@/lib/export/report-spec";
import { reportText } from "@/lib/export/report-text";

/**
 * The report as the browser shows it before download: the same model, the same sections as the files, and the
 * same words as the PDF (reportText).
 */
export function ReportPreview({ model }: { model: ReportModel }) {
  const sections = new Set(model.spec.sections);
  const text = reportText(model);
  const filters = text.filters
    .slice(0, 6)
    .map(([label, value]) => `${label}: ${value}`)
    .join(" · ");
  const source = sourceLine();
  return (
    <article aria-label="Report preview" data-testid="report-preview">
      <h2>{text.title}</h2>
      <table>
        <caption className="sr-only">Filters of this report</caption>
        <tbody>
          {text.filters.map(([label, value]) => (
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
          <p data-testid="report-summary">{text.summary}</p>
          {text.leftOut && (
            <p className="notice" data-testid="left-out">
              {text.leftOut} Fix them: {model.summary.undated > 0 && <a href={fixLink("no-date", model.spec.pairs[0]!)}>set dates</a>}
              {model.summary.undated > 0 && model.summary.unpaired > 0 && " · "}
              {model.summary.unpaired > 0 && (
                <a href={fixLink("no-counterpart", { speaker: model.spec.pairs[0]!.speaker })}>add counterparts</a>
              )}
            </p>
          )}
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
                <ChartExport
                  title={`${pair.label}: ${text.chartTitles.frequency}`}
                  filters={filters}
                  source={source}
                  data={data}
                  measure="value"
                >
                  <FrequencyChart
                    title={`${pair.label}: ${text.chartTitles.frequency}`}
                    data={data}
                    markers={[]}
                    yLabel={model.spec.measure}
                    drillQuery={drillQuery}
                  />
                </ChartExport>
              )}
              {toneBlank ? (
                <p className="chart-blank">{toneBlank}</p>
              ) : (
                <ChartExport title={`${pair.label}: ${text.chartTitles.tone}`} filters={filters} source={source} data={data} measure="tone">
                  <ToneChart title={`${pair.label}: ${text.chartTitles.tone}`} data={data} markers={[]} drillQuery={drillQuery} />
                </ChartExport>
              )}
              {!frequencyBlank && <p className="notice">{text.chartNote(!toneBlank)}</p>}
            </section>
          );
        })}
      {sections.has("tone") && (
        <section className="card" aria-labelledby="r-tone">
          <h3 id="r-tone">{SECTION_LABELS.tone}</h3>
          <p className="notice">{text.toneIntro}</p>
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
              {group.passages.length === 0 && <p className="notice">{text.noPassages}</p>}
              {group.passages.map((p) => (
                <blockquote key={`${p.statementId}-${p.text.slice(0, 20)}`} className="passage" data-testid="report-passage">
                  {p.text}
                  <span className="meta">
                    <a href={`/statements/${p.statementId}`}>{p.title}</a> · {p.speaker ?? p.speakerCountry ?? "unknown speaker"} ·{" "}
                    {p.date ?? "undated"} · tone {formatTone(p.tone)}
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
          {text.method.map((paragraph) => (
            <p key={paragraph.slice(0, 12)} data-testid="report-method">
              {paragraph}
            </p>
          ))}
          <p className="notice">{text.generated}</p>
        </section>
      )}
      {sections.has("codebook") && (
        <section className="card" aria-labelledby="r-codebook">
          <h3 id="r-codebook">{SECTION_LABELS.codebook}</h3>
          <p className="notice">{text.codebookIntro}</p>
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
          points: s.points.map((p) => ({
            ...p,
            value: !p.covered ? null : model.spec.measure === "statements" ? p.statements : p.passages,
          })),
        };
      }),
  );
}
