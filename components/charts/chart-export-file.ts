import { toCsv } from "@/lib/export/csv";
import type { ChartData } from "./types";

/** What a downloaded picture says about itself: what it shows, under which filters, from where. */
export interface ChartCaption {
  title: string;
  filters: string;
  source: string;
}

const HEADER = 46;
const FOOTER = 24;
const LEGEND_ROW = 18;
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The chart as drawn on screen, as a standalone SVG: the same surface (every line, dot and band) moved down
 * under a title and the filters, with the legend (HTML on screen) drawn in, and a source line below.
 */
export function chartSvg(surface: SVGSVGElement, caption: ChartCaption, legend: { label: string; color: string }[]): string {
  const doc = surface.ownerDocument;
  const width = Number(surface.getAttribute("width")) || surface.clientWidth || 800;
  const height = Number(surface.getAttribute("height")) || surface.clientHeight || 340;
  const perRow = Math.max(1, Math.floor(width / 220));
  const legendHeight = Math.ceil(legend.length / perRow) * LEGEND_ROW;
  const total = HEADER + height + legendHeight + FOOTER;
  const root = doc.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(total));
  root.setAttribute("viewBox", `0 0 ${width} ${total}`);
  root.setAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif");
  const add = (name: string, attributes: Record<string, string | number>, text?: string) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    root.appendChild(node);
    return node;
  };
  add("rect", { x: 0, y: 0, width, height: total, fill: "#ffffff" });
  add("text", { x: 8, y: 18, "font-size": 15, "font-weight": 600, fill: "#111111" }, caption.title);
  add("text", { x: 8, y: 36, "font-size": 11, fill: "#444444" }, caption.filters);
  const chart = surface.cloneNode(true) as SVGSVGElement;
  chart.setAttribute("x", "0");
  chart.setAttribute("y", String(HEADER));
  chart.setAttribute("width", String(width));
  chart.setAttribute("height", String(height));
  chart.removeAttribute("style");
  root.appendChild(chart);
  legend.forEach((item, i) => {
    const x = 8 + (i % perRow) * 220;
    const y = HEADER + height + Math.floor(i / perRow) * LEGEND_ROW + 12;
    add("line", { x1: x, y1: y - 4, x2: x + 18, y2: y - 4, stroke: item.color, "stroke-width": 3, class: "legend-key" });
    add("text", { x: x + 24, y, "font-size": 11, fill: "#111111" }, item.label);
  });
  add("text", { x: 8, y: total - 8, "font-size": 10, fill: "#666666" }, caption.source);
  return serialize(doc, root);
}

/** The browser's XMLSerializer, or a DOM library's (tests); outerHTML where there is none. */
function serialize(doc: Document, node: Element): string {
  const Serializer =
    (doc.defaultView as (Window & { XMLSerializer?: typeof XMLSerializer }) | null)?.XMLSerializer ?? globalThis.XMLSerializer;
  return Serializer ? new Serializer().serializeToString(node) : node.outerHTML;
}

/**
 * Exactly the points a chart plots, one row each: a frequency chart's values, or a tone chart's means with their
 * bands (a period without tone is a gap on screen, so it is not a row here either).
 */
export function chartCsv(data: ChartData, measure: "value" | "tone"): string {
  const rows: unknown[][] = [];
  for (const s of data.series) {
    data.periods.forEach((period, i) => {
      if (measure === "value") {
        const value = s.value[i] as number | null | undefined;
        if (value !== null && value !== undefined) rows.push([period, s.label, s.pair, s.theme, value, s.statements[i] ?? 0]);
        return;
      }
      const tone = s.tone[i];
      if (tone)
        rows.push([period, s.label, s.pair, s.theme, tone.mean, tone.low, tone.high, tone.statements, tone.passages, tone.lowEvidence]);
    });
  }
  const header =
    measure === "value"
      ? ["period", "series", "pair", "theme", "value", "statements"]
      : ["period", "series", "pair", "theme", "tone_mean", "tone_low_95", "tone_high_95", "statements", "passages", "low_evidence"];
  return toCsv(header, rows);
}

/** A file name from a title: lower case, dashes, nothing a file system minds. */
export function fileNameOf(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, " ")
      .trim()
      .toLowerCase()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "chart"
  );
}

/** The source line drawn under every downloaded chart. */
export function sourceLine(): string {
  return `Source: Dyad (${new Date().toISOString().slice(0, 10)}), official statements tagged by theme; tone −1 hostile … +1 cooperative.`;
}
