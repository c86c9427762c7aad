import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/ingest/limits";
import { readSingleFile } from "@/lib/ingest/single-file";
import { docxWithBody, paragraph, withDeclaredSize } from "../support/docx";
import { ingestRefusal } from "../support/refusal";

/** Runs `work` and reports how long it took and how much the heap grew at most, sampled as it ran. */
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
    expect(ms).toBeLessThan(5_000);
    expect(heapGrowthMb).toBeLessThan(200);
  });

  it("refuses a small .docx that holds 100 MB of text as a decompression bomb", async () => {
    const docx = await docxWithBody(paragraph("a".repeat(100 * 1024 * 1024)));
    expect(docx.length).toBeLessThan(200 * 1024);
    const { result: error, ms } = await measured(() => ingestRefusal(readSingleFile("bomb.docx", docx)));
    expect(error.code).toBe("bomb");
    expect(error.message).toMatch(/^bomb\.docx expands to more than \d+ MB: refused as a possible decompression bomb\.$/);
    expect(ms).toBeLessThan(5_000);
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
