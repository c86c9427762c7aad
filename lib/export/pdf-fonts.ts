import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface PdfFonts {
  regular: string;
  bold: string;
}

/**
 * DejaVu Sans, shipped with the app in the npm package dejavu-fonts-ttf (docs/decisions/0012-export-fonts.md):
 * Latin, Cyrillic, Greek and arrows on every machine, whatever fonts the system has. Resolved from the project
 * at run time so the bundler leaves the files where npm put them.
 */
function bundled(file: string): string {
  return createRequire(path.join(process.cwd(), "package.json")).resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

/** The TrueType fonts every PDF embeds: DYAD_PDF_FONT (and DYAD_PDF_FONT_BOLD) when they name a file, else the shipped DejaVu Sans. */
export function pdfFonts(env: Record<string, string | undefined> = process.env): PdfFonts {
  const chosen = env.DYAD_PDF_FONT;
  if (chosen && existsSync(chosen)) {
    const bold = env.DYAD_PDF_FONT_BOLD && existsSync(env.DYAD_PDF_FONT_BOLD) ? env.DYAD_PDF_FONT_BOLD : chosen;
    return { regular: chosen, bold };
  }
  if (chosen) warnOnce(`DYAD_PDF_FONT names ${chosen}, which does not exist; PDF reports use the shipped DejaVu Sans.`);
  return { regular: bundled("DejaVuSans.ttf"), bold: bundled("DejaVuSans-Bold.ttf") };
}

let warned = false;
function warnOnce(message: string): void {
  if (!warned) console.warn(message);
  warned = true;
}
