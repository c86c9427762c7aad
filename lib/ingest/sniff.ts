import { IngestError } from "./errors";

export type FileKind = "text" | "html" | "pdf" | "docx" | "csv" | "json" | "jsonl" | "gzip";

const EXTENSIONS: Record<string, FileKind> = {
  txt: "text",
  md: "text",
  html: "html",
  htm: "html",
  pdf: "pdf",
  docx: "docx",
  csv: "csv",
  json: "json",
  jsonl: "jsonl",
  ndjson: "jsonl",
  gz: "gzip",
};

export function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
}

export function kindFromName(name: string): FileKind {
  const kind = EXTENSIONS[extensionOf(name)];
  if (!kind)
    throw new IngestError("wrong_type", `${name}: Dyad reads .txt, .md, .html, .pdf, .docx, .csv, .json, .jsonl and .jsonl.gz files.`);
  return kind;
}

/** What the bytes actually are, from their first bytes. */
function sniff(bytes: Uint8Array): "pdf" | "zip" | "gzip" | "binary" | "text" {
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  const sample = bytes.subarray(0, 4096);
  return sample.includes(0) ? "binary" : "text";
}

/** Refuses a file whose content is not what its name says (a PDF renamed .txt, an executable renamed .csv). */
export function checkContentMatchesName(name: string, bytes: Uint8Array): FileKind {
  const kind = kindFromName(name);
  const actual = sniff(bytes);
  const expected = kind === "pdf" ? "pdf" : kind === "docx" ? "zip" : kind === "gzip" ? "gzip" : "text";
  if (actual !== expected) {
    throw new IngestError(
      "wrong_type",
      `${name} does not contain what its extension says: it looks like ${describe(actual)}, not ${describe(expected)}.`,
    );
  }
  return kind;
}

function describe(kind: string): string {
  return { pdf: "a PDF", zip: "a ZIP/Office file", gzip: "gzip data", binary: "binary data", text: "text" }[kind] ?? kind;
}
