import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** LibreOffice's command, or null (tests that need it skip and say so). */
export const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].find((p) => existsSync(p)) ?? null;

/** A scratch folder removed by the returned function. */
export function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "dyad-reader-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * LibreOffice headless converts one sheet (1-based) of a workbook to CSV, the way a person opening it would
 * see the cells: formulas would show their results here, text stays text.
 */
export async function libreOfficeSheetCsv(xlsx: Uint8Array, sheet: number): Promise<string> {
  if (!SOFFICE) throw new Error("soffice is not installed");
  const { dir, remove } = scratch();
  try {
    const file = path.join(dir, "report.xlsx");
    writeFileSync(file, xlsx);
    // field sep 44 (,), text delimiter 34 ("), UTF-8 (76), from line 1, …, the sheet number last
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`;
    await run(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", filter, "--outdir", dir, file], {
      timeout: 120_000,
    });
    const out = readdirSync(dir).find((f) => f.endsWith(".csv"));
    if (!out) throw new Error(`LibreOffice wrote no CSV (found ${readdirSync(dir).join(", ")})`);
    return readFileSync(path.join(dir, out), "utf8");
  } finally {
    remove();
  }
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const { dir, remove } = scratch();
  try {
    writeFileSync(path.join(dir, "report.pdf"), pdf);
    return (await run("pdftotext", ["-layout", path.join(dir, "report.pdf"), "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } finally {
    remove();
  }
}

export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const { dir, remove } = scratch();
  try {
    writeFileSync(path.join(dir, "report.pdf"), pdf);
    const { stdout } = await run("pdfinfo", [path.join(dir, "report.pdf")]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  } finally {
    remove();
  }
}

/** Raster images embedded in a PDF (pdfimages -list); charts drawn as vector paths add none. */
export async function pdfImageCount(pdf: Uint8Array): Promise<number> {
  const { dir, remove } = scratch();
  try {
    writeFileSync(path.join(dir, "report.pdf"), pdf);
    const { stdout } = await run("pdfimages", ["-list", path.join(dir, "report.pdf")]);
    return stdout.trim().split("\n").length - 2; // two header lines
  } finally {
    remove();
  }
}

/**
 * One page rendered by poppler's pdftoppm, as a PNG file and as raw pixels (PPM) so a test can count the
 * pixels of a colour.
 */
export async function renderPdfPage(
  pdf: Uint8Array,
  page: number,
): Promise<{ png: Buffer; countColour(rgb: [number, number, number], tolerance?: number): number }> {
  const { dir, remove } = scratch();
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const range = ["-f", String(page), "-l", String(page), "-r", "72"];
    await run("pdftoppm", [...range, "-png", "-singlefile", file, path.join(dir, "page")]);
    await run("pdftoppm", [...range, "-singlefile", file, path.join(dir, "page")]);
    const png = readFileSync(path.join(dir, "page.png"));
    const ppm = readFileSync(path.join(dir, "page.ppm"));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"));
    if (!header) throw new Error("pdftoppm did not write a binary PPM");
    const pixels = ppm.subarray(header[0].length);
    return {
      png,
      countColour: ([r, g, b], tolerance = 40) => {
        let n = 0;
        for (let i = 0; i + 2 < pixels.length; i += 3) {
          if (Math.abs(pixels[i]! - r) + Math.abs(pixels[i + 1]! - g) + Math.abs(pixels[i + 2]! - b) <= tolerance) n++;
        }
        return n;
      },
    };
  } finally {
    remove();
  }
}
