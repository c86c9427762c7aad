/**
 * Every import limit, each one number, documented in the README (Import limits) and checked before any parsing
 * starts. next.config.js repeats `requestBytes` (it cannot import TypeScript); a unit test keeps the two equal.
 */
export const LIMITS = {
  /** One statement file: .txt, .md, .html, .pdf, .docx. */
  singleFileBytes: 20 * 1024 * 1024,
  /** The text of one statement, however it came (pasted, or read from a file). */
  statementChars: 20_000_000,
  /** A whole form post (one statement file or pasted text, with its fields): Next refuses larger bodies. */
  requestBytes: 21 * 1024 * 1024,
  /** A .docx is a zip: how many parts it may hold, what they may expand to (and by how much), and how many XML tags they may hold. */
  docxEntries: 1_000,
  docxExpandedBytes: 50 * 1024 * 1024,
  docxExpandRatio: 100,
  docxXmlTags: 200_000,
  /** A bulk file as uploaded (compressed or not). */
  bulkFileBytes: 200 * 1024 * 1024,
  /** What a .gz may expand to, and by how much, before it is treated as a decompression bomb. */
  gunzipBytes: 500 * 1024 * 1024,
  gunzipRatio: 200,
  /** JSON nesting deeper than this is refused before parsing. */
  jsonDepth: 64,
  /** Rows (or objects) in one bulk file, columns (or fields) in one row, and characters in one row. */
  bulkRows: 1_000_000,
  bulkColumns: 200,
  bulkRowChars: 2_000_000,
  /** URL import: body size, whole-request time and redirects followed. */
  urlBytes: 10 * 1024 * 1024,
  urlTimeoutMs: 15_000,
  urlRedirects: 5,
  /** A followed feed or sitemap: size of one document, sitemaps of an index read per poll, new items taken per poll. */
  feedBytes: 10 * 1024 * 1024,
  feedSitemaps: 10,
  feedItemsPerPoll: 50,
} as const;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
