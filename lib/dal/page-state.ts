import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { requirePermission, type DalContext } from "./context";

/**
 * All a signed-in chart page shows beyond its address, as one stamp: two requests with equal stamps for the same
 * address get the same page (lib/auth/page-cache.ts keeps it whole). The data version covers everything a chart,
 * list or desk reads (every write moves it at commit); the rest can change without it: who is looking (their name
 * in the header; their role picks links and forms), their saved views (only ever added or deleted, so a count and
 * the highest id tell every change), and the tone re-score's progress (it can end without a write).
 */
export async function pageStamp(ctx: DalContext): Promise<{ version: bigint; viewer: string }> {
  const actor = await requirePermission(ctx, "series:read");
  const [row] = rowsOf<{ version: string; views: string; rescore: string | null }>(
    await ctx.db.execute(sql`select
      (select version::text from data_version where id = 1) as version,
      (select count(*) || ':' || coalesce(max(id), 0) from saved_views where user_id = ${actor.id}) as views,
      (select id || ':' || status || ':' || done || ':' || total from tone_rescore_jobs order by id desc limit 1) as rescore`),
  );
  return {
    version: BigInt(row?.version ?? 0),
    viewer: JSON.stringify([actor.id, actor.name, actor.email, actor.role, row?.views ?? "", row?.rescore ?? ""]),
  };
}
