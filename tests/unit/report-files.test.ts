import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { seriesCsv, statementsCsv } from "@/lib/export/report-csv";
import { reportFilename } from "@/lib/export/report-files";
import { reportPdf } from "@/lib/export/report-pdf";
import { reportXlsx } from "@/lib/export/report-xlsx";
import { HOSTILE, inBatches, sampleReport, sampleStatementRows } from "../support/report-model";
import { libreOfficeSheetCsv, pdfImageCount, pdfPageCount, pdfText, renderPdfPage, SOFFICE } from "../support/readers";

const model = sampleReport();
const SERIES_HEADERS = [
  "pair",
  "theme",
  "period",
  "statements",
  "passages",
  "speaker_statements",
  "speaker_passages",
  "pair_statements",
  "pair_passages",
  "tone_mean",
  "tone_low",
  "tone_high",
  "tone_statements",
  "tone_passages",
  "tone_low_evidence",
] as const;
const xlsxBytes = async () => new Uint8Array(await new Response(reportXlsx(model, inBatches(sampleStatementRows()))).arrayBuffer());

describe("report CSV", () => {
  it("streams statements that round-trip through csv-parse, hostile cells neutralised, numbers left numbers", async () => {
    const text = await new Response(statementsCsv(inBatches(sampleStatementRows()))).text();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(rows[0]!.speaker_name).toBe("'@admin");
    expect(rows[0]!.tone).toBe("-1.5");
    expect(rows[0]!.source_url).toBe("-1.5");
    expect(rows[0]!.pairs).toBe("AZE>USA; AZE>ARM");
  });

  it("writes the series: one row per pair × theme × period, with coverage, gaps left empty (not zero), low-evidence tone marked", () => {
    const rows = parse(seriesCsv(model), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(model.series.reduce((n, s) => n + s.points.length, 0));
    expect(Object.keys(rows[0]!)).toEqual([...SERIES_HEADERS]);
    expect(rows.some((r) => r.tone_mean === "")).toBe(true);
    expect(rows.some((r) => Number(r.tone_mean) < 0)).toBe(true);
    const gap = rows.filter((r) => r.period === "2005");
    expect(gap.length).toBe(4);
    for (const r of gap) expect([r.statements, r.passages, r.tone_mean, r.speaker_statements]).toEqual(["", "", "", "0"]);
    const covered = rows.find((r) => r.period === "2001")!;
    expect(covered.speaker_statements).toBe("10");
    expect(rows.filter((r) => r.tone_low_evidence === "yes").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.tone_low_evidence === "no").length).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.tone_low_evidence === "yes")) expect(Number(r.tone_statements)).toBeLessThan(3);
  });

  it("names files from the report's name only", () => {
    expect(reportFilename('Caucasus "brief"\r\nX-Evil: 1', "pdf")).toBe("caucasus-brief-x-evil-1.pdf");
    expect(reportFilename("", "csv-series")).toBe("dyad-report.series.csv");
  });
});

describe("report XLSX", () => {
  it("is read back by exceljs: sheets, typed cells, frozen headers, filters, neutralised text", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxBytes()).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Series", "Statements", "Passages", "Tone", "Codebook"]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
    }
    const statements = workbook.getWorksheet("Statements")!;
    expect(statements.autoFilter).toBe(`A1:K${HOSTILE.length + 1}`);
    // XML turns a CR into a line feed on reading; the apostrophe in front is what matters
    expect(HOSTILE.map((_, i) => String(statements.getCell(i + 2, 4).value).replace(/\n/g, "\r"))).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(statements.getCell("J2").value).toBe(-1.5); // tone: a real negative number stays a number
    expect(statements.getCell("K2").value).toBe("-1.5"); // a text column holding "-1.5" is harmless text
    expect(statements.getCell("B2").value).toEqual(new Date("2005-01-15T00:00:00Z"));
    expect(statements.getCell("A2").value).toBe(1);
    const series = workbook.getWorksheet("Series")!;
    expect(series.getRow(1).values).toEqual([undefined, "pair", "theme", "period", "period_start", ...SERIES_HEADERS.slice(3)]);
    const tone = workbook.getWorksheet("Tone")!;
    expect(tone.getRow(1).values).toEqual([
      undefined,
      "pair",
      "theme",
      "statements",
      "passages",
      "tone_mean",
      "tone_low",
      "tone_high",
      "tone_statements",
      "tone_passages",
      "tone_low_evidence",
    ]);
    // one statement still gives a tone, marked as low evidence
    expect(tone.getRow(4).values).toEqual([undefined, "ARM→AZE", "Energy security", 1, 1, 0.25, 0.25, 0.25, 1, 1, "yes"]);
    expect(series.getCell("D2").value).toEqual(new Date("2001-01-01T00:00:00Z"));
    expect(typeof series.getCell("E2").value).toBe("number");
    const summary = workbook.getWorksheet("Summary")!;
    const values = summary.getColumn(2).values;
    expect(values).toContain("2001-01-01 to 2008-12-31");
    expect(values).toContain(42);
    expect(summary.getColumn(1).values).toContain("Statements of these pairs with no date (in no period)");
    expect(values).toContain(2);
  });

  it.skipIf(!SOFFICE)(
    "is opened by LibreOffice headless, which runs none of the hostile cells",
    async () => {
      const csv = await libreOfficeSheetCsv(await xlsxBytes(), 3);
      const rows = parse(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
      expect(rows.length).toBe(HOSTILE.length);
      // LibreOffice shows each title as the text it is (no result of a formula, no error); it reads CR as a line break
      expect(rows.map((r) => r.title!.replace(/\r\n?|\n/g, "\r"))).toEqual(HOSTILE.map((h) => `'${h}`));
      expect(Number(rows[0]!.tone)).toBe(-1.5);
      expect(rows[0]!.date).toBe("2005-01-15");
    },
    180_000,
  );
  if (!SOFFICE) it("LibreOffice check skipped: soffice is not installed (apt-get install -y libreoffice-calc-nogui)", () => {});
});

describe("report PDF", () => {
  it("stamps the filters on the cover and carries every section's words (pdftotext)", async () => {
    const pdf = await reportPdf(model);
    const text = await pdfText(pdf);
    const cover = text.split("\f")[0]!;
    for (const stamp of [
      "Caucasus energy brief",
      "United States → Azerbaijan; Armenia → Azerbaijan",
      "Energy security; Nagorno-Karabakh",
      "2001-01-01 to 2008-12-31",
      "Codebook version",
      "Manager Mia",
    ]) {
      expect(cover).toContain(stamp);
    }
    for (const words of [
      "Top passages per theme",
      "Matthew Bryza (USA)",
      "2008-05-01",
      "https://2001-2009.state.gov/p/eur/rls/rm/2008/",
      "Нагорный Карабах",
      "Precision on the reviewed tags: 83.3%",
      "Codebook appendix",
      "food and energy security",
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/page 1 of \d+/);
    // nothing silently left out; thin tone marked; a gap is a gap
    expect(text).toMatch(/2 statements of these\s+pairs\s+are\s+undated/);
    expect(text).toMatch(/1\s+statement\s+of\s+these\s+speakers\s+names\s+no\s+counterpart/);
    expect(text).toMatch(/○ \+0\.25/);
    expect(text).toContain("A hollow point stands on fewer than 3 statements");
    expect(text).toMatch(/2005\s+gap\s+gap\s+gap/);
  });

  it('agrees in number: one of a thing is singular ("1 was accepted"), several are plural', async () => {
    const ones = {
      ...model,
      summary: { ...model.summary, statements: 1, passages: 1, tooCoarse: 1 },
      method: { ...model.method, tagger: { autoTags: 1, accepted: 1, rejected: 1, unreviewed: 1, humanTags: 1, precision: 0.5 } },
    };
    const text = (await pdfText(await reportPdf(ones))).replace(/\s+/g, " ");
    for (const words of [
      "1 statement on",
      "(1 passage)",
      "1 statement is dated only",
      "1 automatic tag,",
      "of which 1 was accepted",
      "1 is not yet reviewed",
      "1 tag was added by people",
    ]) {
      expect(text).toContain(words);
    }
    const many = (await pdfText(await reportPdf(model))).replace(/\s+/g, " ");
    for (const words of [
      "42 statements on",
      "(97 passages)",
      "120 automatic tags,",
      "of which 30 were accepted",
      "84 are not yet reviewed",
      "5 tags were added by people",
    ]) {
      expect(many).toContain(words);
    }
  });

  it("draws its charts as vector paths: no raster image inside, theme colours on the rendered chart page (pdftoppm)", async () => {
    const pdf = await reportPdf(model);
    expect(await pdfImageCount(pdf)).toBe(0);
    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(6);
    const text = await pdfText(pdf);
    const chartPage = text.split("\f").findIndex((page) => page.includes("Statements per year")) + 1;
    const rendered = await renderPdfPage(pdf, chartPage);
    expect(rendered.png.subarray(1, 4).toString()).toBe("PNG");
    expect(rendered.countColour([0x00, 0x72, 0xb2])).toBeGreaterThan(200); // energy security line and band
    expect(rendered.countColour([0xd5, 0x5e, 0x00])).toBeGreaterThan(200); // Nagorno-Karabakh
    const cover = await renderPdfPage(pdf, 1);
    expect(cover.countColour([0x00, 0x72, 0xb2])).toBe(0);
  });

  it("leaves out the sections a report does not ask for", async () => {
    const text = await pdfText(await reportPdf(sampleReport({ spec: { ...model.spec, sections: ["summary", "method"] } })));
    expect(text).toContain("Method notes");
    expect(text).not.toContain("Codebook appendix");
    expect(text).not.toContain("Statements per year");
  });
});
