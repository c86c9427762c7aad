import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libreOfficeSheetCsv, pdfImageCount, pdfText, renderPdfPage, SOFFICE } from "../support/readers";
import { appAndBrowser } from "./support/suite";

const NAME = "Caucasus brief";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const e2e = appAndBrowser();

async function download(page: Page, link: ReturnType<Page["getByRole"]>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describe("a manager builds, previews, saves and downloads a report", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await e2e.signIn("manager"));
  });
  afterAll(() => context?.close());

  it("builds and previews a report from the demo data", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    const builder = page.getByRole("form", { name: "Report builder" });
    await builder.getByLabel("Report name").fill(NAME);
    await builder.getByLabel("Country pair (speaker → counterpart)").fill("ARM>AZE");
    await builder.getByLabel("Compare with pair 2").fill("AZE>ARM");
    await builder.getByLabel("From").fill("1992-01-01");
    await builder.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("report-preview").waitFor();
    expect(await page.getByRole("heading", { level: 2, name: NAME }).count()).toBe(1);
    const summary = await page.getByTestId("report-summary").textContent();
    expect(Number(/^([\d,]+) statements/.exec(summary ?? "")?.[1]?.replace(/,/g, ""))).toBeGreaterThan(10);
    await page.locator("[data-testid=chart-point]").first().waitFor({ state: "attached" }); // odd years only: points, and lines broken by gaps
    expect(await page.getByTestId("report-passage").count()).toBeGreaterThan(3);
    expect(await page.getByTestId("report-passage").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Karabakh|Karabagh/i)]),
    );
    expect(await page.getByTestId("report-tone").locator("tbody tr").count()).toBe(8); // 2 pairs × 4 themes
  });

  it("downloads a preview chart like the dashboard's: a PNG that decodes and a CSV of exactly the chart's points", async () => {
    const preview = page.getByTestId("report-preview");
    const title = "Armenia → Azerbaijan: Statements per year";
    const chart = preview.locator("figure.chart-export", { has: page.getByRole("group", { name: `Download: ${title}` }) });
    await chart.locator("[data-testid=chart-point]").first().waitFor({ state: "attached" });
    const dotsOnScreen = await chart.locator("[data-testid=chart-point]").count();
    const downloads = chart.getByRole("group", { name: `Download: ${title}` });

    const png = await download(page, downloads.getByRole("button", { name: "PNG" }));
    expect(png.name).toBe("armenia-azerbaijan-statements-per-year.png");
    expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const box = (await chart.locator(".recharts-wrapper > svg").boundingBox())!;
    expect(png.bytes.readUInt32BE(16)).toBe(2 * Math.round(box.width)); // IHDR width: the chart at twice its size
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(2 * Math.round(box.height)); // plus title, legend and source
    const decoded = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    }, png.bytes.toString("base64"));
    expect(decoded.width).toBe(2 * Math.round(box.width));

    const csv = parse((await download(page, downloads.getByRole("button", { name: "CSV" }))).bytes.toString("utf8"), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv).toHaveLength(dotsOnScreen);
    // exactly the report's covered points of that pair: period, theme and count
    const href = (await page.getByRole("link", { name: "JSON" }).getAttribute("href"))!;
    const model = (await (await page.request.get(href)).json()) as {
      series: { pair: string; theme: string; points: { period: string; covered: boolean; statements: number }[] }[];
    };
    const expected = model.series
      .filter((s) => s.pair === "ARM→AZE")
      .flatMap((s) => s.points.filter((p) => p.covered).map((p) => `${p.period} ${s.theme} ${p.statements}`));
    expect(csv.map((r) => `${r.period} ${r.theme} ${r.value}`).sort()).toEqual(expected.sort());
  });

  it("downloads a PDF that poppler reads: filters stamped on the cover, vector charts, the preview's words", async () => {
    const said = [
      ...(await page.getByTestId("report-summary").allTextContents()),
      ...(await page.getByTestId("report-method").allTextContents()),
    ];
    expect(said.join(" ")).toContain("AFINN-165");
    const { name, bytes } = await download(page, page.getByRole("link", { name: "PDF", exact: true }));
    expect(name).toBe("caucasus-brief.pdf");
    const text = await pdfText(bytes);
    const bare = (t: string) => t.replace(/\s+/g, "");
    for (const sentence of said) expect(bare(text)).toContain(bare(sentence));
    const cover = text.split("\f")[0]!;
    for (const stamp of [NAME, "Armenia → Azerbaijan; Azerbaijan → Armenia", "1992-01-01 to latest", "Nagorno-Karabakh", "Manager"])
      expect(cover).toContain(stamp);
    expect(text).toContain("Method notes");
    expect(await pdfImageCount(bytes)).toBe(0);
    const chartPage = text.split("\f").findIndex((p) => p.includes("Statements per year")) + 1;
    expect(chartPage).toBeGreaterThan(1);
    const rendered = await renderPdfPage(bytes, chartPage);
    expect(rendered.png.length).toBeGreaterThan(5000);
  });

  it("downloads an XLSX that exceljs and LibreOffice open", async () => {
    const { name, bytes } = await download(page, page.getByRole("link", { name: "Excel (XLSX)" }));
    expect(name).toBe("caucasus-brief.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const statements = workbook.getWorksheet("Statements")!;
    expect(statements.rowCount).toBeGreaterThan(10);
    expect(statements.getCell("B2").value).toBeInstanceOf(Date);
    if (!SOFFICE) {
      console.warn("LibreOffice check skipped: soffice is not installed (apt-get install -y libreoffice-calc-nogui)");
      return;
    }
    const csv = parse(await libreOfficeSheetCsv(new Uint8Array(bytes), 3), { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(statements.rowCount - 1);
    expect(csv[0]!.pairs).toMatch(/ARM>AZE|AZE>ARM/);
  }, 200_000);

  it("downloads both CSVs and the JSON, each read back by its parser", async () => {
    const statementsCsv = await download(page, page.getByRole("link", { name: "CSV: statements" }));
    const rows = parse(statementsCsv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => /ARM>AZE|AZE>ARM/.test(r.pairs!))).toBe(true);
    const seriesCsv = await download(page, page.getByRole("link", { name: "CSV: series" }));
    const series = parse(seriesCsv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(series.map((r) => r.pair))).toEqual(new Set(["ARM→AZE", "AZE→ARM"]));
    const json = JSON.parse((await download(page, page.getByRole("link", { name: "JSON" }))).bytes.toString("utf8"));
    expect(json.name).toBe(NAME);
    expect(json.summary.statements).toBe(rows.length);
  });

  it("saves the report, runs it again from the list, and deletes it", async () => {
    await page.getByLabel("Save as").fill(NAME);
    await page.getByRole("button", { name: "Save report" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.reload();
    const saved = page.getByTestId("saved-reports");
    await saved.getByRole("link", { name: NAME, exact: true }).click();
    await page.waitForURL("**/reports?report=*");
    await page.getByTestId("report-preview").waitFor();
    const href = (await saved.getByRole("link", { name: `${NAME}: PDF` }).getAttribute("href"))!;
    const direct = await context.request.get(href);
    expect(`${direct.status()} ${direct.headers()["content-type"]}`, await direct.text().catch(() => "")).toBe("200 application/pdf");
    const { bytes } = await download(page, saved.getByRole("link", { name: `${NAME}: PDF` }));
    expect(await pdfText(bytes)).toContain("Armenia → Azerbaijan");
    await page
      .getByLabel("Save as")
      .count()
      .then((n) => expect(n).toBe(0)); // a saved report is not saved twice
    await saved.getByRole("button", { name: `Delete ${NAME}` }).click();
    await page.getByText("None yet: preview a report and save it.").waitFor();
  });
});

describe.each(["analyst", "staff"] as const)("a %s", (role) => {
  it("has no Reports link, is refused on the page and by every export format", async () => {
    const { context, page } = await e2e.signIn(role);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).count()).toBe(0);
    await page.goto("/reports");
    expect(await page.locator(".error[role=alert]").textContent()).toContain("Reports are for managers");
    for (const format of ["pdf", "xlsx", "csv-statements", "csv-series", "json"]) {
      const response = await context.request.get(`/api/reports/export?pair=ARM>AZE&theme=nagorno-karabakh&format=${format}`);
      expect(response.status(), format).toBe(403);
      expect(await response.text()).not.toContain("Karabakh");
      expect((await context.request.get(`/api/reports/export?report=1&format=${format}`)).status()).toBe(403);
    }
    await context.close();
  });
});
