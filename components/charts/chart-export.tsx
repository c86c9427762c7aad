"use client";

import { useRef, useState, type ReactNode } from "react";
import { chartCsv, chartSvg, fileNameOf, type ChartCaption } from "./chart-export-file";
import { chartDataOf, type ChartSource } from "./packed";

interface Props extends ChartCaption {
  data: ChartSource;
  /** Which of the data's numbers the chart plots. */
  measure: "value" | "tone";
  children: ReactNode;
}

/**
 * A chart with its downloads: SVG and PNG of what the screen shows (title, filters and source drawn in), and
 * CSV of exactly its points. The picture is taken from the drawn chart itself, so it cannot disagree with it.
 */
export function ChartExport({ data, measure, title, filters, source, children }: Props) {
  const figure = useRef<HTMLElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = fileNameOf(title);

  function svgText(): string | null {
    const surface = figure.current?.querySelector<SVGSVGElement>(".recharts-wrapper > svg");
    if (!surface) {
      setProblem("The chart has not been drawn yet; try again in a moment.");
      return null;
    }
    setProblem(null);
    return chartSvg(
      surface,
      { title, filters, source },
      chartDataOf(data).series.map((s) => ({ label: s.label, color: s.color })),
    );
  }

  function downloadSvg() {
    const svg = svgText();
    if (svg) save(new Blob([svg], { type: "image/svg+xml" }), `${name}.svg`);
  }

  async function downloadPng() {
    const svg = svgText();
    if (!svg) return;
    try {
      save(await pngOf(svg), `${name}.png`);
    } catch {
      setProblem("This browser could not turn the chart into a PNG; the SVG download has the same picture.");
    }
  }

  return (
    <figure ref={figure} className="chart-export" style={{ margin: 0 }}>
      {children}
      <figcaption className="chart-downloads" role="group" aria-label={`Download: ${title}`}>
        Download{" "}
        <button type="button" className="secondary" onClick={downloadSvg}>
          SVG
        </button>{" "}
        <button type="button" className="secondary" onClick={downloadPng}>
          PNG
        </button>{" "}
        <button
          type="button"
          className="secondary"
          onClick={() => save(new Blob([chartCsv(chartDataOf(data), measure)], { type: "text/csv;charset=utf-8" }), `${name}.csv`)}
        >
          CSV
        </button>
        {problem && (
          <span className="error" role="alert">
            {" "}
            {problem}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/** Draws the SVG on a canvas at twice its size (sharp on high-density screens and in print). */
async function pngOf(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth * scale;
    canvas.height = image.naturalHeight * scale;
    const context = canvas.getContext("2d")!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
