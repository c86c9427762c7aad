// `npx tsx scripts/eval/pairs-figures.ts`: loads the demo corpus (data/demo) into an in-memory PGlite the way a first
// start does, and prints the per-pair figures of docs/pairs.md. Written against pairSeries' shape before and
// after passage counterparts, so the same file runs on an older commit for the "before" column.
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/lib/boot/seed";
import { pairSeries } from "@/lib/dal/pair-series";
import { cliArgs } from "@/scripts/lib/cli";

const BUSIEST = 120;

async function main() {
  cliArgs("usage: npx tsx scripts/eval/pairs-figures.ts (per-pair figures on the demo corpus, docs/pairs.md)", {});
  const database = await openDatabase({ driver: "pglite", location: "memory://" });
  await migrateDatabase(database);
  const started = performance.now();
  const seeded = await seedDatabase(database.db, { demoAccounts: true });
  console.log(`seeded ${seeded.statements} statements in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const db = database.db;
  const [user] = rowsOf<{ id: number }>(await db.execute(sql`select id from users where role = 'analyst' order by id limit 1`));
  const ctx = { db, userId: user!.id };
  const query = (speaker: string, counterpart: string, theme: string) =>
    pairSeries(ctx, {
      pairs: [{ speaker, counterpart }],
      bothDirections: false,
      themes: [theme],
      interval: "year",
      measure: "statements",
      scale: "count",
    });

  const nk = (await query("ARM", "AZE", "nagorno-karabakh")).series[0]!.points as unknown as {
    period: string;
    value: number | null;
    statements: number;
    passages: number;
    tone: { mean: number } | null;
  }[];
  console.log("\nARM → AZE, Nagorno-Karabakh, statements (passages) per year; '—' is a gap (null), t = tone mean:");
  console.log(
    nk
      .map((p) => `${p.period}: ${p.value === null ? "—" : `${p.value} (${p.passages})`}${p.tone ? ` t=${p.tone.mean.toFixed(2)}` : ""}`)
      .join(", "),
  );

  const egy = (await query("EGY", "PSE", "democracy")).series[0]!.points;
  const [egyTotal] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from statement_pairs where speaker_iso3 = 'EGY' and counterpart_iso3 = 'PSE'`),
  );
  console.log(`\nEGY → PSE: ${egyTotal!.n} statements in the pair, ${egy.reduce((n, p) => n + p.statements, 0)} counted as democracy`);

  const [pairs] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (select distinct speaker_iso3, counterpart_iso3 from statement_pairs) p`),
  );
  console.log(`\npairs: ${pairs!.n}`);
  try {
    const [passing] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (
        select s.speaker_country, pc.iso3 from passage_counterparts pc join passages p on p.id = pc.passage_id join statements s on s.id = p.statement_id
        where s.speaker_country is not null group by 1, 2 having not bool_or(pc.addressed)) x`),
    );
    console.log(`speaker → country named only in passing, in every statement (no pair now): ${passing!.n}`);
    const [resting] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select distinct sp.speaker_iso3, sp.counterpart_iso3 from statement_pairs sp
        where sp.origin = 'mention' and not exists (select 1 from passages p join passage_counterparts pc on pc.passage_id = p.id
          where p.statement_id = sp.statement_id and pc.iso3 = sp.counterpart_iso3 and pc.addressed)) x`),
    );
    console.log(`pairs resting only on passing mentions now: ${resting!.n}`);
  } catch {
    console.log("(no passage_counterparts table on this commit)");
  }

  const busiest = rowsOf<{ speaker: string; counterpart: string; theme: string }>(
    await db.execute(sql`select c.speaker_iso3 as speaker, c.counterpart_iso3 as counterpart, t.slug as theme
      from series_cells_all c join themes t on t.id = c.theme_id where c.theme_id <> 0 and c.counterpart_iso3 <> ''
      order by c.statements desc, 1, 2, 3 limit ${BUSIEST}`),
  );
  let withTone = 0;
  let tonePoints = 0;
  let points = 0;
  for (const b of busiest) {
    const series = (await query(b.speaker, b.counterpart, b.theme)).series[0]!.points.filter((p) => p.statements > 0);
    const toned = series.filter((p) => p.tone !== null).length;
    if (toned > 0) withTone++;
    tonePoints += toned;
    points += series.length;
  }
  console.log(
    `\n${BUSIEST} busiest pair × theme yearly series: ${withTone} have tone points (${tonePoints} of ${points} years with statements have a tone point)`,
  );
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
