import PDFDocument from "pdfkit";
import { chartHeight, countAxis, drawLineChart, type ChartLine } from "./pdf-chart";
import { pdfFonts } from "./pdf-fonts";
import { themeName, type ReportModel } from "./report-model";
import { SECTION_LABELS } from "./report-spec";
import { formatInt, reportText, signed, type ReportText } from "./report-text";

const MARGIN = 50;
const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3]];

interface Writer {
  doc: PDFKit.PDFDocument;
  regular: string;
  bold: string;
  text: ReportText;
}

/**
 * The report as a PDF that stands on its own: a cover with the filters stamped on it, then the chosen sections —
 * summary, charts (vector lines and bands, with their numbers as tables), tone table, top passages with source
 * and date, method notes, codebook appendix — and page numbers. Resolves to the finished file.
 */
export function reportPdf(model: ReportModel): Promise<Buffer> {
  const fonts = pdfFonts();
  const text = reportText(model);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: text.title, Author: "Dyad", Subject: text.filters.map(([k, v]) => `${k}: ${v}`).join(" | ") },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w: Writer = { doc, regular: fonts.regular, bold: fonts.bold, text };
  cover(w, model);
  const sections = new Set(model.spec.sections);
  if (sections.has("summary")) summary(w, model);
  if (sections.has("charts")) charts(w, model);
  if (sections.has("tone")) toneTable(w, model);
  if (sections.has("passages")) passages(w, model);
  if (sections.has("method")) method(w);
  if (sections.has("codebook")) codebook(w, model);
  pageNumbers(w, model);
  doc.end();
  return done;
}

const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - 14;

function ensureSpace(w: Writer, height: number): void {
  if (w.doc.y + height > bottom(w.doc)) w.doc.addPage();
}

function heading(w: Writer, text: string, size = 16): void {
  ensureSpace(w, size * 4);
  w.doc
    .moveDown(0.6)
    .font(w.bold)
    .fontSize(size)
    .fillColor("#1b1f24")
    .text(text, MARGIN, w.doc.y, { width: contentWidth(w.doc) })
    .moveDown(0.3);
}

function paragraph(w: Writer, text: string, size = 10): void {
  w.doc
    .font(w.regular)
    .fontSize(size)
    .fillColor("#1b1f24")
    .text(text, MARGIN, w.doc.y, { width: contentWidth(w.doc), lineGap: 1.5 })
    .moveDown(0.4);
}

function section(w: Writer, key: keyof typeof SECTION_LABELS): void {
  w.doc.addPage();
  heading(w, SECTION_LABELS[key], 18);
}

interface TableColumn {
  header: string;
  width: number;
  align?: "left" | "right";
}

/** A table that breaks across pages and repeats its header row. */
function table(w: Writer, columns: TableColumn[], rows: string[][], size = 8.5): void {
  const { doc } = w;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const scale = contentWidth(doc) / total;
  const widths = columns.map((c) => c.width * scale);
  const pad = 3;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, fill: string | null, height = rowHeight(cells, font)) => {
    const top = doc.y;
    if (fill) doc.save().rect(MARGIN, top, contentWidth(doc), height).fill(fill).restore();
    let x = MARGIN;
    doc.font(font).fontSize(size).fillColor("#1b1f24");
    cells.forEach((cell, i) => {
      doc.text(cell, x + pad, top + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? "left" });
      x += widths[i]!;
    });
    doc
      .lineWidth(0.4)
      .strokeColor("#d0d7de")
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + contentWidth(doc), top + height)
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(w, rowHeight(header, w.bold) + rowHeight(rows[0] ?? header, w.regular));
  drawRow(header, w.bold, "#f0f3f6");
  for (const row of rows) {
    const height = rowHeight(row, w.regular); // measuring text is pdfkit's slowest step: once per row
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      drawRow(header, w.bold, "#f0f3f6");
    }
    drawRow(row, w.regular, null, height);
  }
  doc.moveDown(0.8);
}

function cover(w: Writer, model: ReportModel): void {
  const { doc } = w;
  doc.font(w.regular).fontSize(11).fillColor("#57606a").text("Dyad · report", MARGIN, 90);
  doc
    .moveDown(0.5)
    .font(w.bold)
    .fontSize(26)
    .fillColor("#1b1f24")
    .text(w.text.title, { width: contentWidth(doc) });
  doc
    .moveDown(0.4)
    .font(w.regular)
    .fontSize(13)
    .fillColor("#1b1f24")
    .text(model.pairs.map((p) => p.label).join(" · "), { width: contentWidth(doc) });
  doc.moveDown(1.5);
  heading(w, "Filters", 12);
  table(
    w,
    [
      { header: "Filter", width: 1 },
      { header: "Value", width: 3 },
    ],
    w.text.filters,
    10,
  );
  heading(w, "In this report", 12);
  table(
    w,
    [
      { header: "Figure", width: 3 },
      { header: "Value", width: 1, align: "right" },
    ],
    w.text.figures,
    10,
  );
  paragraph(w, w.text.sections, 9);
}

function summary(w: Writer, model: ReportModel): void {
  section(w, "summary");
  paragraph(w, [w.text.summary, w.text.leftOut].filter(Boolean).join(" "));
  table(
    w,
    [
      { header: "Pair", width: 1.2 },
      { header: "Theme", width: 2 },
      { header: "Statements", width: 1, align: "right" },
      { header: "Passages", width: 1, align: "right" },
      { header: "Mean tone", width: 1, align: "right" },
    ],
    model.tone.map((r) => [
      r.pair,
      themeName(model, r.theme),
      formatInt(r.statements),
      formatInt(r.passages),
      r.tone ? signed(r.tone.mean) : "—",
    ]),
  );
}

function charts(w: Writer, model: ReportModel): void {
  section(w, "charts");
  const { doc } = w;
  const themeOf = (slug: string) => model.themes.find((t) => t.slug === slug);
  for (const pair of model.pairs) {
    const series = model.series.filter((s) => s.pair === pair.key);
    const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
    const index = new Map(periods.map((p, i) => [p, i]));
    const lineFor = (s: (typeof series)[number], i: number, pick: (p: (typeof s.points)[number]) => number | null): ChartLine => {
      const values: (number | null)[] = periods.map(() => null);
      for (const p of s.points) values[index.get(p.period)!] = pick(p);
      return {
        label: themeOf(s.theme)?.name ?? s.theme,
        color: themeOf(s.theme)?.color ?? "#0072B2",
        dash: DASHES[i % DASHES.length]!,
        values,
      };
    };
    const measure = model.spec.measure;
    // a period the speaker said nothing in is a gap in the line, not a zero
    const frequency = series.map((s, i) =>
      lineFor(s, i, (p) => (!p.covered ? null : measure === "statements" ? p.statements : p.passages)),
    );
    const tone = series.map((s, i) => {
      const line = lineFor(s, i, (p) => p.tone?.mean ?? null);
      const band: ([number, number] | null)[] = periods.map(() => null);
      const hollow = periods.map(() => false);
      for (const p of s.points) {
        if (!p.tone) continue;
        band[index.get(p.period)!] = [p.tone.low, p.tone.high];
        hollow[index.get(p.period)!] = p.tone.lowEvidence;
      }
      return { ...line, band, hollow };
    });
    const width = contentWidth(doc);
    const max = Math.max(0, ...frequency.flatMap((l) => l.values.map((v) => v ?? 0)));
    const plot = 170;
    const height = chartHeight(plot, series.length, width);
    heading(w, pair.label, 13);
    if (frequency.every((l) => l.values.every((v) => v === null))) {
      paragraph(w, w.text.noDatedStatements(pair.label));
      continue;
    }
    ensureSpace(w, height);
    let top = doc.y;
    drawLineChart(doc, { x: MARGIN, y: top, width, height }, plot, {
      title: w.text.chartTitles.frequency,
      periods,
      lines: frequency,
      yMin: 0,
      ...countAxis(max),
      yLabel: measure,
      font: w.regular,
      boldFont: w.bold,
    });
    doc.y = top + height + 10;
    ensureSpace(w, height);
    top = doc.y;
    drawLineChart(doc, { x: MARGIN, y: top, width, height }, plot, {
      title: w.text.chartTitles.tone,
      periods,
      lines: tone,
      yMin: -1,
      yMax: 1,
      yTicks: [-1, -0.5, 0, 0.5, 1],
      yLabel: "tone",
      font: w.regular,
      boldFont: w.bold,
    });
    doc.y = top + height + 6;
    doc.x = MARGIN;
    paragraph(w, w.text.chartNote(tone.some((l) => l.values.some((v) => v !== null))), 8);
    heading(w, `${pair.label}: the numbers behind the charts`, 11);
    table(
      w,
      [
        { header: "Period", width: 1 },
        { header: "Said in all", width: 1, align: "right" as const },
        ...series.map((s) => ({
          header: `${themeOf(s.theme)?.name ?? s.theme}: ${measure}, tone (n)`,
          width: 1.8,
          align: "right" as const,
        })),
      ],
      periods.map((period) => {
        const points = series.map((s) => s.points.find((x) => x.period === period));
        const said = points.find((p) => p?.covered)?.coverage.speakerStatements;
        return [
          period,
          said === undefined ? "gap" : formatInt(said),
          ...points.map((p) => {
            if (!p || !p.covered) return "gap";
            const tone = p.tone ? `${p.tone.lowEvidence ? "○ " : ""}${signed(p.tone.mean)} (${p.tone.statements}/${p.tone.passages})` : "—";
            return `${formatInt(measure === "statements" ? p.statements : p.passages)} · ${tone}`;
          }),
        ];
      }),
      8,
    );
  }
}

function toneTable(w: Writer, model: ReportModel): void {
  section(w, "tone");
  paragraph(w, w.text.toneIntro, 9);
  table(
    w,
    [
      { header: "Pair", width: 1.1 },
      { header: "Theme", width: 2 },
      { header: "Statements", width: 1, align: "right" },
      { header: "Mean tone", width: 1, align: "right" },
      { header: "95% band", width: 1.5, align: "right" },
      { header: "n", width: 1, align: "right" },
    ],
    model.tone.map((r) => [
      r.pair,
      themeName(model, r.theme),
      formatInt(r.statements),
      r.tone ? `${r.tone.lowEvidence ? "○ " : ""}${signed(r.tone.mean)}` : "—",
      r.tone ? `${signed(r.tone.low)} to ${signed(r.tone.high)}` : "no scored passage",
      r.tone ? `${formatInt(r.tone.statements)} / ${formatInt(r.tone.passages)}` : "0",
    ]),
  );
}

function passages(w: Writer, model: ReportModel): void {
  section(w, "passages");
  const { doc } = w;
  for (const group of model.passages) {
    const theme = model.themes.find((t) => t.slug === group.theme);
    heading(w, theme?.name ?? group.theme, 13);
    if (group.passages.length === 0) paragraph(w, w.text.noPassages);
    group.passages.forEach((p, i) => {
      const source = [
        p.title,
        p.speaker ? `${p.speaker}${p.speakerCountry ? ` (${p.speakerCountry})` : ""}` : p.speakerCountry,
        p.date ?? "undated",
      ]
        .filter(Boolean)
        .join(" · ");
      const figures = `tone ${p.tone === null ? "—" : signed(p.tone)}${p.confidence === null ? "" : ` · tagger confidence ${p.confidence.toFixed(2)}`}`;
      doc.font(w.regular).fontSize(9.5);
      const quoteHeight = doc.heightOfString(p.text, { width: contentWidth(doc) - 14 });
      ensureSpace(w, Math.min(quoteHeight, 200) + 40);
      const top = doc.y;
      doc.fillColor("#1b1f24").text(`${i + 1}. ${p.text}`, MARGIN + 10, doc.y, { width: contentWidth(doc) - 14, lineGap: 1 });
      doc
        .save()
        .lineWidth(2)
        .strokeColor(theme?.color ?? "#d0d7de")
        .moveTo(MARGIN + 2, Math.min(top, doc.y))
        .lineTo(MARGIN + 2, doc.y)
        .stroke()
        .restore();
      doc
        .font(w.regular)
        .fontSize(8)
        .fillColor("#57606a")
        .text(`${source} · ${figures}`, MARGIN + 10, doc.y + 2, { width: contentWidth(doc) - 14 });
      if (p.sourceUrl) doc.fillColor("#0b5cad").text(p.sourceUrl, { width: contentWidth(doc) - 14, link: safeLink(p.sourceUrl) });
      doc.moveDown(0.7);
      doc.x = MARGIN;
    });
  }
}

function method(w: Writer): void {
  section(w, "method");
  for (const text of w.text.method) paragraph(w, text);
  paragraph(w, w.text.generated, 9);
}

function codebook(w: Writer, model: ReportModel): void {
  section(w, "codebook");
  paragraph(w, w.text.codebookIntro, 9);
  table(
    w,
    [
      { header: "Theme", width: 1.3 },
      { header: "Phrases", width: 4 },
      { header: "Exclusions", width: 1.5 },
    ],
    model.codebook.map((t) => [
      `${t.name}\n(${t.slug}${t.parent ? `, part of ${t.parent}` : ""})`,
      t.phrases.join(" · "),
      t.exclusions.join(" · ") || "—",
    ]),
    8,
  );
}

function pageNumbers(w: Writer, model: ReportModel): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(w.regular)
      .fontSize(8)
      .fillColor("#57606a")
      .text(`${model.name} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 16, {
        width: contentWidth(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = keep;
  }
}

/** Only web links become clickable. */
function safeLink(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
