import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readBulkRecords } from "@/lib/ingest/bulk";
import { decodeUtf8 } from "@/lib/ingest/decode";
import { IngestError } from "@/lib/ingest/errors";
import { gunzipBounded } from "@/lib/ingest/gunzip";
import { readSingleFile } from "@/lib/ingest/single-file";
import { docxWithBody } from "../support/docx";

/** Property tests of the parsers (issue #14): any input ends in rows or a clear refusal, and nothing is lost. */

const encode = (text: string) => new TextEncoder().encode(text);

/** Runs the reader; anything thrown other than an IngestError (a crash, a TypeError, a RangeError) fails the property. */
async function readsOrRefuses(read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const bulkName = fc.constantFrom("x.csv", "x.json", "x.jsonl", "x.ndjson", "x.jsonl.gz");
const text = fc.string({ unit: "grapheme", maxLength: 40 });
const record = fc.record({ text: text.filter((t) => t.trim() !== ""), year: fc.integer({ min: 1900, max: 2100 }).map(String), note: text });

describe("bulk readers", () => {
  it("answer any bytes with rows or an IngestError", async () => {
    await fc.assert(
      fc.asyncProperty(bulkName, fc.uint8Array({ maxLength: 400 }), async (name, bytes) => {
        await readsOrRefuses(() => readBulkRecords(name, name.endsWith(".gz") ? gzipSync(bytes) : bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("answer any text, brackets and quotes included, with numbered rows or an IngestError", async () => {
    const jsonish = fc
      .array(fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\\", "\n", "\r\n", " ", "a", "1", '"text"', "null"), { maxLength: 80 })
      .map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(
        bulkName.filter((n) => !n.endsWith(".gz")),
        jsonish,
        async (name, body) => {
          await readsOrRefuses(async () => {
            for (const row of await readBulkRecords(name, encode(body))) {
              expect(row.rowNumber).toBeGreaterThan(0);
              expect("record" in row || "error" in row).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("give back every CSV row as written, in order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 20 }), async (records) => {
        const csv = stringify(records, { header: true, columns: ["text", "year", "note"] });
        const rows = await readBulkRecords("x.csv", encode(csv));
        expect(rows.map((r) => ("record" in r ? r.record : r))).toEqual(records);
      }),
      { numRuns: 200 },
    );
  });

  it("give back every JSON Lines row, numbered by its line, however many blank lines lie between", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(record, fc.constantFrom("", "\n", "  \n", "\r\n")), { minLength: 1, maxLength: 20 }),
        async (items) => {
          const lines = items.flatMap(([r, gap]) => [JSON.stringify(r), ...(gap ? [gap.replace(/\n$/, "")] : [])]);
          const rows = await readBulkRecords("x.jsonl.gz", gzipSync(encode(lines.join("\n"))));
          expect(rows.map((r) => ("record" in r ? r.record : r))).toEqual(items.map(([r]) => r));
          const lineOf = lines.flatMap((line, i) => (line.trim() ? [i + 1] : []));
          expect(rows.map((r) => r.rowNumber)).toEqual(lineOf);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("give back every object of a JSON array", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 20 }), async (records) => {
        const rows = await readBulkRecords("x.json", encode(JSON.stringify(records, null, 1)));
        expect(rows.map((r) => ("record" in r ? r.record : r))).toEqual(records);
      }),
      { numRuns: 200 },
    );
  });
});

describe("decoding and decompression", () => {
  it("decodes any UTF-8 text exactly and refuses other bytes at the first bad byte", () => {
    fc.assert(
      // A leading byte-order mark is dropped on purpose.
      fc.property(
        fc.string({ unit: "grapheme" }).filter((s) => !s.startsWith("\uFEFF")),
        (s) => {
          expect(decodeUtf8(encode(s), "x")).toBe(s);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeUtf8(bytes, "x");
        } catch (error) {
          expect(error).toBeInstanceOf(IngestError);
          const offset = Number(/offset (\d+)/.exec((error as Error).message)?.[1]);
          expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, offset), { stream: true })).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gunzips what gzip made and refuses anything else as an IngestError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expect(new Uint8Array(await gunzipBounded(gzipSync(bytes), "x.gz"))).toEqual(bytes);
        await readsOrRefuses(() => gunzipBounded(bytes, "x.gz"));
        const gz = gzipSync(bytes);
        await readsOrRefuses(() => gunzipBounded(gz.subarray(0, Math.floor(gz.length / 2)), "x.gz"));
      }),
      { numRuns: 200 },
    );
  });
});

describe("single files", () => {
  it("answer any bytes under any statement extension with a draft or an IngestError", async () => {
    const name = fc.constantFrom("x.txt", "x.md", "x.html", "x.docx", "x.pdf", "x.csv");
    const zipLike = fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b]));
    await fc.assert(
      fc.asyncProperty(name, fc.oneof(fc.uint8Array({ maxLength: 300 }), zipLike), async (n, bytes) => {
        await readsOrRefuses(() => readSingleFile(n, bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("answer any tag soup in an .html file with a draft or an IngestError", async () => {
    const soup = fc
      .array(
        fc.constantFrom(
          "<html>",
          "<body>",
          "</body>",
          "<p>",
          "</p>",
          "<article>",
          "<script>",
          "</script>",
          "<!--",
          "-->",
          "<title>",
          "&amp;",
          "<",
          ">",
          "Words here.",
          " ",
          "\n",
        ),
        { maxLength: 40 },
      )
      .map((parts) => encode(parts.join("")));
    await fc.assert(
      fc.asyncProperty(soup, async (bytes) => {
        await readsOrRefuses(() => readSingleFile("x.html", bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("read every paragraph of a generated Word document, or refuse it, never crash", async () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(word, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 40 }),
        async (paragraphs, cut) => {
          const docx = await docxWithBody(paragraphs.map((p) => `<w:p><w:r><w:t>${p.join(" ")}</w:t></w:r></w:p>`).join(""));
          const draft = await readSingleFile("x.docx", docx);
          expect(draft.raw.trim().split("\n\n")).toEqual(paragraphs.map((p) => p.join(" ")));
          await readsOrRefuses(() => readSingleFile("x.docx", docx.subarray(0, Math.max(4, docx.length - cut - 1))));
        },
      ),
      { numRuns: 60 },
    );
  });
});
