/** What cleaning took out, so staff can see it and nothing disappears silently. */
export interface Removed {
  line: string;
  reason: string;
}

export interface Cleaned {
  /** Paragraphs separated by one blank line; offsets of passages and evidence point into this. */
  text: string;
  removed: Removed[];
}

/** Lines that are web-page furniture, never statement text. */
const FURNITURE = [
  /^accessibility links$/i,
  /^breaking news$/i,
  /^skip to (main )?content$/i,
  /^(share|tweet|print|email|e-mail)( (this|the) (page|article|story))?$/i,
  /^(share|follow us)( on)?:?( (facebook|twitter|x|linkedin|whatsapp|email|telegram))*$/i,
  /^((facebook|twitter|linkedin|whatsapp|email|print|share)\s*[|·•]?\s*){2,}$/i,
  /^(home|menu|search|close|back to top|main menu|navigation|related articles?|read more|subscribe)$/i,
  /^(home\s*[>›»/|]\s*)+.*$/i,
  /^\[?(photo|image)( credit)?:?.*\]?$/i,
];
const PAGE_NUMBER = /^(page\s+)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;
/** Paragraph numbers left by OCR of UN records, e.g. "82.\tThe Assembly…". */
const PARAGRAPH_NUMBER = /^\d{1,3}\.\t+/;
const SENTENCE_END = /[.!?:;"'”’)\]]$/;

/** Strips page furniture, page numbers, repeated running headers and doubled lines; keeps every paragraph. */
export function clean(raw: string): Cleaned {
  const removed: Removed[] = [];
  const pages = normaliseCharacters(raw).split("\f");
  const running = runningHeaders(pages);
  const lines: string[] = [];
  for (const page of pages) {
    for (const rawLine of page.split("\n")) {
      const line = rawLine.replace(PARAGRAPH_NUMBER, "").replace(/[ \t]+/g, " ").trim();
      if (!line) {
        lines.push("");
        continue;
      }
      const reason = furnitureReason(line, running, lines);
      if (reason) removed.push({ line, reason });
      else lines.push(line);
    }
    lines.push("");
  }
  return { text: paragraphs(lines).join("\n\n"), removed };
}

function furnitureReason(line: string, running: Set<string>, kept: string[]): string | null {
  if (FURNITURE.some((pattern) => pattern.test(line))) return "page furniture";
  if (PAGE_NUMBER.test(line)) return "page number";
  if (running.has(line)) return "running header or footer";
  const previous = kept.findLast((l) => l !== "");
  if (previous === line) return "doubled line";
  return null;
}

/** Short lines that recur on at least half of three or more pages are running headers or footers. */
function runningHeaders(pages: string[]): Set<string> {
  if (pages.length < 3) return new Set();
  const seen = new Map<string, number>();
  for (const page of pages) {
    const unique = new Set(page.split("\n").map((l) => l.trim()).filter((l) => l.length > 0 && l.length <= 100));
    for (const line of unique) seen.set(line, (seen.get(line) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= Math.max(3, pages.length / 2)).map(([line]) => line));
}

/** Lines to paragraphs: a hard-wrapped line (no sentence end, next starts in lower case) joins the next. */
function paragraphs(lines: string[]): string[] {
  const result: string[] = [];
  let current = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) {
      if (current) result.push(current);
      current = "";
      continue;
    }
    current = current ? `${current}${current.endsWith("-") ? "" : " "}${line}` : line;
    const next = lines[i + 1];
    const wrapped = next !== undefined && next !== "" && !SENTENCE_END.test(line) && /^[\p{Ll}(]/u.test(next);
    if (!wrapped) {
      result.push(current);
      current = "";
    }
  }
  if (current) result.push(current);
  return result;
}

function normaliseCharacters(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/[\u200B-\u200D\u2060]/g, "")
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/\u2026/g, "...");
}

const BLOCK_TAGS = /<\/?(p|div|section|article|main|h[1-6]|li|ul|ol|table|tr|blockquote|pre|figure|figcaption|header|dd|dt)\b[^>]*>/gi;
const DROPPED_ELEMENTS = /<(script|style|noscript|template|nav|footer|svg|iframe|object|form|button)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", hellip: "...", rsquo: "'", lsquo: "'", rdquo: '"', ldquo: '"' };

/**
 * Text of pasted HTML: scripts, styles, navigation and forms dropped unread, block elements become
 * paragraph breaks, entities decoded. Nothing is executed; no DOM is built.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(DROPPED_ELEMENTS, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(BLOCK_TAGS, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => decodeEntity(entity, body))
    .replace(/\u00A0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function decodeEntity(entity: string, body: string): string {
  if (body[0] === "#") {
    const code = body[1]?.toLowerCase() === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  }
  return ENTITIES[body.toLowerCase()] ?? entity;
}
