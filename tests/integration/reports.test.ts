import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStatementDraft } from "@/lib/boot/seed";
import { auditLog, reportDefinitions } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { deleteReport, getReport, listReports, saveReport } from "@/lib/dal/report-definitions";
import { exportStatements } from "@/lib/dal/exports";
import { buildReport, exportReport, openReportStatements } from "@/lib/dal/reports";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { statementsCsv } from "@/lib/export/report-csv";
import { reportXlsx } from "@/lib/export/report-xlsx";
import { reportSpecSchema, type ReportSpec } from "@/lib/export/report-spec";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { TestDatabase } from "../support/db";
import { TEST_DRIVERS } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";
import { HOSTILE } from "../support/report-model";

const SPEC: ReportSpec = reportSpecSchema.parse({
  pairs: [{ speaker: "AZE", counterpart: "USA" }],
  themes: ["energy-security", "democracy"],
  interval: "year",
});

describe.each(TEST_DRIVERS)("reports on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    await writeStatement(database.db, analyseDraft(seedStatementDraft(), codebook), null);
    // Statements whose titles a spreadsheet would run as formulas, each on the pair AZE → USA, one undated.
    for (const [i, title] of HOSTILE.entries()) {
      const raw = `Azerbaijan and the United States agreed to deepen energy security cooperation and the pipeline work, statement ${i}. We support democracy and free elections.`;
      const draft = {
        raw,
        title,
        speakerName: i === 0 ? "@admin" : "Ilham Aliyev",
        speakerCountry: "AZE",
        counterparts: ["USA"],
        date: i === 5 ? null : `200${i}-05-1${i}`,
        datePrecision: i === 5 ? null : ("day" as const),
      };
      await writeStatement(database.db, analyseDraft(draft, codebook), null);
    }
  });
  afterAll(() => database?.close());

  it("builds one model: summary, yearly series, tone, top passages, method notes, codebook", async () => {
    const model = await buildReport(people.manager, SPEC, "AZE → USA brief");
    expect(model.summary.statements).toBe(HOSTILE.length);
    expect(model.summary).toMatchObject({ firstDate: "2000-05-10", lastDate: "2004-05-14" });
    expect(model.pairs[0]!.label).toBe("Azerbaijan → United States");
    const energy = model.series.find((s) => s.theme === "energy-security")!;
    expect(energy.points.map((p) => p.period)).toEqual(["2000", "2001", "2002", "2003", "2004"]);
    expect(energy.points.every((p) => p.statements === 1)).toBe(true);
    // tone comes from the dated series cells: the undated statement counts in the summary, not in time
    expect(model.tone.find((r) => r.theme === "energy-security")).toMatchObject({ pair: "AZE→USA", statements: HOSTILE.length - 1 });
    const top = model.passages.find((p) => p.theme === "energy-security")!.passages;
    expect(top.length).toBe(5);
    for (const p of top) expect(p.text.toLowerCase()).toMatch(/energy security|pipeline/);
    expect(model.method.codebookVersion).toBe(1);
    expect(model.method.tagger.autoTags).toBeGreaterThan(0);
    expect(model.codebook.map((t) => t.slug)).toEqual(["energy-security", "democracy"]);
  });

  it("refuses an unknown theme with a clear message", async () => {
    const error = await buildReport(people.manager, { ...SPEC, themes: ["no-such-theme"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DalError);
    expect((error as DalError).message).toContain('"no-such-theme"');
  });

  it("streams the statements as CSV that round-trips, hostile cells neutralised, negative tone a number, and audits it", async () => {
    const auditsBefore = (await database.db.select().from(auditLog).where(eq(auditLog.action, "report.export"))).length;
    const text = await new Response(
      statementsCsv(await openReportStatements(people.manager, SPEC, { name: "brief", format: "csv-statements" })),
    ).text();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(rows[0]!.speaker_name).toBe("'@admin");
    expect(rows.at(-1)!.date).toBe(""); // undated last
    for (const r of rows) {
      expect(r.pairs).toContain("AZE>USA");
      expect(r.themes).toContain("energy-security");
      expect(Number.isFinite(Number(r.tone))).toBe(true);
    }
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "report.export"));
    expect(audits.length).toBe(auditsBefore + 1);
    expect(audits.at(-1)!.actorId).toBe(people.manager.userId);
  });

  it("streams the dashboard's statement CSV through the same pipeline: the same rows as the report of that pair and theme, audited, refused to an analyst", async () => {
    const collect = async (batches: AsyncIterable<unknown[]>) => {
      const rows = [];
      for await (const batch of batches) rows.push(...batch);
      return rows;
    };
    const fromReport = await collect(await openReportStatements(people.manager, { ...SPEC, themes: ["energy-security"] }, null));
    const fromDashboard = await collect(
      await exportStatements(people.manager, { speaker: "AZE", counterpart: "USA", theme: "energy-security" }),
    );
    expect(fromReport.length).toBe(HOSTILE.length);
    expect(fromDashboard).toEqual(fromReport);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "export.statements_csv"));
    expect(audit!.actorId).toBe(people.manager.userId);
    await expect(exportStatements(people.analyst, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("writes an XLSX that exceljs reads back with typed cells, frozen headers and filters", async () => {
    const model = await exportReport(people.manager, SPEC, "brief", "xlsx");
    const bytes = await new Response(reportXlsx(model, await openReportStatements(people.manager, SPEC, null))).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Series", "Statements", "Passages", "Tone", "Codebook"]);
    const sheet = workbook.getWorksheet("Statements")!;
    expect(sheet.rowCount).toBe(HOSTILE.length + 1);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getCell("D2").value).toBe(`'${HOSTILE[0]}`);
    expect(sheet.getCell("B2").value).toBeInstanceOf(Date);
    expect(typeof sheet.getCell("A2").value).toBe("number");
  });

  it("saves, lists, opens and deletes a named report, each audited; a second report of the same name is refused", async () => {
    const { id } = await saveReport(people.manager, { name: "Weekly AZE brief", spec: SPEC });
    expect((await listReports(people.admin)).map((r) => r.name)).toContain("Weekly AZE brief");
    expect((await getReport(people.manager, id)).spec).toEqual(SPEC);
    const before = await tableCounts(database.db);
    const duplicate = await saveReport(people.manager, { name: "weekly aze brief", spec: SPEC }).catch((e: unknown) => e);
    expect((duplicate as DalError).code).toBe("conflict");
    const invalid = await saveReport(people.manager, { name: "Broken", spec: { ...SPEC, pairs: [] } }).catch((e: unknown) => e);
    expect((invalid as DalError).message).toContain("choose at least one country pair");
    const nameless = await saveReport(people.manager, { name: "  ", spec: SPEC }).catch((e: unknown) => e);
    expect((nameless as DalError).message).toContain("give the report a name");
    expect(await tableCounts(database.db)).toEqual(before);
    await deleteReport(people.manager, id);
    expect(await database.db.select().from(reportDefinitions)).toEqual([]);
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["report.save", "report.delete"]));
    expect(((await getReport(people.manager, id).catch((e: unknown) => e)) as DalError).code).toBe("not_found");
    expect(((await getReport(people.manager, Number.NaN).catch((e: unknown) => e)) as DalError).code).toBe("not_found");
  });
});
