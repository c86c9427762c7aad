import { NextResponse } from "next/server";
import type { PairSeriesQuery, PairSeriesResult } from "@/lib/dal/pair-series";
import { toCsv } from "@/lib/export/csv";
import { SERIES_COLUMNS } from "@/lib/export/report-model";

/** The report's series columns, with the pair spelled out and the plotted value beside the counts. */
const HEADER = ["pair", "speaker", "counterpart", "theme", "period", "value", ...SERIES_COLUMNS.slice(3)];

/**
 * The series as JSON, or as CSV (`format=csv`): one row per pair × theme × period, an empty value where the
 * speaker said nothing in the period (a gap, not a zero). What no series holds (undated statements of the pairs,
 * statements of the speakers with no counterpart, statements dated too coarsely) is in the JSON body and, for
 * CSV, in X-Dyad-* headers.
 */
export function seriesResponse(query: PairSeriesQuery, result: PairSeriesResult, format: string | null): Response {
  if (format !== "csv") return NextResponse.json({ query, ...result });
  const rows = result.series.flatMap((s) =>
    s.points.map((p) => [
      s.pair,
      s.speaker,
      s.counterpart,
      s.theme,
      p.period,
      p.value,
      p.statements,
      p.passages,
      p.coverage.speakerStatements,
      p.coverage.speakerPassages,
      p.coverage.pairStatements,
      p.coverage.pairPassages,
      p.tone?.mean,
      p.tone?.low,
      p.tone?.high,
      p.tone?.statements,
      p.tone?.passages,
      p.tone ? p.tone.lowEvidence : null,
    ]),
  );
  return new Response(toCsv(HEADER, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="dyad-series.csv"',
      "cache-control": "no-store",
      "x-dyad-undated": String(result.undated),
      "x-dyad-unpaired": String(result.unpaired),
      "x-dyad-too-coarse": String(result.tooCoarse),
    },
  });
}
