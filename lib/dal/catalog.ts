import { asc, count, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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

/** The busiest country pairs, with names for pickers; names are joined after the limit, not per group. */
export async function listPairs(ctx: DalContext, limit = 400) {
  await requirePermission(ctx, "statements:read");
  const busiest = ctx.db
    .select({ speaker: statementPairs.speakerIso3, counterpart: statementPairs.counterpartIso3, statements: count().as("statements") })
    .from(statementPairs)
    .groupBy(statementPairs.speakerIso3, statementPairs.counterpartIso3)
    .orderBy(desc(count()), asc(statementPairs.speakerIso3), asc(statementPairs.counterpartIso3))
    .limit(limit)
    .as("busiest");
  const speaker = alias(countries, "speaker");
  const counterpart = alias(countries, "counterpart");
  return ctx.db
    .select({
      speaker: busiest.speaker,
      counterpart: busiest.counterpart,
      speakerName: speaker.name,
      counterpartName: counterpart.name,
      statements: busiest.statements,
    })
    .from(busiest)
    .innerJoin(speaker, eq(speaker.iso3, busiest.speaker))
    .innerJoin(counterpart, eq(counterpart.iso3, busiest.counterpart))
    .orderBy(desc(busiest.statements), asc(busiest.speaker), asc(busiest.counterpart));
}

/** Country names by ISO code, for titles. */
export async function countryNames(ctx: DalContext, codes: string[]): Promise<Map<string, string>> {
  await requirePermission(ctx, "statements:read");
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ iso3: countries.iso3, name: countries.name }).from(countries).where(inArray(countries.iso3, codes));
  return new Map(rows.map((r) => [r.iso3, r.name]));
}
