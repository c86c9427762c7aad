import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ALL_THEMES } from "@/db/schema";

/**
 * The cells a set of statements contributes, computed from raw rows. `scope` limits it to some statements
 * (incremental upkeep) or is empty (full rebuild). One definition for both, so they cannot drift apart.
 */
function contributions(scope: SQL): SQL {
  return sql`
    with dated as (
      select s.id, s.date as day, coalesce(s.date_precision, 'day'::date_precision) as precision from statements s where s.date is not null ${scope}
    ),
    themed as (
      select distinct t.statement_id, t.theme_id, t.passage_id
      from tags t join dated d on d.id = t.statement_id
      where t.status <> 'rejected'
    ),
    units as (
      select th.statement_id, th.theme_id, th.passage_id, p.tone from themed th left join passages p on p.id = th.passage_id
      union all
      select p.statement_id, ${ALL_THEMES}, p.id, p.tone from passages p join dated d on d.id = p.statement_id
      union all
      select d.id, ${ALL_THEMES}, null, null from dated d
    )
    select sp.speaker_iso3, sp.counterpart_iso3, u.theme_id, d.day, d.precision,
      count(distinct u.statement_id)::int as statements,
      count(u.passage_id)::int as passages,
      coalesce(sum(u.tone), 0)::float8 as tone_sum,
      coalesce(sum(u.tone * u.tone), 0)::float8 as tone_sum_sq,
      count(u.tone)::int as tone_n
    from units u
    join dated d on d.id = u.statement_id
    join statement_pairs sp on sp.statement_id = u.statement_id
    group by sp.speaker_iso3, sp.counterpart_iso3, u.theme_id, d.day, d.precision`;
}

/** Adds (sign 1) or takes away (sign -1) what the given statements contribute. Call inside the writing transaction. */
export async function applyCells(db: Db, statementIds: number[], sign: 1 | -1): Promise<void> {
  if (statementIds.length === 0) return;
  const ids = sql`and s.id in (${sql.join(
    statementIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  await db.execute(sql`
    insert into series_cells (speaker_iso3, counterpart_iso3, theme_id, day, precision, statements, passages, tone_sum, tone_sum_sq, tone_n)
    select speaker_iso3, counterpart_iso3, theme_id, day, precision, ${sign} * statements, ${sign} * passages,
      ${sign} * tone_sum, ${sign} * tone_sum_sq, ${sign} * tone_n
    from (${contributions(ids)}) c
    on conflict (speaker_iso3, counterpart_iso3, theme_id, day, precision) do update set
      statements = series_cells.statements + excluded.statements,
      passages = series_cells.passages + excluded.passages,
      tone_sum = series_cells.tone_sum + excluded.tone_sum,
      tone_sum_sq = series_cells.tone_sum_sq + excluded.tone_sum_sq,
      tone_n = series_cells.tone_n + excluded.tone_n`);
  if (sign === -1) await db.execute(sql`delete from series_cells where statements = 0`);
}

/** Runs a change to some statements and keeps their cells in step, all in one transaction. */
export async function withCells<T>(db: Db, statementIds: number[], change: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await applyCells(tx, statementIds, -1);
    const result = await change(tx);
    await applyCells(tx, statementIds, 1);
    return result;
  });
}

/** Throws the cells away and computes them again from raw rows. */
export async function rebuildCells(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from series_cells`);
    await tx.execute(sql`
      insert into series_cells (speaker_iso3, counterpart_iso3, theme_id, day, precision, statements, passages, tone_sum, tone_sum_sq, tone_n)
      ${contributions(sql``)}`);
  });
}
