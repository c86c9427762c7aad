/** Line charts drawn as PDF vector paths (lines, band areas, axes, legend): sharp at any zoom, text searchable. */
export interface ChartLine {
  label: string;
  color: string;
  dash: number[];
  values: (number | null)[];
  /** A shaded [low, high] band per period (null: none). */
  band?: ([number, number] | null)[];
  /** Per period: true draws the point hollow (it stands on too little text to lean on). */
  hollow?: boolean[];
}

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LineChartSpec {
  title: string;
  periods: string[];
  lines: ChartLine[];
  yMin: number;
  yMax: number;
  yTicks: number[];
  yLabel: string;
  font: string;
  boldFont: string;
}

const PLOT_LEFT = 40;
const PLOT_BOTTOM = 22;
const TITLE_HEIGHT = 16;
const LEGEND_ROW = 12;

/** Height the chart needs for its legend, so callers can keep chart and legend on one page. */
export function chartHeight(plotHeight: number, lines: number, width: number): number {
  const perRow = Math.max(1, Math.floor(width / 160));
  return TITLE_HEIGHT + plotHeight + PLOT_BOTTOM + Math.ceil(lines / perRow) * LEGEND_ROW + 6;
}

export function drawLineChart(doc: PDFKit.PDFDocument, box: ChartBox, plotHeight: number, chart: LineChartSpec): void {
  const { periods, lines, yMin, yMax } = chart;
  doc.save();
  doc.font(chart.boldFont).fontSize(10).fillColor("#1b1f24").text(chart.title, box.x, box.y, { width: box.width, lineBreak: false });
  const plot = { x: box.x + PLOT_LEFT, y: box.y + TITLE_HEIGHT, width: box.width - PLOT_LEFT - 8, height: plotHeight };
  const xAt = (i: number) => plot.x + (periods.length <= 1 ? plot.width / 2 : (i * plot.width) / (periods.length - 1));
  const yAt = (v: number) => plot.y + plot.height - ((Math.min(yMax, Math.max(yMin, v)) - yMin) / (yMax - yMin || 1)) * plot.height;

  // grid and y axis
  doc.font(chart.font).fontSize(7).fillColor("#57606a");
  for (const tick of chart.yTicks) {
    const y = yAt(tick);
    doc
      .lineWidth(tick === 0 && yMin < 0 ? 0.8 : 0.4)
      .strokeColor(tick === 0 && yMin < 0 ? "#999999" : "#d0d7de")
      .undash()
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke();
    doc.text(formatTick(tick), box.x, y - 3.5, { width: PLOT_LEFT - 4, align: "right", lineBreak: false });
  }
  doc.save().rotate(-90, { origin: [box.x + 4, plot.y + plot.height / 2] });
  doc.text(chart.yLabel, box.x + 4 - plot.height / 2, plot.y + plot.height / 2 - 8, {
    width: plot.height,
    align: "center",
    lineBreak: false,
  });
  doc.restore();

  // x axis labels, thinned to about eight
  const step = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((period, i) => {
    if (i % step !== 0 && i !== periods.length - 1) return;
    doc
      .lineWidth(0.4)
      .strokeColor("#57606a")
      .moveTo(xAt(i), plot.y + plot.height)
      .lineTo(xAt(i), plot.y + plot.height + 3)
      .stroke();
    doc.text(period, xAt(i) - 25, plot.y + plot.height + 5, { width: 50, align: "center", lineBreak: false });
  });
  doc
    .lineWidth(0.6)
    .strokeColor("#57606a")
    .moveTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .stroke();

  // bands under the lines, then the lines; a gap (null) breaks a line
  for (const line of lines) {
    for (const run of runs(line.band ?? [])) {
      const upper = run.map((i) => [xAt(i), yAt(line.band![i]![1])] as [number, number]);
      const lower = run.map((i) => [xAt(i), yAt(line.band![i]![0])] as [number, number]).reverse();
      doc
        .save()
        .fillColor(line.color)
        .fillOpacity(0.18)
        .polygon(...upper, ...lower)
        .fill()
        .restore();
    }
  }
  for (const line of lines) {
    doc.lineWidth(1.6).strokeColor(line.color);
    setDash(doc, line.dash);
    for (const run of runs(line.values)) {
      if (run.length === 1) continue;
      doc.moveTo(xAt(run[0]!), yAt(line.values[run[0]!]!));
      for (const i of run.slice(1)) doc.lineTo(xAt(i), yAt(line.values[i]!));
      doc.stroke();
    }
    doc.undash();
    // every point gets a marker, so a lone period between gaps still shows; hollow where the evidence is thin
    line.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      if (line.hollow?.[i])
        doc.save().lineWidth(0.9).fillColor("#ffffff").strokeColor(line.color).circle(xAt(i), yAt(v), 2.2).fillAndStroke().restore();
      else doc.save().fillColor(line.color).circle(xAt(i), yAt(v), 1.8).fill().restore();
    });
  }

  // legend
  const perRow = Math.max(1, Math.floor(box.width / 160));
  const legendTop = plot.y + plot.height + PLOT_BOTTOM;
  lines.forEach((line, i) => {
    const lx = box.x + PLOT_LEFT + (i % perRow) * 160;
    const ly = legendTop + Math.floor(i / perRow) * LEGEND_ROW;
    doc.lineWidth(2).strokeColor(line.color);
    setDash(doc, line.dash);
    doc
      .moveTo(lx, ly + 4)
      .lineTo(lx + 18, ly + 4)
      .stroke()
      .undash();
    doc
      .fillColor("#1b1f24")
      .fontSize(7.5)
      .text(line.label, lx + 22, ly, { width: 134, lineBreak: false, ellipsis: true });
  });
  doc.restore();
}

/** pdfkit takes a dash array ([8, 3, 2, 3]); its type definitions know only a single length. */
function setDash(doc: PDFKit.PDFDocument, pattern: number[]): void {
  if (pattern.length === 0) doc.undash();
  else (doc.dash as unknown as (pattern: number[], options: object) => void).call(doc, pattern, {});
}

/** Index runs of consecutive non-null values. */
function runs<T>(values: (T | null)[]): number[][] {
  const found: number[][] = [];
  let current: number[] = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      if (current.length > 0) found.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length > 0) found.push(current);
  return found;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** A round upper bound and ticks for counts: 0 … max in four or five steps. */
export function countAxis(max: number): { yMax: number; yTicks: number[] } {
  if (max <= 0) return { yMax: 1, yTicks: [0, 1] };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const stepWhole = Math.max(1, Math.round(step));
  const yMax = Math.ceil(max / stepWhole) * stepWhole;
  const yTicks: number[] = [];
  for (let t = 0; t <= yMax + 1e-9; t += stepWhole) yTicks.push(t);
  return { yMax, yTicks };
}
