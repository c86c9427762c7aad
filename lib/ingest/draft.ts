/** A statement as it arrives from any source, before the engine has cleaned or analysed it. */
export interface StatementDraft {
  /** The text as received (plain text, or HTML when format is "html"). */
  raw: string;
  format?: "text" | "html";
  title?: string | null;
  date?: string | null;
  datePrecision?: "day" | "month" | "year" | null;
  speakerName?: string | null;
  speakerTitle?: string | null;
  speakerCountry?: string | null;
  /** Counterparts named by the source or by staff, primary first. */
  counterparts?: string[];
  venue?: string | null;
  sourceUrl?: string | null;
  kind?: string | null;
  language?: string | null;
}

/** A source address is kept only when it is http(s): a javascript: or data: link would run in a reader's browser. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Why a statement's source cannot be kept, or null. A source without spaces is taken as a web address and must
 * be http(s) (no javascript:, data: or protocol-relative links); one with spaces is a citation ("UNSCon
 * (Zaczynska et al. 2024)"), kept as text and never made a link (pages link only what isHttpUrl accepts).
 */
export function sourceProblem(value: string): string | null {
  const source = value.trim();
  if (source === "" || /\s/.test(source) || isHttpUrl(source)) return null;
  return `A source address must be an http(s) web address, not "${source.slice(0, 80)}".`;
}

/** One row of a bulk source: a draft, or the reason it could not become one. */
export type BulkRow = { rowNumber: number; draft: StatementDraft } | { rowNumber: number; error: string };
