import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { shortLinks } from "@/db/schema";
import { selectionToParams } from "@/lib/engine/selection-params";
import { describeIssues } from "@/lib/validation";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { pairSeriesQuerySchema } from "./pair-series";

const CODE = /^[A-Za-z0-9_-]{8}$/;

/** A short code for a dashboard view (stored as its normal query string); the same filters always get the same code. */
export async function shortLinkFor(ctx: DalContext, filters: z.input<typeof pairSeriesQuerySchema>): Promise<{ code: string }> {
  const actor = await requirePermission(ctx, "series:read");
  const parsed = pairSeriesQuerySchema.safeParse(filters);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const normal = selectionToParams(parsed.data).toString();
  const [existing] = await ctx.db.select({ code: shortLinks.code }).from(shortLinks).where(eq(shortLinks.query, normal)).limit(1);
  if (existing) return existing;
  const code = randomBytes(6).toString("base64url");
  await ctx.db.insert(shortLinks).values({ code, query: normal, createdBy: actor.id });
  return { code };
}

/** The dashboard query string a short code stands for. */
export async function resolveShortLink(ctx: DalContext, code: string): Promise<string> {
  await requirePermission(ctx, "series:read");
  const [row] = CODE.test(code) ? await ctx.db.select({ query: shortLinks.query }).from(shortLinks).where(eq(shortLinks.code, code)) : [];
  if (!row) throw new DalError("not_found", "This short link does not exist.");
  return row.query;
}
