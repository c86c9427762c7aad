import { existsSync } from "node:fs";

export interface PdfFonts {
  regular: string;
  bold: string;
  /** False when only PDF's built-in Helvetica is at hand, which knows Latin-1 and little else. */
  unicode: boolean;
}

const CANDIDATES: [string, string][] = [
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
  ["/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"],
  ["/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"],
];

/**
 * A TrueType font with wide coverage (arrows, Cyrillic, accented names) when the system has one, or the one
 * named by DYAD_PDF_FONT (and DYAD_PDF_FONT_BOLD); else Helvetica, with text folded to what it can show.
 */
export function pdfFonts(env: NodeJS.ProcessEnv = process.env): PdfFonts {
  if (env.DYAD_PDF_FONT && existsSync(env.DYAD_PDF_FONT)) {
    const bold = env.DYAD_PDF_FONT_BOLD && existsSync(env.DYAD_PDF_FONT_BOLD) ? env.DYAD_PDF_FONT_BOLD : env.DYAD_PDF_FONT;
    return { regular: env.DYAD_PDF_FONT, bold, unicode: true };
  }
  const found = CANDIDATES.find(([regular, bold]) => existsSync(regular) && existsSync(bold));
  return found ? { regular: found[0], bold: found[1], unicode: true } : { regular: "Helvetica", bold: "Helvetica-Bold", unicode: false };
}

/** For Helvetica: arrows and minus signs spelled out, anything beyond Latin-1 replaced by "?". */
export function latin1(text: string): string {
  return text
    .replace(/→/g, "->")
    .replace(/↔/g, "<->")
    .replace(/[−–—]/g, "-")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, "...")
    .replace(/[^\n\x20-\xFF]/g, "?");
}
