import type { ReportFormat } from "./report-spec";

/** How each format is served: label for the page, file extension, content type. */
export const FORMAT_FILES: Record<ReportFormat, { label: string; extension: string; contentType: string }> = {
  pdf: { label: "PDF", extension: "pdf", contentType: "application/pdf" },
  xlsx: { label: "Excel (XLSX)", extension: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  "csv-statements": { label: "CSV: statements", extension: "statements.csv", contentType: "text/csv; charset=utf-8" },
  "csv-series": { label: "CSV: series", extension: "series.csv", contentType: "text/csv; charset=utf-8" },
  json: { label: "JSON", extension: "json", contentType: "application/json; charset=utf-8" },
};

/** A file name made of the report's name: letters, digits and dashes only, so no header can be forged. */
export function reportFilename(name: string, format: ReportFormat): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[\s_]+/g, "-")
      .toLowerCase()
      .slice(0, 80) || "dyad-report";
  return `${base}.${FORMAT_FILES[format].extension}`;
}
