import { asc, count, desc, eq, sql } from "drizzle-orm";
import { countries, statementPairs, themes } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";

export async function listThemes(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  return ctx.db
    .select({ slug: themes.slug, name: themes.name, color: themes.color, parentId: themes.parentId, id: themes.id })
    .from(themes)
    .where(eq(themes.enabled, true))
    .orderBy(asc(themes.id));
}

/** Country pairs that have statements, busiest first, with names for pickers. */
export async function listPairs(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  const speaker = sql<string>`(select name from ${countries} where iso3 = ${statementPairs.speakerIso3})`;
  const counterpart = sql<string>`(select name from ${countries} where iso3 = ${statementPairs.counterpartIso3})`;
  return ctx.db
    .select({
      speaker: statementPairs.speakerIso3,
      counterpart: statementPairs.counterpartIso3,
      speakerName: speaker,
      counterpartName: counterpart,
      statements: count(),
    })
    .from(statementPairs)
    .groupBy(statementPairs.speakerIso3, statementPairs.counterpartIso3)
    .orderBy(desc(count()), asc(statementPairs.speakerIso3), asc(statementPairs.counterpartIso3));
}
