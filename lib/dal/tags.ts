import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statements, tags, themes } from "@/db/schema";
import { writeAudit } from "./audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { withCells } from "./series-cells";

export interface ThemeTagChange {
  statementId: number;
  theme: string;
  /** The statement version the person was looking at; a newer one means someone else saved first. */
  version: number;
}

/** Tags a whole statement with a theme by hand (accepted), audited. Returns the new statement version. */
export async function addThemeTag(ctx: DalContext, change: ThemeTagChange): Promise<{ version: number }> {
  const actor = await requirePermission(ctx, "tags:write");
  return withCells(ctx.db, [change.statementId], async (tx) => {
    const themeId = await themeIdFor(tx, change.theme);
    const version = await bumpVersion(tx, change.statementId, change.version);
    const [tag] = await tx
      .insert(tags)
      .values({
        statementId: change.statementId,
        themeId,
        origin: "human",
        status: "accepted",
        confidence: 1,
        authorId: actor.id,
      })
      .returning({ id: tags.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "tag.add",
      entityType: "statement",
      entityId: change.statementId,
      after: { theme: change.theme, tagId: tag?.id, version },
    });
    return { version };
  });
}

/** Rejects every live tag of a theme on a statement (kept as rejected, so re-tagging will not revive it). */
export async function removeThemeTag(ctx: DalContext, change: ThemeTagChange): Promise<{ version: number }> {
  const actor = await requirePermission(ctx, "tags:write");
  return withCells(ctx.db, [change.statementId], async (tx) => {
    const themeId = await themeIdFor(tx, change.theme);
    const version = await bumpVersion(tx, change.statementId, change.version);
    const rejected = await tx
      .update(tags)
      .set({ status: "rejected", authorId: actor.id })
      .where(and(eq(tags.statementId, change.statementId), eq(tags.themeId, themeId), ne(tags.status, "rejected")))
      .returning({ id: tags.id });
    if (rejected.length === 0) {
      throw new DalError("invalid", `This statement is not tagged ${change.theme}.`);
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: "tag.remove",
      entityType: "statement",
      entityId: change.statementId,
      before: { theme: change.theme, tagIds: rejected.map((t) => t.id) },
      after: { theme: change.theme, status: "rejected", version },
    });
    return { version };
  });
}

async function themeIdFor(db: Db, slug: string): Promise<number> {
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.slug, slug));
  if (!theme) throw new DalError("invalid", `There is no theme "${slug}".`);
  return theme.id;
}

/** Optimistic lock: moves the statement to the next version only if nobody else has. */
async function bumpVersion(db: Db, statementId: number, expected: number): Promise<number> {
  const [updated] = await db
    .update(statements)
    .set({ version: sql`${statements.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(statements.id, statementId), eq(statements.version, expected)))
    .returning({ version: statements.version });
  if (updated) return updated.version;
  const [current] = await db.select({ version: statements.version }).from(statements).where(eq(statements.id, statementId));
  if (!current) throw new DalError("not_found", `There is no statement ${statementId}.`);
  throw new DalError(
    "conflict",
    `Someone else changed this statement while you were looking at it (you had version ${expected}, it is now version ${current.version}). Reload to see their change; nothing of yours was saved.`,
  );
}
