import { readFileSync } from "node:fs";
import { createGzip } from "node:zlib";
import { describe, expect, it } from "vitest";
import { clean, htmlToText } from "@/lib/engine/clean";
import { bulkDrafts, guessMapping, previewBulk, readBulkRecords, recordToDraft } from "@/lib/ingest/bulk";
import { LIMITS } from "@/lib/ingest/limits";
import { readSingleFile } from "@/lib/ingest/single-file";
import { hasShared, readJsonl, sharedFile, skipMessage } from "../support/shared-data";
import { ingestRefusal } from "../support/refusal";

const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/ingest/${name}`));

describe("single files", () => {
  it("reads a PDF page by page, so cleaning drops its running header and page numbers", async () => {
    const draft = await readSingleFile("statement.pdf", fixture("statement.pdf"));
    const text = clean(draft.raw).text;
    expect(text).toContain("The Minister met his counterpart from Georgia in Tbilisi.");
    expect(text).toContain("The talks will resume in Baku next month.");
    expect(text).not.toContain("Press Service");
    expect(text).not.toMatch(/Page \d of 3/);
  });

  it("reads a DOCX readout paragraph by paragraph", async () => {
    const draft = await readSingleFile("readout.docx", fixture("readout.docx"));
    const paragraphs = clean(draft.raw).text.split("\n\n");
    expect(paragraphs[0]).toBe("Readout of the Secretary's Meeting with Azerbaijani Foreign Minister");
    expect(paragraphs).toHaveLength(3);
  });

  it("takes the main text of an HTML page and never its scripts", async () => {
    const html = `<html><head><title>Joint Statement</title><script>window.evil = 1; alert("x")</script></head>
      <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article><h1>Joint Statement</h1>
      <p>The United States and Georgia reaffirm their strategic partnership and shared commitment to democracy and the rule of law.</p>
      <p>Both sides discussed energy security and regional stability in the South Caucasus at length.</p></article>
      <script>document.write("injected")</script><footer>Copyright</footer></body></html>`;
    const draft = await readSingleFile("page.html", bytes(html));
    expect(draft.title).toBe("Joint Statement");
    expect(draft.raw).toContain("strategic partnership");
    expect(draft.raw).not.toMatch(/alert|injected|window\.evil/);
  });

  it("reads an .html file of bare text without tags (found by the property tests: it was a server error)", async () => {
    const draft = await readSingleFile("bare.html", bytes("The ministers met in Baku."));
    expect(htmlToText(draft.raw)).toBe("The ministers met in Baku.");
  });

  it("refuses an oversized file before parsing it", async () => {
    const big = new Uint8Array(LIMITS.singleFileBytes + 1);
    expect((await ingestRefusal(readSingleFile("huge.txt", big))).code).toBe("too_large");
  });

  it("refuses a file whose content does not match its extension", async () => {
    expect((await ingestRefusal(readSingleFile("speech.txt", fixture("statement.pdf")))).message).toMatch(/looks like a PDF/);
    expect((await ingestRefusal(readSingleFile("speech.pdf", bytes("just text")))).code).toBe("wrong_type");
    expect((await ingestRefusal(readSingleFile("speech.exe", bytes("MZ")))).code).toBe("wrong_type");
  });

  it("refuses empty text and invalid UTF-8 with the offset of the bad byte", async () => {
    expect((await ingestRefusal(readSingleFile("empty.txt", new Uint8Array()))).code).toBe("empty");
    expect((await ingestRefusal(readSingleFile("blank.txt", bytes("  \n \n")))).code).toBe("empty");
    const broken = new Uint8Array([...bytes("Déclaration"), 0xff, 0xfe, ...bytes(" du ministre")]);
    const error = await ingestRefusal(readSingleFile("latin1.txt", broken));
    expect(error.code).toBe("invalid_utf8");
    expect(error.message).toContain("offset 12");
  });
});

describe("bulk files", () => {
  it("imports the other rows of a CSV with a broken row in the middle and reports it by line", async () => {
    const csv =
      'text,year,speaker_country_iso3\n"We welcome the agreement.",2001,USA\n"A broken "quoted" row",2002,USA\n"We support dialogue.",2003,RUS\n';
    const rows = await readBulkRecords("rows.csv", bytes(csv));
    const drafts = [];
    for await (const row of bulkDrafts(rows, guessMapping(["text", "year", "speaker_country_iso3"])!)) drafts.push(row);
    expect(drafts.filter((r) => "draft" in r)).toHaveLength(2);
    expect(drafts.find((r) => "error" in r)).toMatchObject({ rowNumber: 3, error: expect.stringMatching(/malformed CSV/) });
  });

  it("reports rows without text or with an impossible date, and keeps the rest", async () => {
    const jsonl = [
      '{"text":"We agree.","date":"2022-03-03"}',
      '{"text":"","date":"2022-03-04"}',
      '{"text":"Yes.","date":"March third"}',
      "not json",
      "[1,2]",
    ].join("\n");
    const rows = [];
    for await (const row of bulkDrafts(await readBulkRecords("x.jsonl", bytes(jsonl)), { text: "text", date: "date" })) rows.push(row);
    expect(rows.map((r) => ("error" in r ? r.error : "ok"))).toEqual([
      "ok",
      'no text in column "text"',
      'date "March third" is not YYYY-MM-DD, YYYY-MM or YYYY',
      expect.stringMatching(/^invalid JSON/),
      "not a JSON object",
    ]);
  });

  it("refuses JSON nested absurdly deep without overflowing the stack", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect((await ingestRefusal(readBulkRecords("deep.json", bytes(deep)))).code).toBe("too_deep");
  });

  it("stops a gzip bomb early", async () => {
    const gzip = createGzip({ level: 9 });
    const compressed: Buffer[] = [];
    gzip.on("data", (c: Buffer) => compressed.push(c));
    const done = new Promise((r) => gzip.on("end", r));
    const zeros = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 512; i++) gzip.write(zeros); // 512 MiB of zeros, about half a megabyte compressed
    gzip.end();
    await done;
    const bomb = new Uint8Array(Buffer.concat(compressed));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect((await ingestRefusal(readBulkRecords("bomb.jsonl.gz", bomb))).code).toBe("bomb");
  });

  it("previews the first rows with a guessed mapping", async () => {
    const preview = await previewBulk(
      "p.json",
      bytes(
        JSON.stringify([
          { body: "One.", year: 2001, country: "usa" },
          { body: "Two.", year: 2002, country: "rus" },
        ]),
      ),
    );
    expect(preview.mapping).toEqual({ text: "body", year: "year", speakerCountry: "country" });
    expect(preview.total).toBe(2);
    expect(recordToDraft(preview.rows[0]!, preview.mapping!)).toMatchObject({
      raw: "One.",
      date: "2001-01-01",
      datePrecision: "year",
      speakerCountry: "USA",
    });
  });
});

describe.each([
  ["ungd/ungd-dev.jsonl.gz", 644],
  ["unscon/unscon-dev.jsonl.gz", 133],
  ["us-ru-statements/us-ru-statements-dev.jsonl.gz", 149],
])("the corpus %s", (file, count) => {
  it.skipIf(!hasShared(file))(`maps without hand-editing and every row becomes a draft (${skipMessage(file)})`, async () => {
    const rows = await readBulkRecords(file.split("/")[1]!, new Uint8Array(readFileSync(sharedFile(file))));
    const columns = Object.keys(("record" in rows[0]! && rows[0].record) || {});
    const mapping = guessMapping(columns)!;
    expect(mapping.text).toBe("text");
    expect(mapping.speakerCountry).toBeDefined();
    const drafts = [];
    for await (const row of bulkDrafts(rows, mapping)) drafts.push(row);
    expect(drafts.filter((r) => "error" in r)).toEqual([]);
    expect(drafts).toHaveLength(count);
  });
});

describe.skipIf(!hasShared("us-ru-statements/us-ru-statements-dev.jsonl.gz"))("Russian statements", () => {
  it("arrive intact, Cyrillic and all", async () => {
    const original = readJsonl<{ language: string; text: string }>("us-ru-statements/us-ru-statements-dev.jsonl.gz").filter(
      (d) => d.language === "ru",
    );
    const rows = await readBulkRecords(
      "x.jsonl.gz",
      new Uint8Array(readFileSync(sharedFile("us-ru-statements/us-ru-statements-dev.jsonl.gz"))),
    );
    const texts = rows.flatMap((r) => ("record" in r && r.record.language === "ru" ? [String(r.record.text)] : []));
    expect(texts).toEqual(original.map((d) => d.text));
    expect(texts[0]).toMatch(/\p{Script=Cyrillic}{5}/u);
  });
});
