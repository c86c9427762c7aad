import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStatementDraft } from "@/lib/boot/seed";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { exportAudit, listAudit } from "@/lib/dal/audit-view";
import { importDraft } from "@/lib/dal/imports";
import { deleteReport, getReport, saveReport } from "@/lib/dal/report-definitions";
import { reviewQueue } from "@/lib/dal/review";
import { updateMetadata } from "@/lib/dal/statement-edits";
import { reportSpecSchema } from "@/lib/export/report-spec";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, tableCounts, type Person } from "../support/fixtures";

/** Hostile values at the DAL: each is a refusal with a message (a DalError), never a database error. */
async function refusal(promise: Promise<unknown>, code: DalError["code"] = "invalid"): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DalError);
  expect((error as DalError).code).toBe(code);
  return (error as DalError).message;
}

const TOO_BIG_ID = 2 ** 31;
const SPEC = reportSpecSchema.parse({ pairs: [{ speaker: "AZE", counterpart: "USA" }], themes: ["energy-security"], interval: "year" });

describe.each(TEST_DRIVERS)("hostile input on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let statementId: number;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    ({ id: statementId } = await importDraft(people.staff, seedStatementDraft()));
  });
  afterAll(() => database?.close());

  it("the review queue refuses a NUL in the source filter and a page past the last possible one", async () => {
    expect(await refusal(reviewQueue(people.staff, { source: "state.gov\u0000" }))).toMatch(/NUL/);
    expect(await refusal(reviewQueue(people.staff, {}, 1e22))).toMatch(/page/i);
    expect(await refusal(reviewQueue(people.staff, {}, 0))).toMatch(/page/i);
  });

  it("the audit log refuses NUL in every text filter, and a page past the last possible one", async () => {
    for (const field of ["actor", "action", "entityType", "entityId"]) {
      expect(await refusal(listAudit(people.admin, { [field]: "x\u0000" })), field).toMatch(/NUL/);
      expect(await refusal(exportAudit(people.admin, { [field]: "\u0000" })), field).toMatch(/NUL/);
    }
    expect(await refusal(listAudit(people.admin, { page: "1e22" }))).toMatch(/page/i);
  });

  it("a report name with a NUL is refused and nothing is saved; ids past 2³¹ name no report", async () => {
    const before = await tableCounts(database.db);
    expect(await refusal(saveReport(people.manager, { name: "Quarterly\u0000", spec: SPEC }))).toMatch(/NUL/);
    expect(await tableCounts(database.db)).toEqual(before);
    await refusal(getReport(people.manager, TOO_BIG_ID), "not_found");
    await refusal(deleteReport(people.manager, TOO_BIG_ID), "not_found");
    await refusal(getReport(people.manager, 1.5), "not_found");
  });

  it.each([
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "ftp://example.org/x",
    "//evil.example/x",
  ])("a source URL %s is refused on import and on edit", async (sourceUrl) => {
    const before = await tableCounts(database.db);
    expect(
      await refusal(importDraft(people.staff, { ...seedStatementDraft(), raw: `${seedStatementDraft().raw}\nAnother line.`, sourceUrl })),
    ).toMatch(/http/);
    expect(
      await refusal(
        updateMetadata(people.staff, {
          statementId,
          version: 1,
          metadata: {
            title: "Seed",
            date: null,
            datePrecision: null,
            speakerName: "",
            speakerTitle: "",
            speakerCountry: "",
            venue: "",
            sourceUrl,
            kind: "statement",
          },
        }),
      ),
    ).toMatch(/http/);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("an http(s) source URL is kept, and so is a citation (a source with spaces, never made a link)", async () => {
    const { id } = await importDraft(people.staff, {
      ...seedStatementDraft(),
      raw: `${seedStatementDraft().raw}\nA third line.`,
      sourceUrl: "https://www.state.gov/x",
    });
    expect(id).toBeGreaterThan(0);
    const cited = await importDraft(people.staff, {
      ...seedStatementDraft(),
      raw: `${seedStatementDraft().raw}\nA fourth line.`,
      sourceUrl: "UNSCon (Zaczynska, Bourgonje & Stede 2024)",
    });
    expect(cited.id).toBeGreaterThan(0);
  });
});
