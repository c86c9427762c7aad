import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { ALL_THEMES, ALL_TIME, ANY_COUNTERPART, CELL_GRAINS, CELL_TABLES, type CellGrain } from "@/db/schema";

const KEY = "speaker_iso3, counterpart_iso3, theme_id, language, day, precision";
/** The additive sums of a cell, after its key. */
export const CELL_SUMS = [
  "statements",
  "passages",
  "tone_sum",
  "tone_sum_sq",
  "tone_n",
  "tone_statements",
  "cluster_sum_sq",
  "cluster_cross",
  "cluster_n_sq",
] as const;
const INTEGER_SUMS = new Set(["statements", "passages", "tone_n", "tone_statements"]);
const COLUMNS = `${KEY}, ${CELL_SUMS.join(", ")}`;

/**
 * The cells a set of statements contributes, computed from raw rows. `scope` limits it to some statements
 * (incremental upkeep) or is empty (full rebuild). One definition for both, so they cannot drift apart.
 *
 * A pair's passages are those addressed to its counterpart (passage_counterparts), or all of the statement's
 * when staff set the pair (origin metadata or manual). Pair × theme: the pair's passages carrying the theme,
 * and the statements they are in; a theme a person set on a whole statement counts the statement for each
 * of its pairs, with no passage. Pair × ALL_THEMES: every statement of the pair and the pair's passages.
 * Speaker × ANY_COUNTERPART × ALL_THEMES: everything the speaker's country said.
 */
function contributions(scope: SQL): SQL {
  return sql`
    with dated as (
      select s.id, s.date as day, coalesce(s.date_precision, 'day'::date_precision) as precision, s.speaker_country, s.language
      from statements s where s.date is not null ${scope}
    ),
    pair_passages as (
      select sp.statement_id, sp.speaker_iso3, sp.counterpart_iso3, p.id as passage_id, p.tone
      from statement_pairs sp join dated d on d.id = sp.statement_id join passages p on p.statement_id = sp.statement_id
      where sp.origin <> 'mention'
        or exists (select 1 from passage_counterparts pc where pc.passage_id = p.id and pc.iso3 = sp.counterpart_iso3 and pc.addressed)
    ),
    themed as (
      select distinct t.statement_id, t.theme_id, t.passage_id
      from tags t join dated d on d.id = t.statement_id
      where t.status <> 'rejected'
    ),
    units as (
      select pp.speaker_iso3, pp.counterpart_iso3, th.theme_id, pp.statement_id, pp.passage_id, pp.tone
      from pair_passages pp join themed th on th.passage_id = pp.passage_id
      union all
      select sp.speaker_iso3, sp.counterpart_iso3, th.theme_id, th.statement_id, null, null
      from themed th join statement_pairs sp on sp.statement_id = th.statement_id where th.passage_id is null
      union all
      select speaker_iso3, counterpart_iso3, ${ALL_THEMES}, statement_id, passage_id, tone from pair_passages
      union all
      select sp.speaker_iso3, sp.counterpart_iso3, ${ALL_THEMES}, sp.statement_id, null, null from statement_pairs sp join dated d on d.id = sp.statement_id
      union all
      select d.speaker_country, ${ANY_COUNTERPART}::varchar, ${ALL_THEMES}, d.id, p.id, p.tone from dated d join passages p on p.statement_id = d.id where d.speaker_country is not null
      union all
      select d.speaker_country, ${ANY_COUNTERPART}::varchar, ${ALL_THEMES}, d.id, null, null from dated d where d.speaker_country is not null
    ),
    per_statement as (
      select speaker_iso3, counterpart_iso3, theme_id, statement_id, count(passage_id)::int as passages,
        sum(tone)::float8 as tone_sum, coalesce(sum(tone * tone), 0)::float8 as tone_sum_sq, count(tone)::int as tone_n
      from units group by 1, 2, 3, 4
    )
    select ps.speaker_iso3, ps.counterpart_iso3, ps.theme_id, d.language, d.day, d.precision,
      count(*)::int as statements,
      sum(ps.passages)::int as passages,
      coalesce(sum(ps.tone_sum), 0)::float8 as tone_sum,
      sum(ps.tone_sum_sq)::float8 as tone_sum_sq,
      sum(ps.tone_n)::int as tone_n,
      count(*) filter (where ps.tone_n > 0)::int as tone_statements,
      coalesce(sum(ps.tone_sum * ps.tone_sum), 0)::float8 as cluster_sum_sq,
      coalesce(sum(ps.tone_sum * ps.tone_n), 0)::float8 as cluster_cross,
      sum(ps.tone_n * ps.tone_n)::float8 as cluster_n_sq
    from per_statement ps join dated d on d.id = ps.statement_id
    group by ps.speaker_iso3, ps.counterpart_iso3, ps.theme_id, d.language, d.day, d.precision`;
}

/**
 * Day cells rolled up to a grain: a statement has one date, so counts add up exactly across days. A month
 * cell is at best precise to the month (a day-dated statement in it is "month" there), a year cell to the
 * year: fewer cells, and a chart still sees which statements its interval may not place.
 */
function rolledUp(grain: CellGrain, from: string): SQL {
  if (grain === "day") return sql.raw(`select ${COLUMNS} from ${from}`);
  const day = grain === "all" ? `'${ALL_TIME}'::date` : `date_trunc('${grain}', day::timestamp)::date`;
  return sql.raw(`select speaker_iso3, counterpart_iso3, theme_id, language, ${day} as day,
      greatest(precision, '${grain === "all" ? "year" : grain}'::date_precision) as precision,
      ${CELL_SUMS.map((c) => `sum(${c})::${INTEGER_SUMS.has(c) ? "int" : "float8"} as ${c}`).join(", ")}
    from ${from} group by 1, 2, 3, 4, 5, 6`);
}

/** Adds (sign 1) or takes away (sign -1) what the given statements contribute, at every grain. Call inside the writing transaction. */
export async function applyCells(db: Db, statementIds: number[], sign: 1 | -1): Promise<void> {
  if (statementIds.length === 0) return;
  const ids = sql`and s.id in (${sql.join(
    statementIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  // One statement: the contributions are computed once and added to each grain; the keys that fell to zero come back.
  const upserts = CELL_GRAINS.map(
    (grain) => sql`${sql.raw(`up_${grain}`)} as (
      insert into ${sql.raw(CELL_TABLES[grain])} (${sql.raw(COLUMNS)})
      select ${sql.raw(KEY)}, ${sql.raw(CELL_SUMS.map((c) => `${sign} * ${c}`).join(", "))}
      from (${rolledUp(grain, "c")}) r
      on conflict (${sql.raw(KEY)}) do update set
        ${sql.raw(CELL_SUMS.map((c) => `${c} = ${CELL_TABLES[grain]}.${c} + excluded.${c}`).join(", "))}
      returning ${sql.raw(KEY)}, statements)`,
  );
  const emptied = sql.join(
    CELL_GRAINS.map((grain) => sql`select ${grain} as grain, ${sql.raw(KEY)} from ${sql.raw(`up_${grain}`)} where statements = 0`),
    sql` union all `,
  );
  const result = await db.execute(sql`with c as materialized (${contributions(ids)}), ${sql.join(upserts, sql`, `)} ${emptied}`);
  const zero = rowsOf<{
    grain: CellGrain;
    speaker_iso3: string;
    counterpart_iso3: string;
    theme_id: number;
    language: string;
    day: string;
    precision: string;
  }>(result);
  // Only the keys this write emptied: a scan for every zero cell would grow with the whole table.
  // The keys go as one JSON parameter: a batch of long statements empties thousands of them, and a parameter
  // apiece (five per key) made a query that PGlite refused.
  for (const grain of CELL_GRAINS) {
    const keys = zero.filter((z) => z.grain === grain);
    if (keys.length === 0) continue;
    await db.execute(sql`delete from ${sql.raw(CELL_TABLES[grain])} c
      using json_to_recordset(${JSON.stringify(keys)}::json) as k(speaker_iso3 text, counterpart_iso3 text, theme_id int, language text, day date, precision date_precision)
      where c.statements = 0 and (c.speaker_iso3, c.counterpart_iso3, c.theme_id, c.language, c.day, c.precision) = (k.speaker_iso3, k.counterpart_iso3, k.theme_id, k.language, k.day, k.precision)`);
  }
}

/** Runs a change to some statements and keeps their cells in step, all in one transaction. */
export async function withCells<T>(db: Db, statementIds: number[], change: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // The statements first, in id order, as a re-tag or re-score batch locks them: then the cells.
        if (statementIds.length > 0) {
          await tx.execute(
            sql`select id from statements where id in (select jsonb_array_elements_text(${JSON.stringify(statementIds)}::jsonb)::int) order by id for update`,
          );
        }
        await applyCells(tx, statementIds, -1);
        const result = await change(tx);
        await applyCells(tx, statementIds, 1);
        return result;
      });
    } catch (error) {
      // Two writers whose cells overlap can still meet in opposite order; Postgres ends one, which wrote nothing
      // (the whole transaction rolled back), so it is simply done again.
      if (attempt >= 3 || !isDeadlock(error)) throw error;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === "40P01") return true;
  return false;
}

/** Throws the cells away and computes them again from raw rows: the day grain from raw rows, the coarser ones from it. */
export async function rebuildCells(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const grain of CELL_GRAINS) await tx.execute(sql.raw(`delete from ${CELL_TABLES[grain]}`));
    // In key order, so one pair's cells sit together on a few pages and a chart reads those pages only.
    await tx.execute(
      sql`insert into series_cells (${sql.raw(COLUMNS)}) select * from (${contributions(sql``)}) c order by 1, 2, 3, 4, 5, 6`,
    );
    for (const grain of CELL_GRAINS.filter((g) => g !== "day")) {
      await tx.execute(
        sql`insert into ${sql.raw(CELL_TABLES[grain])} (${sql.raw(COLUMNS)}) ${rolledUp(grain, "series_cells")} order by 1, 2, 3, 4, 5, 6`,
      );
    }
  });
}
