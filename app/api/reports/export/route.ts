import { handleRoute } from "@/lib/auth/route";
import { DalError } from "@/lib/dal/errors";
import { parseId, plainText } from "@/lib/validation";
import { getReport } from "@/lib/dal/report-definitions";
import { exportReport, openReportStatements } from "@/lib/dal/reports";
import { seriesCsv, statementsCsv } from "@/lib/export/report-csv";
import { FORMAT_FILES, reportFilename } from "@/lib/export/report-files";
import { reportPdf } from "@/lib/export/report-pdf";
import { reportXlsx } from "@/lib/export/report-xlsx";
import { REPORT_FORMATS, specFromParams, type ReportFormat, type ReportSpec } from "@/lib/export/report-spec";
import { describeIssues } from "@/lib/validation";

export const dynamic = "force-dynamic";

/**
 * A report as a file: `?report=<saved id>&format=…`, or the builder's filters (`pair`, `theme`, `from`, `to`,
 * `interval`, `measure`, `section`, `top`, `name`) with `format=pdf|xlsx|csv-statements|csv-series|json`.
 */
export async function GET(request: Request) {
  return handleRoute(request, async (ctx) => {
    const params = new URL(request.url).searchParams;
    const format = params.get("format") as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new DalError("invalid", `Choose a format: ${REPORT_FORMATS.join(", ")}.`);
    const { name, spec } = await requestedReport(ctx, params);
    const body = await render(ctx, format, spec, name);
    return new Response(body, {
      headers: {
        "content-type": FORMAT_FILES[format].contentType,
        "content-disposition": `attachment; filename="${reportFilename(name, format)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}

async function requestedReport(ctx: Parameters<typeof getReport>[0], params: URLSearchParams): Promise<{ name: string; spec: ReportSpec }> {
  const given = params.get("report");
  if (given) {
    const id = parseId(given);
    if (id === null) throw new DalError("invalid", "That is not a saved report.");
    return getReport(ctx, id);
  }
  const parsed = specFromParams(params);
  if (!parsed.success) throw new DalError("invalid", `This report cannot be run: ${describeIssues(parsed.error)}.`);
  const name = plainText(120).safeParse((params.get("name") ?? "").trim().slice(0, 120));
  if (!name.success) throw new DalError("invalid", `The report name: ${describeIssues(name.error)}.`);
  return { name: name.data || "Dyad report", spec: parsed.data };
}

async function render(ctx: Parameters<typeof getReport>[0], format: ReportFormat, spec: ReportSpec, name: string): Promise<BodyInit> {
  switch (format) {
    case "csv-statements":
      return statementsCsv(await openReportStatements(ctx, spec, { name, format }));
    case "csv-series":
      return seriesCsv(await exportReport(ctx, spec, name, format));
    case "json":
      return JSON.stringify(await exportReport(ctx, spec, name, format), null, 1);
    case "pdf":
      return new Uint8Array(await reportPdf(await exportReport(ctx, spec, name, format)));
    case "xlsx": {
      const model = await exportReport(ctx, spec, name, format);
      return reportXlsx(model, await openReportStatements(ctx, model.spec, null)); // recorded by exportReport;
    }
  }
}
