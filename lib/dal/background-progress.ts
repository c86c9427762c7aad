import { desc } from "drizzle-orm";
import { retagJobs, toneRescoreJobs } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";

/** The latest re-tag, for the pages that say tagging is being brought up to date. */
export async function retagStatus(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  const [job] = await ctx.db.select().from(retagJobs).orderBy(desc(retagJobs.id)).limit(1);
  return job ?? null;
}

/** The latest re-score, for the pages that say tone is being brought up to date. */
export async function toneRescoreStatus(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  const [job] = await ctx.db.select().from(toneRescoreJobs).orderBy(desc(toneRescoreJobs.id)).limit(1);
  return job ?? null;
}
