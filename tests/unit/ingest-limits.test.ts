import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bulkDrafts, previewBulk, readBulkRecords } from "@/lib/ingest/bulk";
import { LIMITS } from "@/lib/ingest/limits";
import { readSingleFile } from "@/lib/ingest/single-file";
import { docxWithBody, paragraph, withDeclaredSize } from "../support/docx";
import { ingestRefusal } from "../support/refusal";

/** Runs `work` and reports how long it took and how much the heap grew at most, sampled as it ran. Time bounds below are loose (a loaded CI machine) yet far under what the unguarded parsers took: 10 s for the million-column CSV, minutes for the .docx files. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; heapGrowthMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const start = Date.now();
  try {
    const result = await work();
    return { result, ms: Date.now() - start, heapGrowthMb: (Math.max(peak, process.memoryUsage().heapUsed) - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

describe("hostile .docx files (issue #14, finding 1)", () => {
  it("refuses 3 million empty paragraphs in a few hundred KB quickly, before mammoth parses them", async () => {
    const docx = await docxWithBody("<w:p/>".repeat(3_000_000));
    expect(docx.length).toBeLessThan(LIMITS.singleFileBytes);
    const { result: error, ms, heapGrowthMb } = await measured(() => ingestRefusal(readSingleFile("paragraphs.docx", docx)));
    expect(error.message).toMatch(/paragraphs\.docx (holds more than 200,000 XML tags|expands to more than)/);
    expect(ms).toBeLessThan(10_000);
    expect(heapGrowthMb).toBeLessThan(200);
  });

  it("refuses a small .docx that holds 100 MB of text as a decompression bomb", async () => {
    const docx = await docxWithBody(paragraph("a".repeat(100 * 1024 * 1024)));
    expect(docx.length).toBeLessThan(200 * 1024);
    const { result: error, ms } = await measured(() => ingestRefusal(readSingleFile("bomb.docx", docx)));
    expect(error.code).toBe("bomb");
    expect(error.message).toMatch(/^bomb\.docx expands to more than \d+ MB: refused as a possible decompression bomb\.$/);
    expect(ms).toBeLessThan(10_000);
  });

  it("refuses a part whose header understates its size, without inflating past what it declared", async () => {
    const honest = await docxWithBody(paragraph("b".repeat(30 * 1024 * 1024)));
    const lying = withDeclaredSize(honest, "word/document.xml", 1000);
    const error = await ingestRefusal(readSingleFile("lying.docx", lying));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/sizes do not match/);
  });

  it("refuses a .docx with more parts than a Word document has", async () => {
    const parts = Object.fromEntries(Array.from({ length: LIMITS.docxEntries }, (_, i) => [`customXml/item${i}.xml`, "<a/>"]));
    const error = await ingestRefusal(readSingleFile("parts.docx", await docxWithBody(paragraph("Hello."), parts)));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/holds 1,00\d parts; a Word document may hold at most 1,000/);
  });

  it("refuses more XML tags than the limit, however they are spread", async () => {
    const paragraphs = Array.from({ length: Math.ceil(LIMITS.docxXmlTags / 6) + 1 }, (_, i) => paragraph(`Paragraph ${i * 7919}.`));
    const docx = await docxWithBody(paragraphs.join(""));
    expect((await ingestRefusal(readSingleFile("tags.docx", docx))).message).toMatch(/more than 200,000 XML tags/);
  });

  it("still reads a long but ordinary document", async () => {
    const text = "The ministers discussed energy security and regional stability at length.";
    const docx = await docxWithBody(paragraph(text).repeat(5_000));
    const draft = await readSingleFile("long.docx", docx);
    expect(draft.raw.trim().split("\n\n")).toHaveLength(5_000);
  });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe("hostile bulk files (issue #14, finding 10)", () => {
  it("refuses a .jsonl.gz of millions of rows before parsing them", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `{"n":${i}}`).join("\n") + "\n";
    const gz = gzipSync(bytes(rows.repeat(3_000)), { level: 9 }); // 3 million rows, 27 MB, ~100 KB compressed
    const { result: error, ms, heapGrowthMb } = await measured(() => ingestRefusal(previewBulk("many.jsonl.gz", gz)));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("many.jsonl holds more than 1,000,000 rows; a bulk file may hold at most 1,000,000.");
    expect(ms).toBeLessThan(4_000);
    expect(heapGrowthMb).toBeLessThan(300);
  });

  it("refuses one row past the row limit instead of dropping it", async () => {
    const jsonl = "{}\n".repeat(LIMITS.bulkRows + 1);
    expect((await ingestRefusal(readBulkRecords("over.jsonl", bytes(jsonl)))).message).toMatch(/more than 1,000,000 rows/);
    const csv = "text\n" + "a\n".repeat(LIMITS.bulkRows + 1);
    expect((await ingestRefusal(readBulkRecords("over.csv", bytes(csv)))).message).toMatch(/more than 1,000,000 rows/);
    const json =
      "[" +
      Array(LIMITS.bulkRows + 1)
        .fill("{}")
        .join(",") +
      "]";
    expect((await ingestRefusal(readBulkRecords("over.json", bytes(json)))).message).toMatch(/more than 1,000,000 rows/);
  });

  it("hands on every row it is given: bulkDrafts never drops rows silently", async () => {
    const rows = Array.from({ length: LIMITS.bulkRows + 1 }, (_, i) => ({ rowNumber: i + 1, error: "x" }));
    let n = 0;
    for await (const row of bulkDrafts(rows, { text: "text" })) if (row) n++;
    expect(n).toBe(LIMITS.bulkRows + 1);
  });

  it("refuses a CSV with a million columns quickly", async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(",");
    const { result: error, ms } = await measured(() => ingestRefusal(previewBulk("wide.csv", bytes(`${header}\n1\n`))));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/^wide\.csv: (its header has more than 200 columns|line 1 is longer than 2,000,000 characters)/);
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses more columns or fields than the limit in every format", async () => {
    const names = Array.from({ length: LIMITS.bulkColumns + 1 }, (_, i) => `c${i}`);
    expect((await ingestRefusal(readBulkRecords("w.csv", bytes(`${names.join(",")}\n${names.join(",")}\n`)))).message).toBe(
      "w.csv: its header has more than 200 columns; a bulk file may have at most 200.",
    );
    const wide = JSON.stringify(Object.fromEntries(names.map((n) => [n, 1])));
    const rows = await readBulkRecords("w.jsonl", bytes(`{"text":"ok"}\n${wide}\n`));
    expect(rows).toEqual([
      { rowNumber: 1, record: { text: "ok" } },
      { rowNumber: 2, error: "has 201 fields; a row may have at most 200" },
    ]);
    expect((await ingestRefusal(readBulkRecords("w.json", bytes(`[${wide}]`)))).message).toBe(
      "w.json: object 1 has 201 fields; a row may have at most 200.",
    );
  });

  it("refuses a row longer than the limit, never keeping part of the file", async () => {
    const long = "x".repeat(LIMITS.bulkRowChars + 1);
    const csv = `text,year\nfirst,2001\n"${long}",2002\nthird,2003\n`;
    expect((await ingestRefusal(readBulkRecords("long.csv", bytes(csv)))).message).toBe(
      "long.csv: line 3 is longer than 2,000,000 characters, the limit for one row.",
    );
    const rows = await readBulkRecords("long.jsonl", bytes(`{"text":"first"}\n{"text":"${long}"}\n{"text":"third"}\n`));
    expect(rows).toEqual([
      { rowNumber: 1, record: { text: "first" } },
      { rowNumber: 2, error: "is longer than 2,000,000 characters, the limit for one row" },
      { rowNumber: 3, record: { text: "third" } },
    ]);
    expect((await ingestRefusal(readBulkRecords("long.json", bytes(`[{"text":"a"},{"text":"${long}"}]`)))).message).toBe(
      "long.json: object 2 is longer than 2,000,000 characters, the limit for one row.",
    );
  });
});

describe("request body limits (issue #14, finding 4)", () => {
  it("gives Next the same body limit as LIMITS, for server actions and for the proxy that would otherwise cut bodies at 10 MB", () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as {
      experimental: { serverActions: { bodySizeLimit: number }; proxyClientMaxBodySize: number };
    };
    expect(config.experimental.serverActions.bodySizeLimit).toBe(LIMITS.requestBytes);
    expect(config.experimental.proxyClientMaxBodySize).toBe(LIMITS.requestBytes);
    expect(LIMITS.requestBytes).toBeGreaterThan(LIMITS.singleFileBytes);
  });
});
