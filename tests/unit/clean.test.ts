import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { clean, htmlToText } from "@/lib/engine/clean";
import { hasShared, readJsonl } from "../support/shared-data";

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`, "utf8");
const seed = fixture("seed-statement.txt");
const UNGD = "ungd/ungd-dev.jsonl.gz";
const US_RU = "us-ru-statements/us-ru-statements-dev.jsonl.gz";

describe("clean: the seed statement (a scraped State Department page)", () => {
  const { text, removed } = clean(seed);

  it("starts at the headline, with the page furniture gone and recorded", () => {
    expect(text.startsWith("U.S. - Azerbaijani Relations\n\n")).toBe(true);
    expect(removed).toEqual([
      { line: "Accessibility links", reason: "page furniture" },
      { line: "Breaking News", reason: "page furniture" },
      { line: "U.S. Under Secretary of State William Burns", reason: "doubled line" },
    ]);
  });

  it("keeps the photo caption once and every body paragraph, one blank line apart", () => {
    expect(text.split("U.S. Under Secretary of State William Burns").length - 1).toBe(1);
    const body = seed.split("\n").filter((l) => l.length > 60);
    expect(body).toHaveLength(8);
    for (const paragraph of body) expect(text).toContain(paragraph.trim());
    expect(text.split("\n\n")).toHaveLength(10);
    expect(text).not.toMatch(/\n{3}|[ \t]\n|\n[ \t]/);
  });
});

describe("clean: UN General Debate records", () => {
  it("strips OCR paragraph numbers (82.\\t) and keeps the paragraphs they opened", () => {
    const { text, removed } = clean(fixture("ungd-ocr-numbered.txt"));
    expect(text).not.toMatch(/^\d+\.\s/m);
    expect(text).toContain("\n\nSixteen years have passed since the United Nations was born.");
    expect(removed.filter((r) => r.reason === "paragraph number").map((r) => r.line)).toEqual(["30.", "31.", "32."]);
  });

  it("strips numbers written with a space when the record is numbered throughout, and a lone page number", () => {
    const record =
      "131. The blocs grew.\n132. Be that as it may, the\n411\nvarious groups met.\n133. At the same time the new awakening came.";
    expect(clean(record).text).toBe(
      "The blocs grew.\n\nBe that as it may, the various groups met.\n\nAt the same time the new awakening came.",
    );
  });

  it("drops the form feed, job number and running header of a PDF page break and rejoins the sentence across it", () => {
    const { text, removed } = clean(fixture("ungd-form-feed.txt"));
    expect(text).toContain("The world of today is more closely interconnected than ever before.");
    expect(removed).toEqual([
      { line: "15-29658 37/55", reason: "running header or footer" },
      { line: "A/70/PV.22 01/10/2015", reason: "running header or footer" },
    ]);
    expect(text).not.toContain("\f");
  });

  it("unwraps a hard-wrapped 1993 speech into paragraphs and drops its recurring page headers", () => {
    const { text } = clean(fixture("ungd-pdf-wrapped.txt"));
    const paragraphs = text.split("\n\n");
    expect(paragraphs[0]).toMatch(/^Permit me, first of all, to congratulate Ambassador Insanally .* foreseeable future\.$/);
    expect(paragraphs[1]).toMatch(/^Our appreciation is also extended to His Excellency Stoyan Ganev, .* session of the Assembly\.$/);
    expect(paragraphs.length).toBeGreaterThanOrEqual(6);
    expect(text).toContain("A whole generation of Afghans has no experience of normal life");
  });

  it('drops "(spoke in French)" notes of the verbatim record', () => {
    expect(clean("(spoke in French)\nI thank you, Mr. President.").text).toBe("I thank you, Mr. President.");
  });
});

describe.skipIf(!hasShared(UNGD))(`clean: the whole UN General Debate corpus (skipped without ../shared/data/${UNGD})`, () => {
  let speeches: { id: string; text: string }[] = [];
  beforeAll(() => {
    speeches = readJsonl<{ id: string; text: string }>(UNGD);
  });

  it("leaves no OCR paragraph number at the start of a paragraph", () => {
    for (const s of speeches) expect(clean(s.text).text, s.id).not.toMatch(/(^|\n\n)\d{1,3}\.\t/);
  });

  it("drops the running headers of the hard-wrapped 1993 Afghan speech", () => {
    const speech = speeches.find((s) => s.id === "AFG_48_1993")!;
    const { text, removed } = clean(speech.text);
    expect(removed.filter((r) => r.reason === "running header or footer").length).toBe(4);
    expect(text).not.toMatch(/General Assembly - Forty-eighth session|Forty-eighth session - \d/);
  });
});

describe("clean: kremlin.ru pages", () => {
  it("drops the licence notice and the site footer and keeps every line of the interview", () => {
    const raw = fixture("kremlin-interview.txt");
    const { text, removed } = clean(raw);
    expect(text.startsWith("С.Доренко: Владимир Владимирович")).toBe(true);
    expect(text).not.toMatch(/Creative Commons|Текстовая версия|Ссылка на материал|kremlin\.ru\/events/);
    expect(removed.find((r) => r.line.startsWith("Дата публикации"))?.line).toBe("Дата публикации: 15 января 2000 года, 14:53");
    expect(text).toContain("В.Путин: Во‑первых, по Конституции");
  });
});

describe("clean: PDFs and pasted text", () => {
  it("drops running headers and page numbers of PDF pages and rejoins hard-wrapped lines", () => {
    const page = (n: number, body: string) => `Ministry of Foreign Affairs — Press Service\n${body}\nPage ${n} of 3`;
    const pdf = [
      page(1, "The Minister met his counterpart\nand discussed energy."),
      page(2, "Both sides agreed."),
      page(3, "The talks will resume."),
    ].join("\f");
    const cleaned = clean(pdf);
    expect(cleaned.text).toBe("The Minister met his counterpart and discussed energy.\n\nBoth sides agreed.\n\nThe talks will resume.");
    expect(cleaned.removed.filter((r) => r.reason === "running header or footer")).toHaveLength(3);
    expect(cleaned.removed.filter((r) => r.reason === "page number")).toHaveLength(3);
  });

  it("normalises quotes, apostrophes, spaces and line ends", () => {
    expect(clean("\u201CWe agree,\u201D  he said\u00A0today.\r\nIt\u2019s done\u2026  ").text).toBe(
      '"We agree," he said today.\n\nIt\'s done...',
    );
  });

  it("drops share bars, breadcrumbs and skip links but keeps short replies that repeat", () => {
    const page =
      "Skip to main content\nHome > Press > Releases\nShare\nTweet\nEmail this page\nFacebook | Twitter | LinkedIn\nQ: Is it over?\nOkay.\nOkay.";
    expect(clean(page).text).toBe("Q: Is it over?\n\nOkay.\n\nOkay.");
  });

  it("leaves clean text alone", () => {
    expect(clean("One.\n\nTwo.").text).toBe("One.\n\nTwo.");
    expect(clean("").text).toBe("");
  });

  describe.skipIf(!hasShared(US_RU))(`on the US/Russian statements (skipped without ../shared/data/${US_RU})`, () => {
    it("strips the archived state.gov banner and navigation", () => {
      const docs = readJsonl<{ text: string }>("us-ru-statements/us-ru-statements-dev.jsonl.gz");
      const archived = docs.filter((d) => d.text.startsWith("Official websites use .gov"));
      expect(archived.length).toBeGreaterThan(0);
      for (const doc of archived)
        expect(clean(doc.text).text).not.toMatch(/^(Official websites|Secure \.gov|Policy Issues|Bureaus & Offices)/m);
    });
  });
});

describe("htmlToText", () => {
  it("keeps paragraphs, decodes entities and never keeps script, style or navigation", () => {
    const html = `<nav>Home | News</nav><script>alert("x")</script><h1>Readout</h1><p>Talks &amp; progress&nbsp;on&#160;energy.</p><p>Second<br>line</p><style>p{}</style>`;
    expect(htmlToText(html)).toBe("Readout\n\nTalks & progress on energy.\n\nSecond\nline");
  });

  it("decodes accented and numeric entities and drops footers and comments", () => {
    const html = `<!-- tracking --><article><h2>Visite &agrave; Bakou</h2><p>C&ocirc;te d&rsquo;Ivoire &#x2014; S&eacute;n&eacute;gal</p></article><footer>© 2024</footer>`;
    expect(htmlToText(html)).toBe("Visite à Bakou\n\nCôte d'Ivoire — Sénégal");
  });
});

describe("character normalising in one pass", () => {
  it("makes every special character plain, as the old chain of replacements did", () => {
    const raw =
      "\uFEFFa\u00A0b\u2003c\u200Bd\u00ADe \u2018q\u2019 \u201Cd\u201D \u00ABg\u00BB \u2032\u2033 wait\u2026\r\nnext\rline\u2028sep\u2029par\u000Bvt\u205F\u3000\u202Fend\u2060.";
    // The expected text is what the chain of nine replacements gave (commit 892f467).
    expect(clean(raw).text).toBe('a b cde \'q\' "d" "g" \'" wait...\n\nnext line sep par vt end.');
  });
});
