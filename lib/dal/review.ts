import { and, asc, desc, eq, gt, ilike, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { passages, reviewClaims, reviewStates, statementPairs, statements, tags, themes, toneOverrides, users } from "@/db/schema";
import { claimsOn } from "./internal/claims";
import { modelSuggestions, retrainInBackground } from "./internal/tagger-training";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { escapeLike, parsePage, statementFilterSchema } from "./filters";
import { describeIssues, plainText } from "@/lib/validation";
import { editStatement, type EditResult, type EditTarget } from "./history";
import { statementWhere } from "./internal/statement-filter-sql";

/** A suggestion below this confidence rests on a single piece of evidence: a person should look at it first. */
export const LOW_CONFIDENCE = 0.6;
export const QUEUE_PAGE_SIZE = 25;

export const REVIEW_REASONS = ["new", "retagged", "low-confidence", "disputed", "no-date", "no-speaker", "no-counterpart"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const queueFilterSchema = statementFilterSchema.extend({
  source: plainText(200).optional(),
  reason: z.enum(REVIEW_REASONS).optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

const open = (extra: SQL = sql``) =>
  sql`exists (select 1 from ${tags} t where t.statement_id = ${statements.id} and t.status = 'suggested' ${extra})`;
const retagged = sql<boolean>`(${reviewStates.reviewedAt} is not null and ${open(sql`and t.codebook_version > coalesce(${reviewStates.codebookVersion}, 0)`)})`;
const lowConfidence = sql<boolean>`${open(sql`and t.confidence < ${LOW_CONFIDENCE}`)}`;
const disputed = sql<boolean>`coalesce(${reviewStates.disputed}, false)`;
const unreviewed = sql<boolean>`(${reviewStates.reviewedAt} is null)`;
/** What keeps a statement out of every series until a person supplies it. */
const noDate = sql<boolean>`(${statements.date} is null)`;
const noSpeaker = sql<boolean>`(${statements.speakerCountry} is null)`;
const noCounterpart = sql<boolean>`(not exists (select 1 from ${statementPairs} sp where sp.statement_id = ${statements.id}))`;
const needsReview = sql`(${unreviewed} or ${disputed} or ${retagged} or ${noDate} or ${noSpeaker} or ${noCounterpart})`;

function reasonWhere(reason: ReviewReason | undefined): SQL | undefined {
  switch (reason) {
    case "new":
      return unreviewed;
    case "retagged":
      return retagged;
    case "low-confidence":
      return lowConfidence;
    case "disputed":
      return disputed;
    case "no-date":
      return noDate;
    case "no-speaker":
      return noSpeaker;
    case "no-counterpart":
      return noCounterpart;
    default:
      return undefined;
  }
}

function checkedFilter(filter: QueueFilter): QueueFilter {
  const parsed = queueFilterSchema.safeParse(filter);
  if (!parsed.success) throw new DalError("invalid", `This filter cannot be used: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

function queueWhere(filter: QueueFilter): SQL | undefined {
  const pattern = filter.source ? `%${escapeLike(filter.source)}%` : null;
  const source = pattern
    ? or(...[statements.sourceUrl, statements.venue, statements.kind].map((column) => ilike(column, pattern)))
    : undefined;
  return and(statementWhere(filter), source);
}

/**
 * Statements that need a person: never reviewed, re-tagged by a newer codebook since review, in dispute
 * between coders, or left out of every series for want of a date, a speaker's country or a counterpart; disputes first, then re-tags, then low-confidence suggestions, newest first. With progress
 * (reviewed of all matching the filter) and who holds each one.
 */
export async function reviewQueue(ctx: DalContext, given: QueueFilter, page: unknown = 1, pageSize = QUEUE_PAGE_SIZE) {
  const actor = await requirePermission(ctx, "tags:write");
  const filter = checkedFilter(given);
  const current = parsePage(page);
  const base = queueWhere(filter);
  const where = and(base, needsReview, reasonWhere(filter.reason));
  const [rows, [counts]] = await Promise.all([
    ctx.db
      .select({
        id: statements.id,
        title: statements.title,
        date: statements.date,
        speakerCountry: statements.speakerCountry,
        sourceUrl: statements.sourceUrl,
        unreviewed,
        retagged,
        lowConfidence,
        disputed,
        noDate,
        noSpeaker,
        noCounterpart,
        suggestions: sql<number>`(select count(*)::int from ${tags} t where t.statement_id = ${statements.id} and t.status = 'suggested')`,
        pair: sql<
          string | null
        >`(select sp.speaker_iso3 || ' → ' || sp.counterpart_iso3 from ${statementPairs} sp where sp.statement_id = ${statements.id} order by sp.is_primary desc, sp.mentions desc limit 1)`,
      })
      .from(statements)
      .leftJoin(reviewStates, eq(reviewStates.statementId, statements.id))
      .where(where)
      .orderBy(desc(disputed), desc(retagged), desc(lowConfidence), sql`${statements.date} desc nulls last`, asc(statements.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize),
    ctx.db
      .select({
        total: sql<number>`count(*)::int`,
        waiting: sql<number>`(count(*) filter (where ${needsReview}))::int`,
      })
      .from(statements)
      .leftJoin(reviewStates, eq(reviewStates.statementId, statements.id))
      .where(base),
  ]);
  const claims = await claimsOn(
    ctx.db,
    rows.map((r) => r.id),
  );
  const total = counts?.total ?? 0;
  const waiting = counts?.waiting ?? 0;
  return {
    rows: rows.map((r) => {
      const claim = claims.get(r.id);
      const reasons: ReviewReason[] = [];
      if (r.disputed) reasons.push("disputed");
      if (r.retagged) reasons.push("retagged");
      if (r.unreviewed) reasons.push("new");
      if (r.lowConfidence) reasons.push("low-confidence");
      if (r.noDate) reasons.push("no-date");
      if (r.noSpeaker) reasons.push("no-speaker");
      if (r.noCounterpart) reasons.push("no-counterpart");
      return {
        id: r.id,
        title: r.title,
        date: r.date,
        speakerCountry: r.speakerCountry,
        sourceUrl: r.sourceUrl,
        pair: r.pair,
        suggestions: r.suggestions,
        reasons,
        claim: claim ? { holder: claim.holder, expiresAt: claim.expiresAt, mine: claim.userId === actor.id } : null,
      };
    }),
    page: current,
    pageSize,
    waiting,
    progress: { reviewed: total - waiting, total },
  };
}

export type ReviewQueue = Awaited<ReturnType<typeof reviewQueue>>;

/** The next statement needing review that nobody else holds, after `afterId` in queue order (or the first). */
export async function nextInQueue(ctx: DalContext, given: QueueFilter, afterId: number | null): Promise<number | null> {
  const actor = await requirePermission(ctx, "tags:write");
  const filter = checkedFilter(given);
  const rows = await ctx.db
    .select({ id: statements.id })
    .from(statements)
    .leftJoin(reviewStates, eq(reviewStates.statementId, statements.id))
    .leftJoin(reviewClaims, and(eq(reviewClaims.statementId, statements.id), gt(reviewClaims.expiresAt, sql`now()`)))
    .where(
      and(
        queueWhere(filter),
        needsReview,
        reasonWhere(filter.reason),
        or(isNull(reviewClaims.userId), eq(reviewClaims.userId, actor.id)),
        afterId === null ? undefined : ne(statements.id, afterId),
      ),
    )
    .orderBy(desc(disputed), desc(retagged), desc(lowConfidence), sql`${statements.date} desc nulls last`, asc(statements.id))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Marks a statement reviewed as it now stands; a later re-tag by a newer codebook brings it back. */
export async function markReviewed(ctx: DalContext, target: EditTarget): Promise<EditResult> {
  const result = await editStatement(ctx, target, "statement.reviewed", async (tx, actor) => {
    const [latest] = await tx
      .select({ version: sql<number | null>`max(${tags.codebookVersion})` })
      .from(tags)
      .where(eq(tags.statementId, target.statementId));
    const values = { reviewedBy: actor.id, reviewedAt: new Date(), codebookVersion: latest?.version ?? null, disputed: false };
    await tx
      .insert(reviewStates)
      .values({ statementId: target.statementId, ...values })
      .onConflictDoUpdate({ target: reviewStates.statementId, set: values });
    await tx.delete(reviewClaims).where(and(eq(reviewClaims.statementId, target.statementId), eq(reviewClaims.userId, actor.id)));
    return { reviewed: true };
  });
  void retrainInBackground(ctx.db); // every review is a new lesson for the tagger
  return result;
}

/** Everything the tagging reader shows: passages with every tag (rejected too), tone overrides, claim and review. */
export async function reviewStatement(ctx: DalContext, id: number) {
  const actor = await requirePermission(ctx, "tags:write");
  const [statement] = await ctx.db.select().from(statements).where(eq(statements.id, id));
  if (!statement) throw new DalError("not_found", `There is no statement ${id}.`);
  const [passageRows, tagRows, overrideRows, pairRows, [review], claims, themeRows] = await Promise.all([
    ctx.db.select().from(passages).where(eq(passages.statementId, id)).orderBy(asc(passages.ordinal)),
    ctx.db
      .select({
        id: tags.id,
        passageId: tags.passageId,
        spanStart: tags.spanStart,
        spanEnd: tags.spanEnd,
        theme: themes.slug,
        themeName: themes.name,
        color: themes.color,
        origin: tags.origin,
        status: tags.status,
        confidence: tags.confidence,
        evidence: tags.evidence,
        codebookVersion: tags.codebookVersion,
      })
      .from(tags)
      .innerJoin(themes, eq(themes.id, tags.themeId))
      .where(eq(tags.statementId, id))
      .orderBy(asc(tags.id)),
    ctx.db.select().from(toneOverrides).where(eq(toneOverrides.statementId, id)),
    ctx.db
      .select()
      .from(statementPairs)
      .where(eq(statementPairs.statementId, id))
      .orderBy(desc(statementPairs.isPrimary), desc(statementPairs.mentions)),
    ctx.db
      .select({ reviewedAt: reviewStates.reviewedAt, disputed: reviewStates.disputed, reviewer: users.name })
      .from(reviewStates)
      .leftJoin(users, eq(users.id, reviewStates.reviewedBy))
      .where(eq(reviewStates.statementId, id)),
    claimsOn(ctx.db, [id]),
    ctx.db
      .select({ slug: themes.slug, name: themes.name, color: themes.color })
      .from(themes)
      .where(eq(themes.enabled, true))
      .orderBy(asc(themes.id)),
  ]);
  const claim = claims.get(id);
  const learned = await modelSuggestions(
    ctx.db,
    passageRows.map((p) => ({ id: p.id, text: statement.text.slice(p.start, p.end) })),
  );
  const themeInfo = new Map(themeRows.map((t) => [t.slug, t]));
  const statementOverride = overrideRows.find((o) => o.passageId === null);
  return {
    id: statement.id,
    version: statement.version,
    title: statement.title,
    tone: statement.tone,
    metadata: {
      title: statement.title,
      date: statement.date,
      datePrecision: statement.datePrecision,
      speakerName: statement.speakerName,
      speakerTitle: statement.speakerTitle,
      speakerCountry: statement.speakerCountry,
      venue: statement.venue,
      sourceUrl: statement.sourceUrl,
      kind: statement.kind,
    },
    pairs: pairRows.map((p) => ({
      speakerIso3: p.speakerIso3,
      counterpartIso3: p.counterpartIso3,
      isPrimary: p.isPrimary,
      origin: p.origin,
    })),
    statementTags: tagRows.filter((t) => t.passageId === null),
    passages: passageRows.map((p) => {
      const override = overrideRows.find((o) => o.passageId === p.id);
      return {
        id: p.id,
        ordinal: p.ordinal,
        start: p.start,
        end: p.end,
        text: statement.text.slice(p.start, p.end),
        tone: p.tone,
        toneOverride: override ? { value: override.value, note: override.note } : null,
        tags: tagRows.filter((t) => t.passageId === p.id),
        model: (learned.get(p.id) ?? [])
          .filter((m) => !tagRows.some((t) => t.passageId === p.id && t.theme === m.theme && t.status !== "rejected"))
          .flatMap((m) => {
            const theme = themeInfo.get(m.theme);
            return theme ? [{ theme: m.theme, themeName: theme.name, color: theme.color, probability: m.probability }] : [];
          }),
      };
    }),
    toneOverride: statementOverride ? { value: statementOverride.value, note: statementOverride.note } : null,
    review: review ?? null,
    claim: claim ? { holder: claim.holder, expiresAt: claim.expiresAt, mine: claim.userId === actor.id } : null,
    themes: themeRows,
  };
}

export type ReviewStatement = Awaited<ReturnType<typeof reviewStatement>>;
