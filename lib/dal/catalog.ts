import { asc, eq, inArray, sql } from "drizzle-orm";
import { ALL_THEMES, ANY_COUNTERPART, countries, themes } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import { cachedRead } from "./read-cache";

export function listThemes(ctx: DalContext) {
  return cachedRead(ctx, "statements:read", "listThemes", null, () => readThemes(ctx));
}

async function readThemes(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  return ctx.db
    .select({ slug: themes.slug, name: themes.name, color: themes.color, parentId: themes.parentId, id: themes.id })
    .from(themes)
    .where(eq(themes.enabled, true))
    .orderBy(asc(themes.id));
}

/**
 * Country pairs that have statements, busiest first (at most `limit`), with names for pickers. Dated statements are counted
 * from the all-time series cells (a row per pair and theme, not every statement's pairs); undated ones from raw rows.
 */
export function listPairs(ctx: DalContext, limit = 400): Promise<PairCount[]> {
  return cachedRead(ctx, "statements:read", "listPairs", limit, () => readPairs(ctx, limit));
}

type PairCount = { speaker: string; counterpart: string; speakerName: string; counterpartName: string; statements: number };

async function readPairs(ctx: DalContext, limit: number): Promise<PairCount[]> {
  await requirePermission(ctx, "statements:read");
  const result = await ctx.db.execute(sql`
    select p.speaker, p.counterpart, (select name from countries where iso3 = p.speaker) as "speakerName",
      (select name from countries where iso3 = p.counterpart) as "counterpartName", p.statements
    from (
      select speaker_iso3 as speaker, counterpart_iso3 as counterpart, sum(n)::int as statements
      from (
        select speaker_iso3, counterpart_iso3, statements as n from series_cells_all where theme_id = ${ALL_THEMES} and counterpart_iso3 <> ${ANY_COUNTERPART}
        union all
        select sp.speaker_iso3, sp.counterpart_iso3, 1 from statement_pairs sp join statements s on s.id = sp.statement_id where s.date is null
      ) counted
      group by 1, 2
      order by 3 desc, 1, 2
      limit ${limit}
    ) p
    order by p.statements desc, p.speaker, p.counterpart`);
  return (result as unknown as { rows: PairCount[] }).rows;
}

/** Country names by ISO code, for titles. */
export function countryNames(ctx: DalContext, codes: string[]): Promise<Map<string, string>> {
  return cachedRead(ctx, "statements:read", "countryNames", [...new Set(codes)].sort(), () => readCountryNames(ctx, codes));
}

async function readCountryNames(ctx: DalContext, codes: string[]): Promise<Map<string, string>> {
  await requirePermission(ctx, "statements:read");
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ iso3: countries.iso3, name: countries.name }).from(countries).where(inArray(countries.iso3, codes));
  return new Map(rows.map((r) => [r.iso3, r.name]));
}
