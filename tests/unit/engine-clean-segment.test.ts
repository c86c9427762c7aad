import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean, htmlToText } from "@/lib/engine/clean";
import { segment } from "@/lib/engine/segment";

const seed = readFileSync("tests/fixtures/seed-statement.txt", "utf8");

describe("clean", () => {
  const { text, removed } = clean(seed);

  it("starts the seed statement at its headline, without the page furniture", () => {
    expect(text.startsWith("U.S. - Azerbaijani Relations\n\n")).toBe(true);
    expect(text).not.toContain("Accessibility links");
    expect(text).not.toContain("Breaking News");
    expect(removed.map((r) => r.reason)).toEqual(expect.arrayContaining(["page furniture", "doubled line"]));
  });

  it("keeps the photo caption once and every paragraph of the body", () => {
    expect(text.split("U.S. Under Secretary of State William Burns\n").length - 1).toBe(1);
    const bodyParagraphs = seed.split("\n").filter((l) => l.length > 60);
    expect(bodyParagraphs.length).toBeGreaterThanOrEqual(8);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph.trim());
  });

  it("drops OCR paragraph numbers from UN records", () => {
    const ungd = "We are confident of progress.\n285.\tI take this opportunity to point out that relations are friendly.";
    expect(clean(ungd).text).toBe("We are confident of progress.\n\nI take this opportunity to point out that relations are friendly.");
  });

  it("drops running headers and page numbers of PDF pages and rejoins hard-wrapped lines", () => {
    const page = (n: number, body: string) => `Ministry of Foreign Affairs — Press Service\n${body}\nPage ${n} of 3`;
    const pdf = [page(1, "The Minister met his counterpart\nand discussed energy."), page(2, "Both sides agreed."), page(3, "The talks will resume.")].join("\f");
    const cleaned = clean(pdf);
    expect(cleaned.text).toBe("The Minister met his counterpart and discussed energy.\n\nBoth sides agreed.\n\nThe talks will resume.");
    expect(cleaned.removed.filter((r) => r.reason === "running header or footer")).toHaveLength(3);
  });

  it("normalises quotes and spaces", () => {
    expect(clean("\u201CWe agree,\u201D  he said\u00A0today.").text).toBe('"We agree," he said today.');
  });
});

describe("htmlToText", () => {
  it("keeps paragraphs, decodes entities and never keeps script or navigation", () => {
    const html = `<nav>Home | News</nav><script>alert("x")</script><h1>Readout</h1><p>Talks &amp; progress&nbsp;on&#160;energy.</p><p>Second<br>line</p><style>p{}</style>`;
    expect(htmlToText(html)).toBe("Readout\n\nTalks & progress on energy.\n\nSecond\nline");
  });
});

describe("segment", () => {
  const { text } = clean(seed);
  const passages = segment(text);

  it("makes one passage per paragraph, with offsets into the text", () => {
    expect(passages).toHaveLength(10);
    expect(text.slice(passages[0]!.start, passages[0]!.end)).toBe("U.S. - Azerbaijani Relations");
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(text.slice(p.start, p.end).trim());
  });

  it("does not split sentences at U.S., Mr. or an initial", () => {
    const sixth = passages[5]!;
    const sentences = sixth.sentences.map((s) => text.slice(s.start, s.end));
    expect(sentences).toEqual([
      "To meet these challenges, the U.S. wants closer ties and broader cooperation with Azerbaijan.",
      expect.stringMatching(/^Mr\. Burns told Azerbaijan's future diplomats .* global security\.$/),
    ]);
    expect(segment("Gen. W. Smith arrived. He spoke.")[0]!.sentences).toHaveLength(2);
  });
});
