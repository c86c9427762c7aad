import Link from "next/link";
import { DateRangeFields, IntervalMeasureFields, LanguageField, ThemeCheckboxes } from "@/components/filter-fields";
import { PairFields } from "@/components/pair-fields";
import { ReportPreview } from "@/components/report-preview";
import { SaveReportForm } from "./_components/save-report-form";
import { roleHas } from "@/lib/dal/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { withIsoPairs } from "@/app/_lib/series-query";
import { listPairs, listThemes } from "@/lib/dal/catalog";
import { DalError } from "@/lib/dal/errors";
import { toUrlParams } from "@/app/_lib/search-params";
import { parseId, plainText } from "@/lib/validation";
import { getReport, listReports } from "@/lib/dal/report-definitions";
import { buildReport } from "@/lib/dal/reports";
import { CORE_THEMES } from "@/lib/engine/codebook";
import { FORMAT_FILES } from "@/lib/export/report-files";
import { selectionToParams } from "@/lib/engine/selection-params";
import { REPORT_FORMATS, REPORT_SECTIONS, SECTION_LABELS, specFromParams, type ReportSpec } from "@/lib/export/report-spec";
import { RecordButton } from "@/components/record-button";
import { deleteReportAction } from "./actions";
import { describeIssues } from "@/lib/validation";
import { Problem } from "@/components/problem";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const SHORT_LABELS = { pdf: "PDF", xlsx: "XLSX", "csv-statements": "CSV", json: "JSON" } as const;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx, actor } = await requireSignedIn("/reports");
  if (!roleHas(actor.role, "reports:export")) {
    return (
      <>
        <h1>Reports</h1>
        <p className="error" role="alert">
          Reports are for managers; your role ({actor.role}) may read the dashboard and download its series as JSON.
        </p>
      </>
    );
  }
  const url = toUrlParams(await searchParams);
  // The busiest pair is the default; the suggestions for the pair fields load in the browser.
  const [pairs, themes, saved] = await Promise.all([listPairs(ctx, 1), listThemes(ctx), listReports(ctx)]);

  let spec: ReportSpec | null = null;
  const askedName = plainText(120).safeParse((url.get("name") ?? "").trim().slice(0, 120));
  let name = (askedName.success && askedName.data) || "Dyad report";
  let savedId: number | null = null;
  let problem: string | null = askedName.success ? null : `The report name: ${describeIssues(askedName.error)}.`;
  if (problem === null && url.get("report")) {
    try {
      const report = await getReport(ctx, parseId(url.get("report")) ?? 0);
      ({ spec, name } = report);
      savedId = report.id;
    } catch (error) {
      if (!(error instanceof DalError)) throw error;
      problem = error.message;
    }
  } else if (problem === null && url.getAll("pair").length > 0) {
    try {
      const parsed = specFromParams(withIsoPairs(url));
      if (parsed.success) spec = parsed.data;
      else problem = `This report cannot be previewed: ${describeIssues(parsed.error)}.`;
    } catch (error) {
      if (!(error instanceof DalError)) throw error;
      problem = `This report cannot be previewed: ${error.message}`;
    }
  }
  let model = null;
  if (spec) {
    try {
      model = await buildReport(ctx, spec, name);
    } catch (error) {
      if (!(error instanceof DalError)) throw error;
      problem = error.message;
    }
  }
  const formSpec = spec ?? {
    pairs: pairs.slice(0, 1).map((p) => ({ speaker: p.speaker, counterpart: p.counterpart })),
    themes: CORE_THEMES.filter((t) => themes.some((x) => x.slug === t)),
    bothDirections: false,
    interval: "year",
    measure: "statements",
    sections: [...REPORT_SECTIONS],
    passagesPerTheme: 5,
  };
  const query = spec ? selectionToParams(spec) : null;
  const download = (format: string) =>
    savedId
      ? `/api/reports/export?report=${savedId}&format=${format}`
      : `/api/reports/export?${query}&name=${encodeURIComponent(name)}&format=${format}`;

  return (
    <>
      <h1>Reports</h1>
      <p className="notice">
        Build a report for people who will never open the dashboard: choose pairs, themes, a period and the sections, preview it here, then
        download it or save it to run again on newer data.
      </p>
      <Problem>{problem}</Problem>
      <form className="filters" method="get" aria-label="Report builder">
        <label>
          Report name
          <input name="name" defaultValue={name} maxLength={120} />
        </label>
        <PairFields chosen={formSpec.pairs.map((p) => `${p.speaker}>${p.counterpart}`)} />
        <label style={{ flexDirection: "row", alignItems: "center", gap: "0.25rem" }}>
          <input type="checkbox" name="both" value="1" defaultChecked={formSpec.bothDirections} /> both directions
        </label>
        <ThemeCheckboxes themes={themes} chosen={formSpec.themes} />
        <DateRangeFields from={formSpec.from} to={formSpec.to} />
        <LanguageField language={formSpec.language} />
        <IntervalMeasureFields interval={formSpec.interval} measure={formSpec.measure} />
        <label>
          Passages per theme
          <input type="number" name="top" min={1} max={20} defaultValue={formSpec.passagesPerTheme} />
        </label>
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend style={{ fontSize: "0.85rem", color: "var(--muted)" }}>Sections</legend>
          {REPORT_SECTIONS.map((s) => (
            <label key={s} style={{ display: "inline-flex", flexDirection: "row", gap: "0.25rem", marginRight: "0.75rem" }}>
              <input type="checkbox" name="section" value={s} defaultChecked={formSpec.sections.includes(s)} />
              {SECTION_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Preview</button>
      </form>

      {model && query && (
        <>
          <section className="card" aria-labelledby="downloads-title">
            <h2 id="downloads-title" style={{ marginTop: 0 }}>
              Download {savedId ? `the saved report “${name}”` : "this report"}
            </h2>
            <p>
              {REPORT_FORMATS.map((format, i) => (
                <span key={format}>
                  {i > 0 && " · "}
                  <a href={download(format)} download>
                    {FORMAT_FILES[format].label}
                  </a>
                </span>
              ))}
            </p>
            {!savedId && <SaveReportForm query={query.toString()} name={name} />}
          </section>
          <ReportPreview model={model} />
        </>
      )}

      <section aria-labelledby="saved-title">
        <h2 id="saved-title">Saved reports</h2>
        {saved.length === 0 ? (
          <p className="notice">None yet: preview a report and save it.</p>
        ) : (
          <table data-testid="saved-reports">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Covers</th>
                <th scope="col">Saved</th>
                <th scope="col">Run</th>
                <th scope="col">
                  <span className="sr-only">Delete</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {saved.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/reports?report=${r.id}`}>{r.name}</Link>
                  </td>
                  <td>
                    {r.spec.pairs.map((p) => `${p.speaker}${r.spec.bothDirections ? "↔" : "→"}${p.counterpart}`).join(", ")} ·{" "}
                    {r.spec.themes.join(", ")} · {r.spec.from ?? "earliest"} to {r.spec.to ?? "latest"}
                  </td>
                  <td>
                    {r.createdAt.toISOString().slice(0, 10)} by {r.createdBy ?? "—"}
                  </td>
                  <td>
                    {(Object.entries(SHORT_LABELS) as [keyof typeof SHORT_LABELS, string][]).map(([format, label], i) => (
                      <span key={format}>
                        {i > 0 && " · "}
                        <a
                          href={`/api/reports/export?report=${r.id}&format=${format}`}
                          download
                          aria-label={`${r.name}: ${FORMAT_FILES[format].label}`}
                        >
                          {label}
                        </a>
                      </span>
                    ))}
                  </td>
                  <td>
                    <RecordButton action={deleteReportAction} id={r.id} label="Delete" ariaLabel={`Delete ${r.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
