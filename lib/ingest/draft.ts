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

/** One row of a bulk source: a draft, or the reason it could not become one. */
export type BulkRow = { rowNumber: number; draft: StatementDraft } | { rowNumber: number; error: string };
