import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { pdfFonts } from "@/lib/export/pdf-fonts";
import { reportPdf } from "@/lib/export/report-pdf";
import { reportText } from "@/lib/export/report-text";
import { reportXlsx } from "@/lib/export/report-xlsx";
import { inBatches, sampleReport, sampleStatementRows } from "../support/report-model";
import { libreOfficeSheetCsv, pdfText, scratch, SOFFICE } from "../support/readers";

const oneLine = (text: string) => text.replace(/\s+/g, " ");
const model = sampleReport();

describe("reportText: the words of a report, written once", () => {
  it("the PDF carries every sentence the preview shows (pdftotext)", async () => {
    const ones = sampleReport({
      summary: { ...model.summary, statements: 1, passages: 1, tooCoarse: 1, undated: 1, unpaired: 1 },
      method: { ...model.method, tagger: { autoTags: 1, accepted: 1, rejected: 1, unreviewed: 1, humanTags: 1, precision: 0.5 } },
    });
    for (const report of [model, ones]) {
      const text = reportText(report);
      const pdf = oneLine(await pdfText(await reportPdf(report)));
      const sentences = [
        text.title,
        text.sections,
        text.summary,
        text.leftOut,
        text.toneIntro,
        ...text.method,
        text.generated,
        text.codebookIntro,
        text.chartNote(true),
      ];
      for (const sentence of sentences.filter(Boolean)) expect(pdf).toContain(oneLine(sentence));
      for (const [label, value] of text.filters) expect(pdf).toContain(`${label} ${value}`);
    }
    expect(reportText(ones).method.join(" ")).toContain("of which 1 was accepted");
    expect(reportText(ones).leftOut).toContain("1 statement of these speakers names no counterpart");
  });

  it("describes the tone engine as it is: lexicon and patterns, AFINN-165 filling gaps, a fitted model, overrides, addressed vs passing", () => {
    const method = reportText(model).method.join(" ");
    for (const words of [
      "lexicon and patterns",
      "AFINN-165 word list filling its gaps",
      "logistic model fitted",
      "replaces the machine's",
      "named in passing",
      "one cluster",
    ]) {
      expect(method).toContain(words);
    }
    expect(method).not.toContain("normal approximation");
  });
});

describe("Cyrillic in the files", () => {
  const russian = sampleReport({
    name: "Азербайджан осуждает провокацию",
    passages: [
      {
        theme: "nagorno-karabakh",
        passages: [
          {
            statementId: 7,
            title: "Заявление МИД Азербайджана",
            date: "2023-09-20",
            speaker: "Мария Захарова",
            speakerCountry: "RUS",
            sourceUrl: null,
            text: "Азербайджан осуждает провокацию на линии соприкосновения в Нагорном Карабахе.",
            tone: -0.5,
            confidence: 0.9,
          },
        ],
      },
    ],
  });
  const rows = sampleStatementRows().map((row, i) => ({
    ...row,
    title: i === 0 ? "Азербайджан осуждает провокацию" : row.title,
    speakerName: "Мария Захарова",
  }));

  it("embeds the shipped DejaVu Sans, whatever fonts the system has, and falls back to it from a wrong DYAD_PDF_FONT", () => {
    expect(pdfFonts({}).regular).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(pdfFonts({}).bold).toMatch(/DejaVuSans-Bold\.ttf$/);
    expect(pdfFonts({ DYAD_PDF_FONT: "/no/such/font.ttf" }).regular).toMatch(/dejavu-fonts-ttf/);
    const chosen = pdfFonts({}).bold;
    expect(pdfFonts({ DYAD_PDF_FONT: chosen })).toEqual({ regular: chosen, bold: chosen });
  });

  it("prints a Russian title and passage in the PDF: pdftotext reads the Cyrillic words back, the font is embedded", async () => {
    const pdf = await reportPdf(russian);
    const text = oneLine(await pdfText(pdf));
    expect(text).toContain("Азербайджан осуждает провокацию");
    expect(text).toContain("на линии соприкосновения в Нагорном Карабахе");
    expect(text).toContain("Мария Захарова (RUS)");
    const { dir, remove } = scratch();
    try {
      writeFileSync(path.join(dir, "r.pdf"), pdf);
      const { stdout } = await promisify(execFile)("pdffonts", [path.join(dir, "r.pdf")]);
      const fonts = stdout.split("\n").slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/); // embedded, subset, with a ToUnicode map
    } finally {
      remove();
    }
  });

  const xlsx = async () => new Uint8Array(await new Response(reportXlsx(russian, inBatches(rows))).arrayBuffer());

  it("writes Russian text into the XLSX that exceljs reads back unchanged", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx()).buffer);
    expect(workbook.getWorksheet("Summary")!.getColumn(2).values).toContain("Азербайджан осуждает провокацию");
    expect(workbook.getWorksheet("Statements")!.getCell("D2").value).toBe("Азербайджан осуждает провокацию");
    expect(workbook.getWorksheet("Statements")!.getCell("E2").value).toBe("Мария Захарова");
    const passages = workbook.getWorksheet("Passages")!;
    const cells = passages.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells).toContain("Азербайджан осуждает провокацию на линии соприкосновения в Нагорном Карабахе.");
  });

  it.skipIf(!SOFFICE)(
    "shows the same Cyrillic text when LibreOffice opens the XLSX",
    async () => {
      const csv = parse(await libreOfficeSheetCsv(await xlsx(), 3), { columns: true, relax_column_count: true }) as Record<
        string,
        string
      >[];
      expect(csv[0]!.title).toBe("Азербайджан осуждает провокацию");
      expect(csv[0]!.speaker_name).toBe("Мария Захарова");
    },
    180_000,
  );
  if (!SOFFICE) it("LibreOffice check skipped: soffice is not installed (apt-get install -y libreoffice-calc-nogui)", () => {});
});
