import { dayProblem } from "@/lib/engine/dates";
import { parse } from "csv-parse/sync";
import { decodeUtf8 } from "./decode";
import type { BulkRow, StatementDraft } from "./draft";
import { IngestError } from "./errors";
import { gunzipBounded } from "./gunzip";
import { formatBytes, formatCount, LIMITS } from "./limits";
import { checkContentMatchesName, extensionOf } from "./sniff";

/** Which column or field holds each part of a statement. Only `text` is required. */
export interface FieldMapping {
  text: string;
  title?: string;
  date?: string;
  year?: string;
  speakerName?: string;
  speakerTitle?: string;
  speakerCountry?: string;
  counterpart?: string;
  sourceUrl?: string;
  kind?: string;
  language?: string;
}

export const MAPPABLE_FIELDS: (keyof FieldMapping)[] = [
  "text",
  "title",
  "date",
  "year",
  "speakerName",
  "speakerTitle",
  "speakerCountry",
  "counterpart",
  "sourceUrl",
  "kind",
  "language",
];

/** Column names seen in the wild (and in ../shared/data) for each field, best first. */
const CANDIDATES: Record<keyof FieldMapping, string[]> = {
  text: ["text", "body", "content", "statement", "transcript"],
  title: ["title", "headline", "subject"],
  date: ["date", "published", "published_at", "date_published"],
  year: ["year"],
  speakerName: ["speaker_name", "speaker", "author", "name"],
  speakerTitle: ["speaker_post", "speaker_title", "post", "position"],
  speakerCountry: ["speaker_country_iso3", "country_iso3", "speaker_country", "country", "iso3"],
  counterpart: ["counterpart", "counterpart_iso3", "target_country_iso3"],
  sourceUrl: ["url", "source_url", "link", "source"],
  kind: ["kind", "type", "document_type"],
  language: ["language", "lang"],
};

export function guessMapping(columns: string[]): FieldMapping | null {
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const mapping: Partial<FieldMapping> = {};
  for (const field of MAPPABLE_FIELDS) {
    const hit = CANDIDATES[field].find((candidate) => lower.has(candidate));
    if (hit) mapping[field] = lower.get(hit);
  }
  return mapping.text ? (mapping as FieldMapping) : null;
}

type Record_ = Record<string, unknown>;
type RawRow = { rowNumber: number; record: Record_ } | { rowNumber: number; error: string };

/**
 * All rows of a .csv, .json, .jsonl or .jsonl.gz file; a broken row is reported with its number and the rest go
 * on. A file with too many rows or columns, or a CSV or JSON array with an overlong row, is refused as a whole:
 * never cut short, never partly imported.
 */
export async function readBulkRecords(name: string, bytes: Uint8Array): Promise<RawRow[]> {
  if (bytes.length > LIMITS.bulkFileBytes) {
    throw new IngestError(
      "too_large",
      `${name} is ${formatBytes(bytes.length)}; a bulk file may be at most ${formatBytes(LIMITS.bulkFileBytes)}.`,
    );
  }
  const kind = checkContentMatchesName(name, bytes);
  if (kind === "gzip") {
    const inner = name.replace(/\.gz$/i, "");
    return readBulkRecords(inner, await gunzipBounded(bytes, name));
  }
  const text = decodeUtf8(bytes, name).replace(/^\uFEFF/, "");
  if (!text.trim()) throw new IngestError("empty", `${name} is empty.`);
  switch (extensionOf(name)) {
    case "csv":
      return csvRows(text, name);
    case "json":
      return jsonArrayRows(text, name);
    case "jsonl":
    case "ndjson":
      return jsonLines(text, name);
    default:
      throw new IngestError("wrong_type", `${name}: bulk import reads .csv, .json, .jsonl and .jsonl.gz files.`);
  }
}

const tooManyRows = (name: string) =>
  new IngestError(
    "too_large",
    `${name} holds more than ${formatCount(LIMITS.bulkRows)} rows; a bulk file may hold at most ${formatCount(LIMITS.bulkRows)}.`,
  );
const tooLong = `is longer than ${formatCount(LIMITS.bulkRowChars)} characters, the limit for one row`;
const tooWide = (fields: number) => `has ${formatCount(fields)} fields; a row may have at most ${formatCount(LIMITS.bulkColumns)}`;

function csvRows(text: string, name: string): RawRow[] {
  const tooManyColumns = () =>
    new IngestError(
      "too_large",
      `${name}: its header has more than ${LIMITS.bulkColumns} columns; a bulk file may have at most ${LIMITS.bulkColumns}.`,
    );
  if (headerColumns(text, LIMITS.bulkColumns + 1) > LIMITS.bulkColumns) throw tooManyColumns();
  const errors = new Map<number, string>();
  let overlongLine: number | null = null;
  const parsed = parse(text, {
    columns: (header: string[]) => {
      if (header.length > LIMITS.bulkColumns) throw tooManyColumns();
      return header;
    },
    to: LIMITS.bulkRows + 1,
    max_record_size: LIMITS.bulkRowChars,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error) => {
      const line = Number((error as { lines?: number } | undefined)?.lines);
      // csv-parse stops reading after an overlong record, so that refuses the whole file.
      if (error?.code === "CSV_MAX_RECORD_SIZE") overlongLine ??= line;
      else if (error && !errors.has(line)) errors.set(line, error.message);
    },
  }) as { record: Record_; info: { lines: number } }[];
  if (overlongLine !== null) throw new IngestError("too_large", `${name}: line ${overlongLine} ${tooLong}.`);
  if (parsed.length + errors.size > LIMITS.bulkRows) throw tooManyRows(name);
  const rows: RawRow[] = parsed.map((r) => ({ rowNumber: r.info.lines, record: r.record }));
  for (const [line, message] of errors) rows.push({ rowNumber: line, error: `malformed CSV: ${message}` });
  return rows.sort((a, b) => a.rowNumber - b.rowNumber);
}

/** Columns of the first record, counted up to `stopAt` by commas outside quotes: a million-column header costs microseconds, not csv-parse's seconds. */
function headerColumns(text: string, stopAt: number): number {
  let columns = 1;
  let quoted = false;
  for (let i = 0; i < text.length && columns < stopAt; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 44) columns++;
    else if (!quoted && c === 10) break;
  }
  return columns;
}

function jsonArrayRows(text: string, name: string): RawRow[] {
  scanJson(text, name, true);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new IngestError("malformed", `${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new IngestError("malformed", `${name} must hold an array of objects, one per statement.`);
  return data.map((item, i) => {
    if (!isRecord(item)) return { rowNumber: i + 1, error: "not an object" };
    const fields = Object.keys(item).length;
    if (fields > LIMITS.bulkColumns) throw new IngestError("too_large", `${name}: object ${i + 1} ${tooWide(fields)}.`);
    return { rowNumber: i + 1, record: item };
  });
}

function jsonLines(text: string, name: string): RawRow[] {
  if (countRowLines(text, LIMITS.bulkRows + 1) > LIMITS.bulkRows) throw tooManyRows(name);
  const rows: RawRow[] = [];
  forEachLine(text, (line, lineNumber) => {
    if (!line.trim()) return;
    if (line.length > LIMITS.bulkRowChars) return void rows.push({ rowNumber: lineNumber, error: tooLong });
    try {
      scanJson(line, `line ${lineNumber}`, false);
      const item = JSON.parse(line) as unknown;
      if (!isRecord(item)) rows.push({ rowNumber: lineNumber, error: "not a JSON object" });
      else if (Object.keys(item).length > LIMITS.bulkColumns)
        rows.push({ rowNumber: lineNumber, error: tooWide(Object.keys(item).length) });
      else rows.push({ rowNumber: lineNumber, record: item });
    } catch (error) {
      rows.push({
        rowNumber: lineNumber,
        error: error instanceof IngestError ? error.message : `invalid JSON: ${(error as Error).message}`,
      });
    }
  });
  return rows;
}

/** Lines without an array of them: a file of 500 million newlines must not become 500 million strings. */
function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  for (let start = 0, lineNumber = 1; start < text.length; lineNumber++) {
    const end = text.indexOf("\n", start);
    visit(text.slice(start, end === -1 ? text.length : end), lineNumber);
    start = end === -1 ? text.length : end + 1;
  }
}

/** Lines that hold more than whitespace, counted without slicing them, up to `stopAt`. */
function countRowLines(text: string, stopAt: number): number {
  let rows = 0;
  let blank = true;
  for (let i = 0; i < text.length && rows < stopAt; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!blank) rows++;
      blank = true;
    } else if (blank && c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  return blank || rows >= stopAt ? rows : rows + 1;
}

/**
 * Walks JSON text once before JSON.parse sees it, without recursion: refuses nesting deeper than the limit
 * (100,000 "[" cannot overflow a stack) and, for a file's top-level array, more rows or longer rows than the limits.
 */
function scanJson(text: string, name: string, topLevelArray: boolean): void {
  let depth = 0;
  let inString = false;
  let items = 0;
  let itemStart = 0;
  const endItem = (i: number) => {
    items++;
    if (items > LIMITS.bulkRows) throw tooManyRows(name);
    if (i - itemStart > LIMITS.bulkRowChars) throw new IngestError("too_large", `${name}: object ${items} ${tooLong}.`);
    itemStart = i + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > LIMITS.jsonDepth) throw new IngestError("too_deep", `${name} is nested more than ${LIMITS.jsonDepth} levels deep.`);
      if (depth === 1) itemStart = i + 1;
    } else if (c === 93 || c === 125) {
      if (topLevelArray && depth === 1 && /\S/.test(text.slice(itemStart, i))) endItem(i);
      depth--;
    } else if (c === 44 && depth === 1 && topLevelArray) endItem(i);
  }
}

function isRecord(value: unknown): value is Record_ {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One record → a draft, by the mapping; a row without text or with an impossible date says why. */
export function recordToDraft(record: Record_, mapping: FieldMapping): StatementDraft {
  const get = (field?: string) => {
    if (!field) return null;
    const value = record[field];
    return value === null || value === undefined || value === "" ? null : String(value).trim();
  };
  const raw = get(mapping.text);
  if (!raw) throw new Error(`no text in column "${mapping.text}"`);
  const { date, datePrecision } = dateOf(get(mapping.date), get(mapping.year));
  const counterpart = get(mapping.counterpart);
  return {
    raw,
    format: /^\s*</.test(raw) && /<\/(p|div|html|body)>/i.test(raw) ? "html" : "text",
    title: get(mapping.title),
    date,
    datePrecision,
    speakerName: get(mapping.speakerName),
    speakerTitle: get(mapping.speakerTitle),
    speakerCountry: get(mapping.speakerCountry)?.toUpperCase() ?? null,
    counterparts: counterpart
      ? counterpart
          .split(/[;,\s]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase())
      : [],
    sourceUrl: get(mapping.sourceUrl),
    kind: get(mapping.kind),
    language: get(mapping.language),
  };
}

function dateOf(date: string | null, year: string | null): Pick<StatementDraft, "date" | "datePrecision"> {
  if (date) {
    const [day, precision] = /^\d{4}-\d{2}-\d{2}/.test(date)
      ? [date.slice(0, 10), "day" as const]
      : /^\d{4}-\d{2}$/.test(date)
        ? [`${date}-01`, "month" as const]
        : /^\d{4}$/.test(date)
          ? [`${date}-01-01`, "year" as const]
          : [null, null];
    if (!day) throw new Error(`date "${date.slice(0, 40)}" is not YYYY-MM-DD, YYYY-MM or YYYY`);
    return { date: usableDay(day), datePrecision: precision };
  }
  if (year) {
    if (!/^\d{4}$/.test(year)) throw new Error(`year "${year.slice(0, 40)}" is not a four-digit year`);
    return { date: usableDay(`${year}-01-01`), datePrecision: "year" };
  }
  return { date: null, datePrecision: null };
}

function usableDay(day: string): string {
  const problem = dayProblem(day);
  if (problem) throw new Error(problem);
  return day;
}

/** The rows as drafts for the importer: records that cannot become drafts are reported, not dropped. */
export async function* bulkDrafts(rows: RawRow[], mapping: FieldMapping): AsyncGenerator<BulkRow> {
  for (const row of rows) {
    if ("error" in row) {
      yield row;
      continue;
    }
    try {
      yield { rowNumber: row.rowNumber, draft: recordToDraft(row.record, mapping) };
    } catch (error) {
      yield { rowNumber: row.rowNumber, error: (error as Error).message };
    }
  }
}

export interface BulkPreview {
  columns: string[];
  mapping: FieldMapping | null;
  rows: Record_[];
  total: number;
  broken: number;
}

export async function previewBulk(name: string, bytes: Uint8Array, n = 5): Promise<BulkPreview> {
  const rows = await readBulkRecords(name, bytes);
  const records = rows.flatMap((r) => ("record" in r ? [r.record] : []));
  const columns = [...new Set(records.slice(0, 50).flatMap((r) => Object.keys(r)))];
  return { columns, mapping: guessMapping(columns), rows: records.slice(0, n), total: rows.length, broken: rows.length - records.length };
}
