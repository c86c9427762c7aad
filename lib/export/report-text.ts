import { filterLines, type ReportModel } from "./report-model";
import { SECTION_LABELS } from "./report-spec";

/**
 * Every sentence a report says in words, written once for the browser preview and the PDF (and so worded the
 * same in both): title, filters, figures, summary, chart notes, method notes. Tables and charts are drawn by
 * each writer from the model's numbers.
 */
export interface ReportText {
  title: string;
  filters: [string, string][];
  /** The cover's figures: label and value. */
  figures: [string, string][];
  sections: string;
  summary: string;
  /** What no series shows and where it is fixed; empty when nothing is left out. */
  leftOut: string;
  chartTitles: { frequency: string; tone: string };
  /** Under a pair's charts: what hollow points and breaks mean, or why there is no tone. */
  chartNote: (hasTone: boolean) => string;
  /** In place of a pair's charts when it has no dated statement. */
  noDatedStatements: (pairLabel: string) => string;
  toneIntro: string;
  noPassages: string;
  method: string[];
  generated: string;
  codebookIntro: string;
}

export function reportText(model: ReportModel): ReportText {
  const { spec, summary, method } = model;
  const { tagger, minStatementsForTone } = method;
  const pairs = model.pairs.map((p) => p.label).join(", ");
  return {
    title: model.name,
    filters: filterLines(model),
    figures: [
      ["Statements", formatInt(summary.statements)],
      ["Passages with the report's themes", formatInt(summary.passages)],
      ["Dated from", summary.firstDate ?? "—"],
      ["Dated to", summary.lastDate ?? "—"],
    ],
    sections: `Sections: ${spec.sections.map((s) => SECTION_LABELS[s]).join(", ")}.`,
    summary:
      `${count(summary.statements, "statement")} on ${pairs} ${agree(summary.statements, "carries", "carry")} at least one of the ${count(model.themes.length, "theme")} of this report ` +
      `(${count(summary.passages, "passage")}), dated ${summary.firstDate ?? "—"} to ${summary.lastDate ?? "—"}.` +
      (summary.tooCoarse > 0
        ? ` ${count(summary.tooCoarse, "statement")} ${agree(summary.tooCoarse, "is", "are")} dated only by year or month and ${agree(summary.tooCoarse, "is", "are")} left out of the ${spec.interval}ly series.`
        : ""),
    leftOut: leftOutSentence(summary.undated, summary.unpaired),
    chartTitles: {
      frequency: `${spec.measure === "statements" ? "Statements" : "Passages"} per ${spec.interval}`,
      tone: "Tone (−1 hostile … +1 cooperative), shaded: 95% band",
    },
    chartNote: (hasTone) =>
      hasTone
        ? `A hollow point stands on fewer than ${minStatementsForTone} statements (low evidence); a break in a line is a ${spec.interval} with nothing said.`
        : "No tone in this chart: no passage with the report's themes has a tone score here; tag passages with these themes, or re-score tone.",
    noDatedStatements: (pairLabel) =>
      `No statement of ${pairLabel} is dated ${spec.from || spec.to ? `in ${spec.from ?? "…"} – ${spec.to ?? "…"}` : "at all"}; ` +
      (summary.undated > 0
        ? `${formatInt(summary.undated)} of the report's pairs are undated — set their dates in Dyad's review queue, or `
        : "") +
      "widen the report's dates.",
    toneIntro:
      "Mean tone of the passages tagged with each theme over the whole period, with its 95% confidence band; n is the statements / passages it stands on. " +
      `○ marks low evidence: fewer than ${minStatementsForTone} statements.`,
    noPassages: "No passages in this selection.",
    method: [
      `Themes. Passages are tagged by the codebook (version ${method.codebookVersion}${method.codebookChangedAt ? `, last changed ${method.codebookChangedAt.slice(0, 10)}` : ""}): ` +
        "a theme's phrases, in English or Russian (Russian words matched by their stem, whatever the case ending), are matched on word boundaries, case-insensitively, " +
        "unless an exclusion phrase stands in the same sentence; each tag records the codebook version that made it. " +
        "Staff review suggested tags (accept or reject) and tag by hand; rejected tags are not counted. A model trained on what staff settled suggests further themes in the review queue; " +
        "they count only once accepted. A statement counts for a theme when at least one of its passages carries the theme.",
      `Tagger figures for this report's themes and statements: ${count(tagger.autoTags, "automatic tag")}, of which ${formatInt(tagger.accepted)} ${agree(tagger.accepted, "was", "were")} accepted and ` +
        `${formatInt(tagger.rejected)} rejected by staff and ${formatInt(tagger.unreviewed)} ${agree(tagger.unreviewed, "is", "are")} not yet reviewed; ` +
        `${count(tagger.humanTags, "tag")} ${agree(tagger.humanTags, "was", "were")} added by people. ` +
        (tagger.precision === null
          ? "No tag has been reviewed yet, so the tagger's precision here is unknown."
          : `Precision on the reviewed tags: ${(100 * tagger.precision).toFixed(1)}%.`),
      "Tone. Each passage is scored in [−1, +1] by the sentence it opens in: a diplomatic lexicon and patterns (negation handled; words that name institutions, " +
        "the Charter's formulas and norms do not count), with the AFINN-165 word list filling its gaps, scaled by a logistic model fitted on annotated UN Security Council speeches; " +
        "words that name violence or danger weigh far less than words that judge. Every score lists the words behind it. " +
        "A person's tone on a passage or a statement (staff override) replaces the machine's and stays when the engine changes. " +
        "A theme's tone in a period is the mean over the passages tagged with it, with a 95% confidence band that treats the passages of one statement as one cluster. " +
        `Tone is shown wherever there is a scored passage; fewer than ${minStatementsForTone} statements is marked as low evidence (a hollow point, ○ in tables). ` +
        "A period in which the speaker said nothing is a gap, never a zero. Compare tone within a theme or a pair over time, not across subjects.",
      `Pairs and dates. A pair is directed: the speaker's country → the counterpart${spec.bothDirections ? " (both directions are combined in this report)" : ""}. ` +
        "A statement can speak to several counterparts; counterparts come from metadata, from staff, or from the passages that address a country — " +
        "a country only named in passing (in a list, a welcome, a greeting of the chair) is not a counterpart. A pair counts the passages addressed to its counterpart. " +
        `Statements dated only by year or month are left out of finer series (${formatInt(summary.tooCoarse)} here). ` +
        `Undated statements are in no period (${formatInt(summary.undated)} here); statements that name no counterpart are in no pair (${formatInt(summary.unpaired)} here). ` +
        `Counts are ${spec.measure} per ${spec.interval}.`,
    ],
    generated: `Generated ${model.generatedAt.slice(0, 16).replace("T", " ")} UTC by ${model.generatedBy} from the data of that moment; run the saved report again for newer data.`,
    codebookIntro: `Codebook version ${method.codebookVersion}: the themes of this report and the phrases that find them.`,
  };
}

/** "Nothing silently left out": the statements of the report's pairs no series shows, and where they are fixed. */
function leftOutSentence(undated: number, unpaired: number): string {
  const parts = [
    undated > 0
      ? `${count(undated, "statement")} of these pairs ${agree(undated, "is", "are")} undated and in no period (set the date in Dyad: review queue, reason “no date”)`
      : "",
    unpaired > 0
      ? `${count(unpaired, "statement")} of these speakers ${agree(unpaired, "names", "name")} no counterpart and ${agree(unpaired, "is", "are")} in no pair (review queue, reason “no counterpart”)`
      : "",
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join("; ")}.` : "";
}

/** "1 statement", "2 statements". */
export function count(n: number, word: string): string {
  return `${formatInt(n)} ${agree(n, word, `${word}s`)}`;
}

/** The word that agrees with n: agree(1, "was", "were") is "was". */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export function formatInt(n: number): string {
  return n.toLocaleString("en-US");
}

/** "+0.25", "−0.10": tone with its sign, as tables show it. */
export function signed(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
}
