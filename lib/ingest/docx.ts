import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { IngestError } from "./errors";
import { formatBytes, formatCount, LIMITS } from "./limits";

/**
 * Walks a .docx's zip before mammoth sees it: counts its parts from the central directory, then inflates every
 * part as a stream (never past the cap, and never past the size its header declares), counting XML tags.
 * mammoth's cost grows with the tags it parses (about 1 KB of heap each) and the bytes it inflates, so
 * bounding both bounds the parse: 3 million empty paragraphs in 300 KB are refused in a fraction of a second.
 */
export async function checkDocxBounds(name: string, bytes: Uint8Array): Promise<void> {
  const zip = await yauzl
    .fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    })
    .catch(() => {
      throw damaged(name);
    });
  try {
    if (zip.entryCount > LIMITS.docxEntries) {
      throw new IngestError(
        "too_large",
        `${name} holds ${formatCount(zip.entryCount)} parts; a Word document may hold at most ${formatCount(LIMITS.docxEntries)}.`,
      );
    }
    const cap = Math.min(LIMITS.docxExpandedBytes, Math.max(1024 * 1024, bytes.length * LIMITS.docxExpandRatio));
    const bomb = () =>
      new IngestError("bomb", `${name} expands to more than ${formatBytes(cap)}: refused as a possible decompression bomb.`);
    let declared = 0;
    let expanded = 0;
    let tags = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > cap) throw bomb();
      const stream: Readable = await zip.openReadStreamPromise(entry).catch(() => {
        throw damaged(name);
      });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          expanded += chunk.length;
          if (expanded > cap) throw bomb();
          tags += countTags(chunk);
          if (tags > LIMITS.docxXmlTags) {
            throw new IngestError(
              "too_large",
              `${name} holds more than ${formatCount(LIMITS.docxXmlTags)} XML tags (paragraphs, runs, …): too many for one statement.`,
            );
          }
        }
      } catch (error) {
        throw error instanceof IngestError ? error : damaged(name);
      } finally {
        stream.destroy();
      }
    }
  } catch (error) {
    throw error instanceof IngestError ? error : damaged(name);
  } finally {
    zip.close();
  }
}

/** Every `<` opens a tag (start, end or empty): what mammoth must parse, closely enough for a cap. */
function countTags(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(0x3c); i !== -1; i = chunk.indexOf(0x3c, i + 1)) n++;
  return n;
}

function damaged(name: string): IngestError {
  return new IngestError(
    "malformed",
    `${name} could not be read as a Word (.docx) document: its zip is damaged or its sizes do not match.`,
  );
}
