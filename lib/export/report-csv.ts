import { BOM, csvStream, toCsv } from "./csv";
import { SERIES_COLUMNS, STATEMENT_COLUMNS, seriesRows, type ReportModel, type ReportStatementRow } from "./report-model";

/** The report's statements with their pairs, themes and tone, streamed batch by batch. */
export function statementsCsv(batches: AsyncIterable<ReportStatementRow[]>): ReadableStream<Uint8Array> {
  return csvStream(
    STATEMENT_COLUMNS.map((c) => c.header),
    mapBatches(batches, (row) => STATEMENT_COLUMNS.map((c) => row[c.key])),
  );
}

/** One row per pair × theme × period: counts and tone with its 95% band. */
export function seriesCsv(model: ReportModel): string {
  return BOM + toCsv(SERIES_COLUMNS, seriesRows(model));
}

async function* mapBatches<T, U>(batches: AsyncIterable<T[]>, map: (item: T) => U): AsyncGenerator<U[]> {
  for await (const batch of batches) yield batch.map(map);
}
