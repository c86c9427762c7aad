import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import {
  agreementSamples,
  codingAnswers,
  codingAssignments,
  passages,
  reviewStates,
  sampleStatements,
  statements,
  tags,
  themes,
  toneOverrides,
  users,
} from "@/db/schema";
import { agreementFigures, type CodedUnit } from "@/lib/engine/agreement";
import { isToneOverride } from "@/lib/engine/tone-override";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { editStatement, type EditResult, type EditTarget } from "./history";
import { applyTone } from "./internal/tone";

export interface SampleRequest {
  name: string;
  /** Coders (staff or above), at least two; each codes every statement of the sample. */
  coderIds: number[];
  /** Given statements, or else this many drawn at random. */
  statementIds?: number[];
  size?: number;
}

/** A manager assigns a sample of statements to two or more coders, blind to each other. */
export async function createSample(ctx: DalContext, request: SampleRequest): Promise<{ sampleId: number; statements: number }> {
  const actor = await requirePermission(ctx, "codebook:manage");
  const name = request.name.trim();
  if (!name || name.length > 200) throw new DalError("invalid", "A sample needs a name (at most 200 characters).");
  const coderIds = [...new Set(request.coderIds)];
  if (coderIds.length < 2) throw new DalError("invalid", "Choose at least two coders.");
  const size = request.size ?? 0;
  if (!request.statementIds && (!Number.isInteger(size) || size < 1 || size > 500))
    throw new DalError("invalid", "A sample holds 1 to 500 statements.");
  return ctx.db.transaction(async (tx) => {
    const coders = await tx
      .select({ id: users.id, role: users.role, disabled: users.disabled })
      .from(users)
      .where(inArray(users.id, coderIds));
    if (coders.length !== coderIds.length || coders.some((c) => c.disabled || c.role === "analyst")) {
      throw new DalError("invalid", "Every coder must be an active staff member, manager or admin.");
    }
    const chosen = request.statementIds
      ? await tx
          .select({ id: statements.id })
          .from(statements)
          .where(inArray(statements.id, request.statementIds.length > 0 ? request.statementIds : [0]))
      : await tx
          .select({ id: statements.id })
          .from(statements)
          .orderBy(sql`random()`)
          .limit(size);
    if (chosen.length === 0 || (request.statementIds && chosen.length !== new Set(request.statementIds).size)) {
      throw new DalError("invalid", "Some of those statements do not exist, or there are none to sample.");
    }
    const [sample] = await tx.insert(agreementSamples).values({ name, createdBy: actor.id }).returning({ id: agreementSamples.id });
    const sampleId = sample!.id;
    await tx.insert(sampleStatements).values(chosen.map((s) => ({ sampleId, statementId: s.id })));
    await tx.insert(codingAssignments).values(chosen.flatMap((s) => coderIds.map((coderId) => ({ sampleId, statementId: s.id, coderId }))));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "agreement.sample",
      entityType: "sample",
      entityId: sampleId,
      after: { name, coderIds, statementIds: chosen.map((s) => s.id) },
    });
    return { sampleId, statements: chosen.length };
  });
}

export async function listSamples(ctx: DalContext) {
  await requirePermission(ctx, "codebook:manage");
  const [samples, coders] = await Promise.all([
    ctx.db
      .select({
        id: agreementSamples.id,
        name: agreementSamples.name,
        createdAt: agreementSamples.createdAt,
        assignments: sql<number>`(select count(*)::int from ${codingAssignments} a where a.sample_id = ${agreementSamples.id})`,
        submitted: sql<number>`(select count(*)::int from ${codingAssignments} a where a.sample_id = ${agreementSamples.id} and a.submitted_at is not null)`,
      })
      .from(agreementSamples)
      .orderBy(desc(agreementSamples.id)),
    ctx.db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.disabled, false), ne(users.role, "analyst")))
      .orderBy(asc(users.name)),
  ]);
  return { samples, coders };
}

/** The coder's own assignments; nothing of anyone else's. */
export async function myAssignments(ctx: DalContext) {
  const actor = await requirePermission(ctx, "tags:write");
  return ctx.db
    .select({
      id: codingAssignments.id,
      sample: agreementSamples.name,
      statementId: codingAssignments.statementId,
      title: statements.title,
      submittedAt: codingAssignments.submittedAt,
    })
    .from(codingAssignments)
    .innerJoin(agreementSamples, eq(agreementSamples.id, codingAssignments.sampleId))
    .innerJoin(statements, eq(statements.id, codingAssignments.statementId))
    .where(eq(codingAssignments.coderId, actor.id))
    .orderBy(asc(codingAssignments.submittedAt), asc(codingAssignments.id));
}

/** A coder's task: the passages' text only (no suggestions, no other coder's answers) and their own answers. */
export async function codingTask(ctx: DalContext, assignmentId: number) {
  const actor = await requirePermission(ctx, "tags:write");
  const [assignment] = await ctx.db.select().from(codingAssignments).where(eq(codingAssignments.id, assignmentId));
  if (!assignment || assignment.coderId !== actor.id) throw new DalError("not_found", "There is no such assignment of yours.");
  const [statement] = await ctx.db
    .select({ title: statements.title, text: statements.text })
    .from(statements)
    .where(eq(statements.id, assignment.statementId));
  const [passageRows, answers, themeRows] = await Promise.all([
    ctx.db.select().from(passages).where(eq(passages.statementId, assignment.statementId)).orderBy(asc(passages.ordinal)),
    ctx.db.select().from(codingAnswers).where(eq(codingAnswers.assignmentId, assignmentId)),
    ctx.db
      .select({ slug: themes.slug, name: themes.name, color: themes.color })
      .from(themes)
      .where(eq(themes.enabled, true))
      .orderBy(asc(themes.id)),
  ]);
  return {
    id: assignment.id,
    title: statement!.title,
    submittedAt: assignment.submittedAt,
    themes: themeRows,
    passages: passageRows.map((p) => {
      const answer = answers.find((a) => a.passageId === p.id);
      return {
        id: p.id,
        ordinal: p.ordinal,
        text: statement!.text.slice(p.start, p.end),
        themes: answer?.themes ?? [],
        tone: answer?.tone ?? null,
      };
    }),
  };
}

export interface CodingAnswer {
  passageId: number;
  themes: string[];
  tone: number | null;
}

/**
 * Saves a coder's answers for their assignment (replacing earlier ones). When every coder of that statement has
 * submitted and they disagree anywhere, the statement goes to the review queue as "in dispute".
 */
export async function submitCoding(
  ctx: DalContext,
  input: { assignmentId: number; answers: CodingAnswer[] },
): Promise<{ disputed: boolean }> {
  const actor = await requirePermission(ctx, "tags:write");
  return ctx.db.transaction(async (tx) => {
    const [assignment] = await tx.select().from(codingAssignments).where(eq(codingAssignments.id, input.assignmentId));
    if (!assignment || assignment.coderId !== actor.id) throw new DalError("not_found", "There is no such assignment of yours.");
    const passageIds = new Set(
      (await tx.select({ id: passages.id }).from(passages).where(eq(passages.statementId, assignment.statementId))).map((p) => p.id),
    );
    const live = new Set((await tx.select({ slug: themes.slug }).from(themes).where(eq(themes.enabled, true))).map((t) => t.slug));
    for (const a of input.answers) {
      if (!passageIds.has(a.passageId)) throw new DalError("invalid", "An answer names a passage that is not part of this statement.");
      const unknown = a.themes.find((t) => !live.has(t));
      if (unknown) throw new DalError("invalid", `There is no theme "${unknown}" in the codebook; it may have been deleted.`);
      if (a.tone !== null && !isToneOverride(a.tone)) {
        throw new DalError("invalid", "A tone is a whole number from -2 to +2.");
      }
    }
    await tx.delete(codingAnswers).where(eq(codingAnswers.assignmentId, assignment.id));
    const rows = input.answers.map((a) => ({
      assignmentId: assignment.id,
      passageId: a.passageId,
      themes: [...new Set(a.themes)].sort(),
      tone: a.tone,
    }));
    if (rows.length > 0) await tx.insert(codingAnswers).values(rows);
    await tx.update(codingAssignments).set({ submittedAt: new Date() }).where(eq(codingAssignments.id, assignment.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "agreement.submit",
      entityType: "assignment",
      entityId: assignment.id,
      after: { answers: rows.length },
    });
    const units = await codedUnits(tx, assignment.sampleId, assignment.statementId);
    const everyone = await tx
      .select({ open: sql<number>`count(*) filter (where ${codingAssignments.submittedAt} is null)::int` })
      .from(codingAssignments)
      .where(and(eq(codingAssignments.sampleId, assignment.sampleId), eq(codingAssignments.statementId, assignment.statementId)));
    const disputed = (everyone[0]?.open ?? 1) === 0 && agreementFigures(units.units, [...live], units.coders).disagreements.length > 0;
    if (disputed) {
      await tx
        .insert(reviewStates)
        .values({ statementId: assignment.statementId, disputed: true })
        .onConflictDoUpdate({ target: reviewStates.statementId, set: { disputed: true } });
    }
    return { disputed };
  });
}

/** Submitted codes of a sample (optionally one statement), one unit per passage. */
async function codedUnits(db: DalContext["db"], sampleId: number, statementId?: number): Promise<{ units: CodedUnit[]; coders: number[] }> {
  const rows = await db
    .select({
      coderId: codingAssignments.coderId,
      statementId: codingAssignments.statementId,
      passageId: passages.id,
      themes: codingAnswers.themes,
      tone: codingAnswers.tone,
    })
    .from(codingAssignments)
    .innerJoin(passages, eq(passages.statementId, codingAssignments.statementId))
    .leftJoin(codingAnswers, and(eq(codingAnswers.assignmentId, codingAssignments.id), eq(codingAnswers.passageId, passages.id)))
    .where(
      and(
        eq(codingAssignments.sampleId, sampleId),
        isNotNull(codingAssignments.submittedAt),
        statementId === undefined ? undefined : eq(codingAssignments.statementId, statementId),
      ),
    )
    .orderBy(asc(codingAssignments.statementId), asc(passages.ordinal));
  const units = new Map<string, CodedUnit>();
  for (const r of rows) {
    const key = `${r.statementId}:${r.passageId}`;
    const unit = units.get(key) ?? { key, codes: new Map() };
    unit.codes.set(r.coderId, { themes: r.themes ?? [], tone: r.tone });
    units.set(key, unit);
  }
  return { units: [...units.values()], coders: [...new Set(rows.map((r) => r.coderId))].sort((a, b) => a - b) };
}

/** Alpha and kappa per theme and for tone, per coder pair, and the disagreements awaiting adjudication. */
export async function sampleReport(ctx: DalContext, sampleId: number) {
  await requirePermission(ctx, "codebook:manage");
  const [sample] = await ctx.db.select().from(agreementSamples).where(eq(agreementSamples.id, sampleId));
  if (!sample) throw new DalError("not_found", `There is no sample ${sampleId}.`);
  const [{ units, coders }, themeRows, coderRows, settled, passageRows] = await Promise.all([
    codedUnits(ctx.db, sampleId),
    ctx.db.select({ slug: themes.slug, name: themes.name }).from(themes).where(eq(themes.enabled, true)).orderBy(asc(themes.id)),
    ctx.db.select({ id: users.id, name: users.name }).from(users),
    ctx.db.select().from(sampleStatements).where(eq(sampleStatements.sampleId, sampleId)),
    ctx.db
      .select({
        id: passages.id,
        ordinal: passages.ordinal,
        statementId: passages.statementId,
        version: statements.version,
        title: statements.title,
        text: sql<string>`substr(${statements.text}, ${passages.start} + 1, ${passages.end} - ${passages.start})`,
      })
      .from(passages)
      .innerJoin(sampleStatements, and(eq(sampleStatements.statementId, passages.statementId), eq(sampleStatements.sampleId, sampleId)))
      .innerJoin(statements, eq(statements.id, passages.statementId)),
  ]);
  const figures = agreementFigures(
    units,
    themeRows.map((t) => t.slug),
    coders,
  );
  const name = new Map(coderRows.map((c) => [c.id, c.name]));
  const passageOf = new Map(passageRows.map((p) => [`${p.statementId}:${p.id}`, p]));
  const adjudicated = new Set(settled.filter((s) => s.adjudicatedAt !== null).map((s) => s.statementId));
  return {
    sample,
    coders: coders.map((id) => ({ id, name: name.get(id) ?? `#${id}` })),
    themes: figures.themes.map((t) => ({ ...t, name: themeRows.find((r) => r.slug === t.theme)?.name ?? t.theme })),
    tone: figures.tone,
    units: units.length,
    disagreements: figures.disagreements.map((d) => {
      const passage = passageOf.get(d.key)!;
      const unit = units.find((u) => u.key === d.key)!;
      return {
        ...d,
        statementId: passage.statementId,
        version: passage.version, // the statement's version now: what an adjudication is made against
        passageId: passage.id,
        title: passage.title,
        ordinal: passage.ordinal,
        text: passage.text,
        adjudicated: adjudicated.has(passage.statementId),
        codes: [...unit.codes.entries()].map(([coderId, code]) => ({ coder: name.get(coderId) ?? `#${coderId}`, ...code })),
      };
    }),
  };
}

export interface Adjudication extends EditTarget {
  sampleId: number;
  /** The settled themes and tone of each disputed passage; these become the accepted tags and tone. */
  passages: { passageId: number; themes: string[]; tone: number | null }[];
}

/** A manager settles a statement's disagreements: the result becomes its accepted tags and tone, audited. */
export async function adjudicate(ctx: DalContext, input: Adjudication): Promise<EditResult> {
  await requirePermission(ctx, "codebook:manage");
  return editStatement(ctx, input, "agreement.adjudicate", async (tx, actor) => {
    const [member] = await tx
      .select()
      .from(sampleStatements)
      .where(and(eq(sampleStatements.sampleId, input.sampleId), eq(sampleStatements.statementId, input.statementId)));
    if (!member) throw new DalError("invalid", "That statement is not part of this sample.");
    const themeRows = await tx.select({ id: themes.id, slug: themes.slug, enabled: themes.enabled }).from(themes);
    const idOf = new Map(themeRows.filter((t) => t.enabled).map((t) => [t.slug, t.id]));
    for (const p of input.passages) {
      const [passage] = await tx
        .select({ id: passages.id })
        .from(passages)
        .where(and(eq(passages.id, p.passageId), eq(passages.statementId, input.statementId)));
      if (!passage) throw new DalError("invalid", "That passage is not part of this statement.");
      const unknown = p.themes.find((t) => !idOf.has(t));
      if (unknown) throw new DalError("invalid", `There is no theme "${unknown}" in the codebook; it may have been deleted.`);
      if (p.tone !== null && !isToneOverride(p.tone)) throw new DalError("invalid", "A tone is a whole number from -2 to +2.");
      for (const [slug, themeId] of idOf) {
        const onPassage = and(eq(tags.statementId, input.statementId), eq(tags.passageId, p.passageId), eq(tags.themeId, themeId));
        if (!p.themes.includes(slug)) {
          await tx
            .update(tags)
            .set({ status: "rejected", authorId: actor.id })
            .where(and(onPassage, ne(tags.status, "rejected")));
          continue;
        }
        const accepted = await tx
          .update(tags)
          .set({ status: "accepted", authorId: actor.id })
          .where(and(onPassage, isNull(tags.spanStart)))
          .returning({ id: tags.id });
        if (accepted.length === 0) {
          await tx.insert(tags).values({
            statementId: input.statementId,
            passageId: p.passageId,
            themeId,
            origin: "human",
            status: "accepted",
            confidence: 1,
            authorId: actor.id,
          });
        }
      }
      await tx.delete(toneOverrides).where(and(eq(toneOverrides.statementId, input.statementId), eq(toneOverrides.passageId, p.passageId)));
      if (p.tone !== null) {
        await tx
          .insert(toneOverrides)
          .values({ statementId: input.statementId, passageId: p.passageId, value: p.tone, note: "adjudicated", authorId: actor.id });
      }
    }
    await applyTone(tx, input.statementId);
    await tx
      .update(sampleStatements)
      .set({ adjudicatedAt: new Date(), adjudicatedBy: actor.id })
      .where(and(eq(sampleStatements.sampleId, input.sampleId), eq(sampleStatements.statementId, input.statementId)));
    await tx.update(reviewStates).set({ disputed: false }).where(eq(reviewStates.statementId, input.statementId));
    return { sampleId: input.sampleId, passages: input.passages };
  });
}
