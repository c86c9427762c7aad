import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { savedViews } from "@/db/schema";
import { requirePermission, type DalContext } from "../context";
import { hashSecret } from "../internal/secrets";
import { asView, FEED_PREFIX, type SavedView } from "../saved-views";

/** For the feed route (app/feeds), whose readers cannot sign in: the secret feed token is the check. */

/**
 * The view a feed token opens and a context acting as its owner, or null for an unknown or malformed token.
 * The caller's DAL calls then check the owner's current permissions: a disabled owner's feeds stop.
 */
export async function viewForFeedToken(db: Db, token: string): Promise<{ ctx: DalContext; view: SavedView } | null> {
  if (!token.startsWith(FEED_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters, userId: savedViews.userId })
    .from(savedViews)
    .where(eq(savedViews.feedTokenHash, hashSecret(token)));
  if (!row) return null;
  const ctx: DalContext = { db, userId: row.userId };
  await requirePermission(ctx, "views:save");
  return { ctx, view: asView(row) };
}
