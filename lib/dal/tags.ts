import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, statements, tags, themes } from "@/db/schema";
import { spanProblem } from "@/lib/engine/spans";
import type { DalContext } from "./context";
import { DalError } from "./errors";
import { editStatement, type EditResult, type EditTarget } from "./history";

export interface ThemeTagChange extends EditTarget {
  theme: string;
}

/** Tags a whole statement with a theme by hand (accepted), audited. */
export async function addThemeTag(ctx: DalContext, change: ThemeTagChange): Promise<EditResult> {
  return editStatement(ctx, change, "tag.add", async (tx, actor) => {
    const themeId = await liveThemeId(tx, change.theme);
    await tx
      .insert(tags)
      .values({ statementId: change.statementId, themeId, origin: "human", status: "accepted", confidence: 1, authorId: actor.id });
    return { theme: change.theme };
  });
}

/** Rejects every live tag of a theme on a statement (kept as rejected, so re-tagging will not revive it). */
export async function removeThemeTag(ctx: DalContext, change: ThemeTagChange): Promise<EditResult> {
  return editStatement(ctx, change, "tag.remove", async (tx, actor) => {
    const themeId = await themeIdFor(tx, change.theme);
    const rejected = await tx
      .update(tags)
      .set({ status: "rejected", authorId: actor.id })
      .where(and(eq(tags.statementId, change.statementId), eq(tags.themeId, themeId), ne(tags.status, "rejected")))
      .returning({ id: tags.id });
    if (rejected.length === 0) throw new DalError("invalid", `This statement is not tagged ${change.theme}.`);
    return { theme: change.theme, rejected: rejected.length };
  });
}

export interface TagDecision extends EditTarget {
  tagId: number;
  decision: "accepted" | "rejected";
}

/** Accepts or rejects one tag (usually a machine suggestion) of the statement. */
export async function decideTag(ctx: DalContext, change: TagDecision): Promise<EditResult> {
  return editStatement(ctx, change, change.decision === "accepted" ? "tag.accept" : "tag.reject", async (tx, actor) => {
    const updated = await tx
      .update(tags)
      .set({ status: change.decision, authorId: actor.id })
      .where(and(eq(tags.id, change.tagId), eq(tags.statementId, change.statementId)))
      .returning({ id: tags.id });
    if (updated.length === 0) throw new DalError("invalid", "That tag is not part of this statement.");
    return { tagId: change.tagId, decision: change.decision };
  });
}

/** Accepts every open suggestion on one passage, or on the whole statement when no passage is given. */
export async function acceptSuggestions(ctx: DalContext, change: EditTarget & { passageId: number | null }): Promise<EditResult> {
  return editStatement(ctx, change, "tag.accept_all", async (tx, actor) => {
    const accepted = await tx
      .update(tags)
      .set({ status: "accepted", authorId: actor.id })
      .where(
        and(
          eq(tags.statementId, change.statementId),
          eq(tags.status, "suggested"),
          change.passageId === null ? undefined : eq(tags.passageId, change.passageId),
        ),
      )
      .returning({ id: tags.id });
    return { passageId: change.passageId, accepted: accepted.length };
  });
}

export interface SpanTag extends EditTarget {
  passageId: number;
  theme: string;
  /** Statement-wide UTF-16 offsets, half-open. */
  start: number;
  end: number;
}

/** Tags a span a person selected; the span must lie inside the passage and cut no character in half. */
export async function addSpanTag(ctx: DalContext, change: SpanTag): Promise<EditResult> {
  return editStatement(ctx, change, "tag.add_span", async (tx, actor) => {
    const themeId = await liveThemeId(tx, change.theme);
    const passage = await passageOf(tx, change.statementId, change.passageId);
    const [statement] = await tx.select({ text: statements.text }).from(statements).where(eq(statements.id, change.statementId));
    const problem = spanProblem(statement!.text, change, passage);
    if (problem) throw new DalError("invalid", problem);
    const phrase = statement!.text.slice(change.start, change.end);
    await tx.insert(tags).values({
      statementId: change.statementId,
      passageId: passage.id,
      spanStart: change.start,
      spanEnd: change.end,
      themeId,
      origin: "human",
      status: "accepted",
      confidence: 1,
      evidence: [{ start: change.start, end: change.end, phrase }],
      authorId: actor.id,
    });
    return { theme: change.theme, passageId: passage.id, start: change.start, end: change.end, phrase: phrase.slice(0, 200) };
  });
}

/** A number key in the reader: the passage loses the theme if it has it, else gains it as a person's tag. */
export async function togglePassageTheme(ctx: DalContext, change: EditTarget & { passageId: number; theme: string }): Promise<EditResult> {
  return editStatement(ctx, change, "tag.toggle", async (tx, actor) => {
    const passage = await passageOf(tx, change.statementId, change.passageId);
    const themeId = await themeIdFor(tx, change.theme);
    const rejected = await tx
      .update(tags)
      .set({ status: "rejected", authorId: actor.id })
      .where(
        and(
          eq(tags.statementId, change.statementId),
          eq(tags.passageId, passage.id),
          eq(tags.themeId, themeId),
          ne(tags.status, "rejected"),
        ),
      )
      .returning({ id: tags.id });
    if (rejected.length > 0) return { theme: change.theme, passageId: passage.id, now: "off" };
    await liveThemeId(tx, change.theme);
    await tx.insert(tags).values({
      statementId: change.statementId,
      passageId: passage.id,
      themeId,
      origin: "human",
      status: "accepted",
      confidence: 1,
      authorId: actor.id,
    });
    return { theme: change.theme, passageId: passage.id, now: "on" };
  });
}

async function passageOf(db: Db, statementId: number, passageId: number) {
  const [passage] = await db
    .select({ id: passages.id, start: passages.start, end: passages.end })
    .from(passages)
    .where(and(eq(passages.id, passageId), eq(passages.statementId, statementId)));
  if (!passage) throw new DalError("invalid", "That passage is not part of this statement.");
  return passage;
}

async function themeIdFor(db: Db, slug: string): Promise<number> {
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.slug, slug));
  if (!theme) throw new DalError("invalid", `There is no theme "${slug}" in the codebook.`);
  return theme.id;
}

/** A theme new tags may use: one that exists and has not been switched off (deleted) in the codebook. */
async function liveThemeId(db: Db, slug: string): Promise<number> {
  const [theme] = await db.select({ id: themes.id, enabled: themes.enabled, name: themes.name }).from(themes).where(eq(themes.slug, slug));
  if (!theme) throw new DalError("invalid", `There is no theme "${slug}" in the codebook; it may have been deleted.`);
  if (!theme.enabled)
    throw new DalError("invalid", `The theme "${theme.name}" was removed from the codebook; it cannot be tagged any more.`);
  return theme.id;
}
