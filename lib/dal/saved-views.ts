import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { savedViews } from "@/db/schema";
import { selectionToParams } from "@/lib/engine/selection-params";
import { writeAudit } from "./internal/audit";
import { hashSecret, newSecret } from "./internal/secrets";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { pairSeriesQuerySchema, type PairSeriesQuery } from "./pair-series";
import { describeIssues } from "@/lib/validation";

export const FEED_PREFIX = "feed_";
const nameSchema = z.string().trim().min(1, "give the view a name").max(80, "a view name has at most 80 characters");

export interface SavedView {
  id: number;
  name: string;
  filters: PairSeriesQuery;
  /** The dashboard URL's query string for these filters. */
  query: string;
}

const newFeedToken = () => newSecret(FEED_PREFIX);

/** A stored view as the user sees it; the stored filters are parsed, never trusted as typed (db/ knows no DAL types). */
export const asView = (row: { id: number; name: string; filters: unknown }): SavedView =>
  asParsedView({ ...row, filters: pairSeriesQuerySchema.parse(row.filters) });

const asParsedView = (row: { id: number; name: string; filters: PairSeriesQuery }): SavedView => ({
  ...row,
  query: selectionToParams(row.filters).toString(),
});

/**
 * Saves the dashboard's current filters under a name for the signed-in user. Returns the feed token once: only its
 * hash is kept. A name the user has already used is refused and nothing is written.
 */
export async function saveView(
  ctx: DalContext,
  input: { name: string; filters: z.input<typeof pairSeriesQuerySchema> },
): Promise<SavedView & { feedToken: string }> {
  const actor = await requirePermission(ctx, "views:save");
  const name = nameSchema.safeParse(input.name);
  if (!name.success) throw new DalError("invalid", describeIssues(name.error));
  const parsed = pairSeriesQuerySchema.safeParse(input.filters);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const filters = parsed.data;
  const feedToken = newFeedToken();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: savedViews.id })
      .from(savedViews)
      .where(and(eq(savedViews.userId, actor.id), eq(savedViews.name, name.data)));
    if (taken)
      throw new DalError("conflict", `You have a view named "${name.data}" already; choose another name or delete that one first.`);
    const [row] = await tx
      .insert(savedViews)
      .values({ userId: actor.id, name: name.data, filters, feedTokenHash: hashSecret(feedToken) })
      .returning({ id: savedViews.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "view.save",
      entityType: "saved_view",
      entityId: row!.id,
      after: { name: name.data, filters },
    });
    return { ...asParsedView({ id: row!.id, name: name.data, filters }), feedToken };
  });
}

/** The signed-in user's saved views, by name. */
export async function listViews(ctx: DalContext): Promise<SavedView[]> {
  const actor = await requirePermission(ctx, "views:save");
  const rows = await ctx.db
    .select({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters })
    .from(savedViews)
    .where(eq(savedViews.userId, actor.id))
    .orderBy(asc(savedViews.name));
  return rows.map(asView);
}

/** One of the user's own views; another user's view is "not found", never revealed. */
export async function getView(ctx: DalContext, id: number): Promise<SavedView> {
  const actor = await requirePermission(ctx, "views:save");
  const [row] = await ctx.db
    .select({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters })
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)));
  if (!row) throw new DalError("not_found", "There is no such view of yours.");
  return asView(row);
}

export async function deleteView(ctx: DalContext, id: number): Promise<void> {
  const actor = await requirePermission(ctx, "views:save");
  const [gone] = await ctx.db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)))
    .returning({ id: savedViews.id, name: savedViews.name });
  if (!gone) throw new DalError("not_found", "There is no such view of yours.");
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: "view.delete",
    entityType: "saved_view",
    entityId: id,
    before: { name: gone.name },
  });
}

/** A new secret feed address for one of the user's views; the old one stops working at once. */
export async function replaceFeedToken(ctx: DalContext, id: number): Promise<{ feedToken: string }> {
  const actor = await requirePermission(ctx, "views:save");
  const feedToken = newFeedToken();
  const [row] = await ctx.db
    .update(savedViews)
    .set({ feedTokenHash: hashSecret(feedToken) })
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)))
    .returning({ id: savedViews.id });
  if (!row) throw new DalError("not_found", "There is no such view of yours.");
  await writeAudit(ctx.db, { actorId: actor.id, action: "view.feed_token", entityType: "saved_view", entityId: id });
  return { feedToken };
}
