/** Documented in the README (Import limits). Checked before any parsing starts. */
export const LIMITS = {
  /** One statement file: .txt, .md, .html, .pdf, .docx. */
  singleFileBytes: 20 * 1024 * 1024,
  /** A bulk file as uploaded (compressed or not). */
  bulkFileBytes: 200 * 1024 * 1024,
  /** What a .gz may expand to, and by how much, before it is treated as a decompression bomb. */
  gunzipBytes: 500 * 1024 * 1024,
  gunzipRatio: 200,
  /** JSON nesting deeper than this is refused before parsing. */
  jsonDepth: 64,
  bulkRows: 1_000_000,
  /** URL import: body size, whole-request time and redirects followed. */
  urlBytes: 10 * 1024 * 1024,
  urlTimeoutMs: 15_000,
  urlRedirects: 5,
} as const;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
