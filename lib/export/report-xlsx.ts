import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { neutraliseCell } from "./csv";
import {
  filterLines,
  SERIES_COLUMNS,
  STATEMENT_COLUMNS,
  seriesRows,
  themeName,
  type ReportModel,
  type ReportStatementRow,
} from "./report-model";
import { firstDay } from "@/lib/engine/periods";

type Cell = string | number | Date | null | undefined;

interface Column {
  header: string;
  width: number;
  /** Excel number format for numbers and dates in this column. */
  format?: string;
}

/**
 * The report as a workbook — Summary, Series, Statements, Passages, Tone, Codebook — written as a stream:
 * the statements sheet goes out batch by batch and is never held whole. Every sheet has a frozen, bold header
 * row and an autofilter; numbers are numbers, dates are dates, and text that a spreadsheet would run as a
 * formula is neutralised exactly as in the CSV.
 */
export function reportXlsx(model: ReportModel, statements: AsyncIterable<ReportStatementRow[]>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeWorkbook(model, statements, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

async function writeWorkbook(model: ReportModel, statements: AsyncIterable<ReportStatementRow[]>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Dyad";
  workbook.created = new Date(model.generatedAt);
  const sections = new Set(model.spec.sections);

  await writeSheet(
    workbook,
    "Summary",
    [
      { header: "item", width: 28 },
      { header: "value", width: 90 },
    ],
    [
      ["Report", model.name],
      ...filterLines(model),
      ["Statements", model.summary.statements],
      ["Passages with the report's themes", model.summary.passages],
      ["First statement", asDate(model.summary.firstDate)],
      ["Last statement", asDate(model.summary.lastDate)],
      ["Statements dated too coarsely for the interval", model.summary.tooCoarse],
      ["Statements of these pairs with no date (in no period)", model.summary.undated],
      ["Statements of these speakers naming no counterpart (in no pair)", model.summary.unpaired],
      ["Tagger: automatic tags", model.method.tagger.autoTags],
      ["Tagger: accepted by staff", model.method.tagger.accepted],
      ["Tagger: rejected by staff", model.method.tagger.rejected],
      ["Tagger: not yet reviewed", model.method.tagger.unreviewed],
      ["Tagger: precision on reviewed tags", model.method.tagger.precision],
      ["Tags added by people", model.method.tagger.humanTags],
    ],
    { 1: "yyyy-mm-dd" },
  );

  await writeSheet(
    workbook,
    "Series",
    [
      ...SERIES_COLUMNS.slice(0, 3).map((header) => ({ header, width: header === "theme" ? 22 : 12 })),
      { header: "period_start", width: 12, format: "yyyy-mm-dd" },
      ...SERIES_COLUMNS.slice(3).map((header) => ({
        header,
        width: 11,
        format: ["tone_mean", "tone_low", "tone_high"].includes(header) ? "0.000" : undefined,
      })),
    ],
    seriesRows(model).map(([pair, theme, period, ...rest]) => [
      pair,
      theme,
      period,
      asDate(firstDay(String(period), model.spec.interval)),
      ...rest,
    ]),
  );

  await writeSheet(
    workbook,
    "Statements",
    STATEMENT_COLUMNS.map((c) => ({
      header: c.header,
      width: WIDTHS[c.key] ?? 14,
      format: c.key === "date" ? "yyyy-mm-dd" : c.key === "tone" ? "0.000" : undefined,
    })),
    (async function* () {
      for await (const batch of statements)
        yield batch.map((row) => STATEMENT_COLUMNS.map((c) => (c.key === "date" ? asDate(row.date) : row[c.key])));
    })(),
  );

  if (sections.has("passages")) {
    await writeSheet(
      workbook,
      "Passages",
      [
        { header: "theme", width: 22 },
        { header: "rank", width: 6 },
        { header: "date", width: 12, format: "yyyy-mm-dd" },
        { header: "title", width: 40 },
        { header: "speaker", width: 22 },
        { header: "speaker_country", width: 8 },
        { header: "tone", width: 8, format: "0.000" },
        { header: "confidence", width: 10, format: "0.00" },
        { header: "text", width: 100 },
        { header: "source_url", width: 40 },
        { header: "statement_id", width: 10 },
      ],
      model.passages.flatMap((t) =>
        t.passages.map((p, i) => [
          themeName(model, t.theme),
          i + 1,
          asDate(p.date),
          p.title,
          p.speaker,
          p.speakerCountry,
          p.tone,
          p.confidence,
          p.text,
          p.sourceUrl,
          p.statementId,
        ]),
      ),
    );
  }

  if (sections.has("tone")) {
    await writeSheet(
      workbook,
      "Tone",
      [
        { header: "pair", width: 12 },
        { header: "theme", width: 22 },
        { header: "statements", width: 11 },
        { header: "passages", width: 11 },
        { header: "tone_mean", width: 11, format: "0.000" },
        { header: "tone_low", width: 11, format: "0.000" },
        { header: "tone_high", width: 11, format: "0.000" },
        { header: "tone_statements", width: 9 },
        { header: "tone_passages", width: 9 },
        { header: "tone_low_evidence", width: 9 },
      ],
      model.tone.map((r) => [
        r.pair,
        themeName(model, r.theme),
        r.statements,
        r.passages,
        r.tone?.mean ?? null,
        r.tone?.low ?? null,
        r.tone?.high ?? null,
        r.tone?.statements ?? 0,
        r.tone?.passages ?? 0,
        r.tone ? (r.tone.lowEvidence ? "yes" : "no") : null,
      ]),
    );
  }

  if (sections.has("codebook")) {
    await writeSheet(
      workbook,
      "Codebook",
      [
        { header: "slug", width: 22 },
        { header: "name", width: 28 },
        { header: "parent", width: 18 },
        { header: "colour", width: 10 },
        { header: "phrases", width: 100 },
        { header: "exclusions", width: 40 },
      ],
      model.codebook.map((t) => [t.slug, t.name, t.parent, t.color, t.phrases.join("; "), t.exclusions.join("; ")]),
    );
  }
  await workbook.commit();
}

const WIDTHS: Partial<Record<keyof ReportStatementRow, number>> = {
  id: 8,
  date: 12,
  datePrecision: 8,
  title: 50,
  speakerName: 24,
  speakerTitle: 24,
  speakerCountry: 8,
  pairs: 24,
  themes: 40,
  tone: 8,
  sourceUrl: 40,
};

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column[],
  rows: Iterable<Cell[]> | AsyncIterable<Cell[][]>,
  formats: Record<number, string> = {},
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  const add = (values: Cell[]) => {
    const row = sheet.addRow(values.map(typedCell));
    values.forEach((v, i) => {
      const format = formats[i];
      if (format && v instanceof Date) row.getCell(i + 1).numFmt = format;
    });
    row.commit();
    count++;
  };
  if (Symbol.asyncIterator in rows) {
    for await (const batch of rows) {
      for (const values of batch) add(values);
      await new Promise((resolve) => setImmediate(resolve)); // let the zip stream drain between batches
    }
  } else {
    for (const values of rows) add(values);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  sheet.commit();
}

/** Numbers and dates keep their type; text is neutralised like a CSV cell; empty stays empty. */
function typedCell(value: Cell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || value instanceof Date) return value;
  return neutraliseCell(value);
}

function asDate(day: string | null | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return new Date(`${day}T00:00:00Z`);
}
