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

/** Lines that are web-page furniture, never statement text, by the reason given to staff. */
const FURNITURE: [RegExp, string][] = [
  [
    /^(accessibility links|breaking news|skip to (the )?(main )?(content|navigation)|toggle navigation|main menu|menu|search|close|home|back to top|top of page|navigation|you are here:?.*|print friendly|text size|listen( to this)?( article| page)?)$/i,
    "page furniture",
  ],
  [/^(share|tweet|print|email|e-mail|like|pin it|copy link)( (this|the) (page|article|story|post))?( on \w+)?:?$/i, "page furniture"],
  [
    /^((share|follow us)( on)?:?\s*)?((facebook|twitter|x|linkedin|whatsapp|telegram|email|e-mail|print|reddit|vk)\s*[|·•,/]?\s*){2,}$/i,
    "page furniture",
  ],
  [/^(home|start)\s*[>›»/|].*$/i, "page furniture"],
  [
    /^(related|more) (articles|stories|content|news|links)$|^read more$|^(next|previous) (article|story|post)$|^subscribe( to .*)?$|^sign up( for .*)?$/i,
    "page furniture",
  ],
  [/^(this (web)?site uses cookies.*|accept( all)? cookies|cookie (settings|policy))$/i, "page furniture"],
  [
    /^(все материалы сайта доступны по лицензии:?|all content on this site is licensed under:?|creative commons attribution \d\.\d international)$/i,
    "site licence notice",
  ],
  [
    /^(текстовая версия|text version|официальный сайт президента россии:?|official site of the president of russia:?|администрация президента россии\s*\d{4} год|presidential executive office\s*\d{4})$/i,
    "page furniture",
  ],
  [
    /^(опубликован в разделе|дата публикации|ссылка на материал|published in sections?|publication date|direct link|прямая ссылка):/i,
    "page furniture",
  ],
  [
    /^(official websites use \.gov|secure \.gov websites use https|[\d–-]+ archived content|you are viewing archived content.*|content in this archive site is not updated.*|for current information, go to .*|policy issues|countries & areas|bureaus & offices|about|mission|history|administrative|leadership|directories|tags|\[(dsl\/cable|dial-up|audio|video|full video[^\]]*)\](\s*\[[^\]]*\])*)$/i,
    "page furniture",
  ],
  [/^(https?:\/\/|www\.)\S+$/i, "link"],
  [/^\((spoke in|interpretation from) [^)]{1,80}\)$/i, "record annotation"],
];
/**
 * All furniture patterns as one sticky alternation (same flags, each anchored at the start): a line of prose fails it
 * in one regex run instead of one per pattern; only a line that passes is asked which pattern it was.
 */
const ANY_FURNITURE = FURNITURE.every(([pattern]) => pattern.flags === "i")
  ? new RegExp(FURNITURE.map(([pattern]) => `(?:${pattern.source})`).join("|"), "iy")
  : null;
const PAGE_NUMBER = /^(page\s+)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^\[\d{1,4}\]$/i;
/** Paragraph numbers of OCR'd UN records: "82.\tThe Assembly…" always, "82. The Assembly…" when the text is numbered throughout. */
const NUMBER_TAB = /^\d{1,3}\.\t\s*/;
const NUMBER_SPACE = /^\d{1,3}\.[\t ]+(?=[\p{Lu}"'(])/u;
const LONE_PARAGRAPH_NUMBER = /^\d{1,3}\.$/;
const startsWithDigit = (line: string) => {
  const c = line.charCodeAt(0);
  return c >= 48 && c <= 57;
};
/** PAGE_NUMBER, asked only of lines that start as one can (a digit, "page", a dash or a bracket): most lines do not. */
function isPageNumber(line: string): boolean {
  const c = line.charCodeAt(0);
  return ((c >= 48 && c <= 57) || c === 112 || c === 80 || c === 45 || c === 0x2013 || c === 0x2014 || c === 91) && PAGE_NUMBER.test(line);
}
/** Whether a line ends a sentence: . ! ? : or ; perhaps followed by closing quotes or brackets. Checked from the end (a regex anchored at $ reads the whole line). */
function endsSentenceLine(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && CLOSERS.includes(line[i]!)) i--;
  return i >= 0 && ".!?:;".includes(line[i]!);
}
const CLOSERS = "\"')]";
const LOWER_START = /^[\p{Ll}]/u;
/** Furniture lines are short; a paragraph-long line is never page furniture, so it skips those patterns. */
const LONGEST_FURNITURE = 300;
/** Form feeds become a line of their own, marked with a private-use character that trimming keeps. */
const PAGE_BREAK = "\uE000";

interface Line {
  text: string;
  /** A blank line comes between this line and the previous kept one: a paragraph break, unless furniture caused it. */
  blankBefore: boolean;
  /** Something was removed (or a page ended) between this line and the previous kept one. */
  cutBefore: boolean;
}

/**
 * Strips page furniture (navigation, share bars, doubled captions, site licence notes), page numbers, running
 * headers and footers and OCR paragraph numbers; normalises white space and quotes; rejoins hard-wrapped lines;
 * keeps every paragraph, separated by one blank line.
 */
export function clean(raw: string): Cleaned {
  const removed: Removed[] = [];
  const rawLines = normaliseCharacters(raw).split("\n");
  const numberedThroughout = rawLines.filter((l) => startsWithDigit(l) && NUMBER_SPACE.test(l)).length >= 3;
  const lines = rawLines.map((l) => {
    const number = startsWithDigit(l) ? (NUMBER_TAB.exec(l) ?? (numberedThroughout ? NUMBER_SPACE.exec(l) : null))?.[0] : undefined;
    if (number) removed.push({ line: number.trim(), reason: "paragraph number" });
    const line = number ? l.slice(number.length) : l;
    return (line.includes("\t") || line.includes("  ") ? line.replace(/[ \t]{2,}|\t/g, " ") : line).trim();
  });
  const running = runningLines(lines);

  const pageEdges = pageEdgeLines(lines);
  const kept: Line[] = [];
  let blankBefore = false;
  let cutBefore = false;
  for (const [index, line] of lines.entries()) {
    if (line === "" || line === PAGE_BREAK) {
      if (line === PAGE_BREAK) cutBefore = true;
      else blankBefore = true;
      continue;
    }
    const reason = pageEdges.has(index) ? "running header or footer" : removalReason(line, running, kept[kept.length - 1]?.text);
    if (reason) {
      removed.push({ line, reason });
      cutBefore = true;
      continue;
    }
    kept.push({ text: line, blankBefore, cutBefore });
    blankBefore = cutBefore = false;
  }
  return { text: paragraphs(kept).join("\n\n"), removed };
}

function removalReason(line: string, running: Set<string>, previous: string | undefined): string | null {
  if (line.length <= LONGEST_FURNITURE) {
    if (ANY_FURNITURE) ANY_FURNITURE.lastIndex = 0;
    if (!ANY_FURNITURE || ANY_FURNITURE.test(line)) for (const [pattern, reason] of FURNITURE) if (pattern.test(line)) return reason;
    if (isPageNumber(line)) return "page number";
    if (line.length <= 4 && LONE_PARAGRAPH_NUMBER.test(line)) return "paragraph number";
    if (running.size > 0 && running.has(digitless(line))) return "running header or footer";
  }
  // Short replies ("Okay.", "Thank you.") do repeat in transcripts; a doubled caption or paragraph is longer.
  if (line === previous && line.length >= 15) return "doubled line";
  return null;
}

const digitless = (line: string) => line.replace(/\d+/g, "#");

/**
 * Lines right beside a form feed that are codes rather than words: the job number and page ("15-29658 37/55")
 * and the document symbol and date ("A/70/PV.22 01/10/2015") of a UN record. A body line there has words.
 */
function pageEdgeLines(lines: string[]): Set<number> {
  const edges = new Set<number>();
  const isCode = (line: string | undefined) => line !== undefined && /\d/.test(line) && line.length <= 60 && !/\p{Ll}{3}/u.test(line);
  lines.forEach((line, i) => {
    if (line !== PAGE_BREAK) return;
    for (const step of [-1, 1]) {
      let j = i + step;
      while (lines[j] === "") j += step;
      if (isCode(lines[j])) edges.add(j);
    }
  });
  return edges;
}

/**
 * Running headers and footers: short lines that recur, digits aside ("A/70/PV.22 01/10/2015", "22 General
 * Assembly - Forty-eighth session"), on at least half of three or more pages. Pages end at form feeds or,
 * in text extracted without them, at page numbers; with no pages to go by, a line with a number in it that
 * recurs three times (twice when the number is a page number at its start or end) is one. Lines that end a sentence or label a speaker ("Thank you.", "THE PRESIDENT:")
 * are never headers, however often they recur.
 */
function runningLines(lines: string[]): Set<string> {
  const byFormFeed = lines.includes(PAGE_BREAK);
  const endsPage = (line: string) => (byFormFeed ? line === PAGE_BREAK : isPageNumber(line));
  // Three pages need two page ends. Most texts have none, and then no page's lines are worth collecting.
  let pageEnds = 0;
  for (let i = 0; i < lines.length && pageEnds < 2; i++) if (endsPage(lines[i]!)) pageEnds++;
  return (pageEnds >= 2 ? recurringOnPages(lines, endsPage) : null) ?? recurringWithNumbers(lines);
}

/** Short lines on at least half of three or more pages, or null when there are fewer than three pages with lines. */
function recurringOnPages(lines: string[], endsPage: (line: string) => boolean): Set<string> | null {
  const pages: Set<string>[] = [new Set()];
  for (const line of lines) {
    if (endsPage(line)) pages.push(new Set());
    else if (line.length > 0 && line.length <= 100) {
      const digits = /\d/.test(line);
      if (digits || !'.!?:;,"'.includes(line[line.length - 1]!)) pages[pages.length - 1]!.add(digits ? digitless(line) : line);
    }
  }
  const nonEmpty = pages.filter((p) => p.size > 0);
  if (nonEmpty.length < 3) return null;
  const counts = new Map<string, number>();
  for (const page of nonEmpty) for (const line of page) counts.set(line, (counts.get(line) ?? 0) + 1);
  const needed = Math.max(3, nonEmpty.length / 2);
  return new Set([...counts].filter(([, n]) => n >= needed).map(([line]) => line));
}

/** With no pages to go by: lines with a number in them that recur. */
function recurringWithNumbers(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  const paged = new Set<string>();
  for (const line of lines) {
    if (line.length < 10 || line.length > 100 || !/\d/.test(line) || !/\p{L}/u.test(line) || endsSentenceLine(line)) continue;
    const key = digitless(line);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (/^\d{1,4} |\s\d{1,4}$/.test(line)) paged.add(key);
  }
  // A header that carries its page number ("22 General Assembly - Forty-eighth session") shows it by recurring twice.
  return new Set([...counts].filter(([line, n]) => n >= (paged.has(line) ? 2 : 3)).map(([line]) => line));
}

/**
 * Lines to paragraphs. A line that does not end a sentence runs on into a next line starting in lower case;
 * in hard-wrapped text (most lines stop mid-sentence, as in PDFs) every line runs on unless it ends a sentence
 * well short of the wrap width. A blank line is a paragraph break unless removed furniture caused it.
 */
function paragraphs(lines: Line[]): string[] {
  const width = wrapWidth(lines);
  const result: string[] = [];
  let current = "";
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous && runsOn(previous.text, line, width)) {
      // The paragraph so far ends with the previous line (asking the growing paragraph itself would copy it each time).
      current += (hyphenated(previous.text) ? "" : " ") + line.text;
    } else {
      if (current) result.push(current);
      current = line.text;
    }
    previous = line;
  }
  if (current) result.push(current);
  return result;
}

/** A line ending in a letter and a hyphen: a word broken at the wrap, rejoined without a space. */
function hyphenated(line: string): boolean {
  return line.endsWith("-") && line.length >= 2 && LETTER.test(line.charAt(line.length - 2));
}

function runsOn(previous: string, line: Line, width: number | null): boolean {
  if (line.blankBefore && !line.cutBefore) return false;
  const ended = endsSentenceLine(previous);
  if (!ended && LOWER_START.test(line.text)) return true;
  if (width === null) return false;
  return ended ? previous.length >= 0.85 * width : previous.length >= 0.5 * width;
}

/** The wrap width of hard-wrapped text (its 90th-percentile line length), or null when lines are paragraphs. */
function wrapWidth(lines: Line[]): number | null {
  const long = lines.map((l) => l.text).filter((t) => t.length >= 20);
  if (long.length < 5) return null;
  const open = long.filter((t) => !endsSentenceLine(t)).length;
  if (open / long.length <= 0.5) return null;
  // Filled by a loop: Int32Array.from with a mapping function goes through the iterator protocol, line by line.
  const lengths = new Int32Array(long.length);
  for (let i = 0; i < long.length; i++) lengths[i] = long[i]!.length;
  lengths.sort();
  return lengths[Math.floor(lengths.length * 0.9)]!;
}

const LETTER = /^\p{L}$/u;
/** Any character normaliseCharacters changes: most texts have none, or few, and are then read once, not nine times. */
const TO_NORMALISE =
  /[\uFEFF\r\f\u00A0\u2000-\u200D\u202F\u205F\u3000\u00AD\u2060\u2018-\u201F\u2032\u2033\u00AB\u00BB\u2026\u2028\u2029\v]/;

/** What each character normaliseCharacters changes becomes (every replacement is final: none is changed again). */
const NORMALISED = new Map<string, string>([
  ["\r", "\n"],
  ["\f", `\n${PAGE_BREAK}\n`],
  ["\u2026", "..."],
  ["\u2028", "\n"],
  ["\u2029", "\n"],
  ["\v", "\n"],
  ...[..."\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000"].map((c): [string, string] => [
    c,
    " ",
  ]),
  ...[..."\u00AD\u200B\u200C\u200D\u2060\uFEFF"].map((c): [string, string] => [c, ""]),
  ...[..."\u2018\u2019\u201A\u201B\u2032"].map((c): [string, string] => [c, "'"]),
  ...[..."\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB"].map((c): [string, string] => [c, '"']),
]);
/** Every character to change, one at a time: a class alone, which V8 searches for twice as fast as a class and more. */
const TO_NORMALISE_ALL = new RegExp(TO_NORMALISE.source, "g");

/** Line ends, spaces, invisible characters, quotes and ellipses made plain, in one pass over the text. */
function normaliseCharacters(raw: string): string {
  // "\r\n" is one line end: its "\r" goes and the "\n" stays.
  return raw.replace(TO_NORMALISE_ALL, (c, at: number) => (c === "\r" && raw.charCodeAt(at + 1) === 10 ? "" : NORMALISED.get(c)!));
}

const BLOCK_TAGS =
  /<\/?(p|div|section|article|main|h[1-6]|li|ul|ol|dl|dd|dt|table|thead|tbody|tr|blockquote|pre|figure|figcaption|header|address|hr)\b[^>]*>/gi;
const DROPPED_ELEMENTS =
  /<(script|style|noscript|template|head|nav|footer|aside|svg|iframe|object|form|button|select|canvas)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  shy: "",
  mdash: "—",
  ndash: "–",
  hellip: "...",
  rsquo: "'",
  lsquo: "'",
  sbquo: "'",
  rdquo: '"',
  ldquo: '"',
  bdquo: '"',
  laquo: '"',
  raquo: '"',
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  middot: "·",
  bull: "•",
  euro: "€",
  pound: "£",
  sect: "§",
  para: "¶",
  times: "×",
  szlig: "ß",
  aelig: "æ",
  AElig: "Æ",
  oslash: "ø",
  Oslash: "Ø",
};
/** &eacute; &Ouml; &ccedil; …: letter plus combining mark, composed. */
const ACCENTS: Record<string, string> = {
  acute: "\u0301",
  grave: "\u0300",
  circ: "\u0302",
  uml: "\u0308",
  tilde: "\u0303",
  cedil: "\u0327",
  ring: "\u030A",
  caron: "\u030C",
};

/**
 * Text of pasted HTML: scripts, styles, navigation, footers and forms dropped unread, block elements become
 * paragraph breaks, entities decoded. Nothing is executed and no DOM is built; run `clean` on the result.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>/gi, "")
    .replace(DROPPED_ELEMENTS, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/t[dh]>/gi, " ")
    .replace(BLOCK_TAGS, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => decodeEntity(entity, body))
    .replace(/[\u00A0 \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function decodeEntity(entity: string, body: string): string {
  if (body[0] === "#") {
    const code = body[1]?.toLowerCase() === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  }
  const named = ENTITIES[body] ?? ENTITIES[body.toLowerCase()];
  if (named !== undefined) return named;
  const accent = ACCENTS[body.slice(1)];
  return accent && /^[a-z]$/i.test(body[0]!) ? (body[0]! + accent).normalize("NFC") : entity;
}
