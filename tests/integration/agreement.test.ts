import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStatementDraft } from "@/lib/boot/seed";
import { codingAnswers, passages, statements, tags, themes } from "@/db/schema";
import { adjudicate, codingTask, createSample, myAssignments, sampleReport, submitCoding } from "@/lib/dal/agreement";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { reviewQueue } from "@/lib/dal/review";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { cohenKappa } from "@/lib/engine/agreement";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("agreement between coders on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let statementId: number;
  let passageIds: number[];

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    statementId = (await writeStatement(database.db, analyseDraft(seedStatementDraft(), await activeCodebook(database.db)), null)).id;
    passageIds = (
      await database.db.select({ id: passages.id }).from(passages).where(eq(passages.statementId, statementId)).orderBy(passages.ordinal)
    )
      .map((p) => p.id)
      .slice(0, 4);
  });
  afterAll(() => database?.close());

  it("assigns a sample blind, scores agreement, lists disagreements, and adjudication becomes the accepted tags", async () => {
    await expect(
      createSample(people.staff, { name: "x", coderIds: [people.staff.userId!, people.manager.userId!], statementIds: [statementId] }),
    ).rejects.toBeInstanceOf(DalError);
    await expect(
      createSample(people.manager, { name: "x", coderIds: [people.staff.userId!, people.analyst.userId!], statementIds: [statementId] }),
    ).rejects.toThrow(/active staff/);
    const { sampleId } = await createSample(people.manager, {
      name: "Pilot",
      coderIds: [people.staff.userId!, people.admin.userId!],
      statementIds: [statementId],
    });
    const [mine] = await myAssignments(people.staff);
    const [theirs] = await myAssignments(people.admin);
    await expect(codingTask(people.staff, theirs!.id)).rejects.toThrow(/no such assignment of yours/);
    const task = await codingTask(people.staff, mine!.id);
    expect(task.passages.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(task)).not.toContain("confidence");

    const [a, b, c, d] = passageIds as [number, number, number, number];
    await expect(
      submitCoding(people.staff, { assignmentId: mine!.id, answers: [{ passageId: a, themes: ["no-such"], tone: null }] }),
    ).rejects.toThrow(/no theme "no-such"/);
    expect(await database.db.select().from(codingAnswers)).toEqual([]);
    expect(
      await submitCoding(people.staff, {
        assignmentId: mine!.id,
        answers: [
          { passageId: a, themes: ["energy-security"], tone: 1 },
          { passageId: b, themes: ["democracy"], tone: 0 },
          { passageId: c, themes: [], tone: -1 },
          { passageId: d, themes: ["energy-security", "democracy"], tone: null },
        ],
      }),
    ).toEqual({ disputed: false });
    expect(
      await submitCoding(people.admin, {
        assignmentId: theirs!.id,
        answers: [
          { passageId: a, themes: ["energy-security"], tone: 1 },
          { passageId: b, themes: [], tone: 0 },
          { passageId: c, themes: [], tone: -2 },
          { passageId: d, themes: ["energy-security", "democracy"], tone: null },
        ],
      }),
    ).toEqual({ disputed: true });
    expect((await reviewQueue(people.staff, { reason: "disputed" })).rows.map((r) => r.id)).toEqual([statementId]);

    const report = await sampleReport(people.manager, sampleId);
    const units = task.passages.length;
    const energy = report.themes.find((t) => t.theme === "energy-security")!;
    const pad = (codes: number[]) => [...codes, ...Array(units - codes.length).fill(0)];
    expect(energy.alpha).toBe(1);
    const democracy = report.themes.find((t) => t.theme === "democracy")!;
    expect(democracy.pairs[0]!.kappa).toBeCloseTo(cohenKappa(pad([0, 1, 0, 1]), pad([0, 0, 0, 1]))!, 10);
    expect(report.tone.pairs[0]!.units).toBe(3);
    expect(report.disagreements.map((x) => [x.passageId, x.themes, x.tone])).toEqual([
      [b, ["democracy"], false],
      [c, [], true],
    ]);

    const [{ version }] = (await database.db
      .select({ version: statements.version })
      .from(statements)
      .where(eq(statements.id, statementId))) as [{ version: number }];
    await adjudicate(people.manager, {
      sampleId,
      statementId,
      version,
      passages: [
        { passageId: b, themes: ["democracy"], tone: 0 },
        { passageId: c, themes: [], tone: -2 },
      ],
    });
    const [democracyTheme] = await database.db.select({ id: themes.id }).from(themes).where(eq(themes.slug, "democracy"));
    const onB = await database.db
      .select({ status: tags.status })
      .from(tags)
      .where(and(eq(tags.passageId, b), eq(tags.themeId, democracyTheme!.id)));
    expect(onB.map((t) => t.status)).toContain("accepted");
    const liveOnC = await database.db.select({ status: tags.status }).from(tags).where(eq(tags.passageId, c));
    expect(liveOnC.every((t) => t.status === "rejected")).toBe(true);
    expect((await database.db.select({ tone: passages.tone }).from(passages).where(eq(passages.id, c)))[0]!.tone).toBe(-1);
    expect((await reviewQueue(people.staff, { reason: "disputed" })).rows).toEqual([]);
    expect((await sampleReport(people.manager, sampleId)).disagreements.every((x) => x.adjudicated)).toBe(true);
  });
});
