import type { ToneEstimate } from "@/lib/engine/series-math";
import type { ReportSpec } from "./report-spec";

/** Everything a report shows, computed once (lib/dal/reports.ts) and rendered by each format's writer. */
export interface ReportModel {
  name: string;
  generatedAt: string;
  generatedBy: string;
  spec: ReportSpec;
  /** "USA → AZE" labels with country names, in the order of spec.pairs. */
  pairs: { key: string; label: string; speaker: string; counterpart: string }[];
  themes: { slug: string; name: string; color: string }[];
  summary: ReportSummary;
  series: ReportSeries[];
  tone: ToneRow[];
  passages: ThemePassages[];
  method: MethodNotes;
  codebook: CodebookEntry[];
}

export interface ReportSummary {
  statements: number;
  passages: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Statements dated only by year or month, left out of finer intervals' series. */
  tooCoarse: number;
  /** Statements of the report's pairs with no date: in no period. */
  undated: number;
  /** Statements of the report's speakers that name no counterpart: in no pair. */
  unpaired: number;
}

export interface SeriesPoint {
  period: string;
  /** false: the speaker said nothing in the period (a gap, not a zero). */
  covered: boolean;
  statements: number;
  passages: number;
  /** All statements and passages of the speaker in the period: the text a point stands on. */
  coverage: { speakerStatements: number; speakerPassages: number; pairStatements: number; pairPassages: number };
  tone: ToneEstimate | null;
}

export interface ReportSeries {
  pair: string;
  theme: string;
  points: SeriesPoint[];
}

/** Tone over the whole period, per pair × theme. */
export interface ToneRow {
  pair: string;
  theme: string;
  statements: number;
  passages: number;
  tone: ToneEstimate | null;
}

export interface ReportPassage {
  statementId: number;
  title: string;
  date: string | null;
  speaker: string | null;
  speakerCountry: string | null;
  sourceUrl: string | null;
  text: string;
  tone: number | null;
  confidence: number | null;
}

export interface ThemePassages {
  theme: string;
  passages: ReportPassage[];
}

export interface MethodNotes {
  codebookVersion: number;
  codebookChangedAt: string | null;
  minStatementsForTone: number;
  /** How the tagger's suggestions fared with the people who reviewed them, for the report's themes. */
  tagger: {
    autoTags: number;
    accepted: number;
    rejected: number;
    unreviewed: number;
    humanTags: number;
    /** accepted / (accepted + rejected); null when nothing was reviewed. */
    precision: number | null;
  };
}

export interface CodebookEntry {
  slug: string;
  name: string;
  parent: string | null;
  color: string;
  phrases: string[];
  exclusions: string[];
}

/** One statement row of a report's statement export. */
export interface ReportStatementRow {
  id: number;
  date: string | null;
  datePrecision: string | null;
  title: string;
  speakerName: string | null;
  speakerTitle: string | null;
  speakerCountry: string | null;
  pairs: string;
  themes: string;
  tone: number | null;
  sourceUrl: string | null;
}

export const STATEMENT_COLUMNS: { key: keyof ReportStatementRow; header: string }[] = [
  { key: "id", header: "id" },
  { key: "date", header: "date" },
  { key: "datePrecision", header: "date_precision" },
  { key: "title", header: "title" },
  { key: "speakerName", header: "speaker_name" },
  { key: "speakerTitle", header: "speaker_title" },
  { key: "speakerCountry", header: "speaker_country" },
  { key: "pairs", header: "pairs" },
  { key: "themes", header: "themes" },
  { key: "tone", header: "tone" },
  { key: "sourceUrl", header: "source_url" },
];

export const SERIES_COLUMNS = [
  "pair",
  "theme",
  "period",
  "statements",
  "passages",
  "speaker_statements",
  "speaker_passages",
  "pair_statements",
  "pair_passages",
  "tone_mean",
  "tone_low",
  "tone_high",
  "tone_statements",
  "tone_passages",
  "tone_low_evidence",
];

/**
 * The series as flat rows, shared by the CSV and the XLSX sheet. A gap (the speaker said nothing) leaves the
 * counts empty rather than writing a zero; a low-evidence tone says so in its own column.
 */
export function seriesRows(model: ReportModel): (string | number | null)[][] {
  return model.series.flatMap((s) =>
    s.points.map((p) => {
      const c = p.coverage;
      const counts = p.covered ? [p.statements, p.passages] : [null, null];
      const tone = p.tone
        ? [p.tone.mean, p.tone.low, p.tone.high, p.tone.statements, p.tone.passages, p.tone.lowEvidence ? "yes" : "no"]
        : [null, null, null, 0, 0, null];
      return [s.pair, s.theme, p.period, ...counts, c.speakerStatements, c.speakerPassages, c.pairStatements, c.pairPassages, ...tone];
    }),
  );
}

/** A theme's name in this report, or its slug when the codebook no longer has it. */
export function themeName(model: ReportModel, slug: string): string {
  return model.themes.find((t) => t.slug === slug)?.name ?? slug;
}

/** The filters as a reader sees them, stamped on every format's cover or summary. */
export function filterLines(model: ReportModel): [string, string][] {
  const { spec } = model;
  return [
    ["Pairs", model.pairs.map((p) => p.label).join("; ")],
    ["Direction", spec.bothDirections ? "both directions" : "speaker → counterpart only"],
    ["Themes", spec.themes.map((slug) => themeName(model, slug)).join("; ")],
    ["Period", `${spec.from ?? "earliest"} to ${spec.to ?? "latest"}`],
    ["Interval", spec.interval],
    ["Counting", spec.measure],
    ["Codebook version", String(model.method.codebookVersion)],
    ["Generated", `${model.generatedAt.slice(0, 16).replace("T", " ")} UTC by ${model.generatedBy}`],
  ];
}
