import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { decodeUtf8 } from "./decode";
import { checkDocxBounds } from "./docx";
import type { StatementDraft } from "./draft";
import { IngestError } from "./errors";
import { draftFromHtmlPage } from "./html-page";
import { formatBytes, formatCount, LIMITS } from "./limits";
import { checkContentMatchesName } from "./sniff";

/** One statement from an uploaded .txt, .md, .html, .pdf or .docx file. Size and type are checked before parsing. */
export async function readSingleFile(name: string, bytes: Uint8Array): Promise<StatementDraft> {
  if (bytes.length > LIMITS.singleFileBytes) {
    throw new IngestError(
      "too_large",
      `${name} is ${formatBytes(bytes.length)}; one statement file may be at most ${formatBytes(LIMITS.singleFileBytes)}.`,
    );
  }
  if (bytes.length === 0) throw new IngestError("empty", `${name} is empty.`);
  const kind = checkContentMatchesName(name, bytes);
  const draft = await draftFor(kind, name, bytes);
  if (!draft.raw.trim())
    throw new IngestError("empty", `${name} contains no text${kind === "pdf" ? " (a scanned PDF needs OCR first)" : ""}.`);
  if (draft.raw.length > LIMITS.statementChars) {
    throw new IngestError(
      "too_large",
      `${name} holds ${formatCount(draft.raw.length)} characters of text; one statement may hold at most ${formatCount(LIMITS.statementChars)}.`,
    );
  }
  return draft;
}

async function draftFor(kind: string, name: string, bytes: Uint8Array): Promise<StatementDraft> {
  switch (kind) {
    case "text":
      return { raw: decodeUtf8(bytes, name), format: "text" };
    case "html":
      return draftFromHtmlPage(decodeUtf8(bytes, name), null);
    case "pdf":
      return { raw: await pdfText(name, bytes), format: "text" };
    case "docx":
      return { raw: await docxText(name, bytes), format: "text" };
    default:
      throw new IngestError("wrong_type", `${name} holds many rows: use bulk import for .csv, .json and .jsonl files.`);
  }
}

/** Pages joined by form feeds, so cleaning can recognise running headers, footers and page numbers. */
async function pdfText(name: string, bytes: Uint8Array): Promise<string> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: false });
    return (text as string[]).join("\n\f");
  } catch {
    throw new IngestError("malformed", `${name} could not be read as a PDF.`);
  }
}

async function docxText(name: string, bytes: Uint8Array): Promise<string> {
  await checkDocxBounds(name, bytes);
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch {
    throw new IngestError("malformed", `${name} could not be read as a Word (.docx) document.`);
  }
}
