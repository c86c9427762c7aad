// `npm run bench:generate -- --statements 1000000 [--database-url postgres://…] [--pglite-dir DIR]`:
// a synthetic corpus for the scale benchmark, resampled from the real passages in ../shared/data (or the
// demo corpus). Rows go in with INSERT … SELECT FROM unnest(…) in large batches — not through the import
// pipeline — and the series cells are then rebuilt from the raw rows.
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { contentHash } from "@/lib/engine/hash";
import { COUNTERPARTS_VERSION } from "@/lib/engine/counterparts";
import { TAGGER_VERSION } from "@/lib/engine/tag";
import { TONE_VERSION } from "@/lib/engine/tone";
import { readPool, poolSources, type PoolPassage } from "./corpus-pool";
import { BENCH_TARGET_OPTIONS, benchTarget, openBenchDatabase, rawClient, type RawClient } from "./database";
import { seededRandom as random } from "@/lib/engine/stats";
import { cliArgs, numberArg } from "@/scripts/lib/cli";

const SPEAKERS = [
  "USA",
  "RUS",
  "CHN",
  "GBR",
  "FRA",
  "DEU",
  "TUR",
  "IRN",
  "AZE",
  "ARM",
  "GEO",
  "UKR",
  "IND",
  "PAK",
  "JPN",
  "BRA",
  "ZAF",
  "EGY",
  "ISR",
  "KAZ",
];
const COUNTERPARTS = [
  "AZE",
  "ARM",
  "RUS",
  "USA",
  "UKR",
  "GEO",
  "CHN",
  "IRN",
  "TUR",
  "AFG",
  "SYR",
  "ISR",
  "IND",
  "PAK",
  "FRA",
  "DEU",
  "GBR",
  "KAZ",
  "IRQ",
  "PRK",
];
const KINDS = ["statement", "speech", "press release", "readout"];
const FIRST_DAY = Date.UTC(1994, 0, 1);
const YEARS = 30;
const PASSAGE_CHARS = 160;

interface Args {
  statements: number;
  batch: number;
  seed: number;
  append: boolean;
}

const USAGE =
  "usage: npm run bench:generate -- [--statements 1000000] [--batch 5000] [--seed 7] [--append] [--database-url postgres://…] [--pglite-dir DIR]";

function parseCommandLine(): { args: Args; target: ReturnType<typeof benchTarget> } {
  const { values } = cliArgs(USAGE, {
    statements: { type: "string" },
    batch: { type: "string" },
    seed: { type: "string" },
    append: { type: "boolean" },
    ...BENCH_TARGET_OPTIONS,
  });
  const args = {
    statements: numberArg(values.statements, "statements", 1_000_000),
    batch: numberArg(values.batch, "batch", 5_000),
    seed: numberArg(values.seed, "seed", 7),
    append: values.append ?? false,
  };
  return { args, target: benchTarget(values) };
}

/** 200 directed pairs (20 speakers × 10 counterparts), busier towards the front, as real attention is. */
function directedPairs(next: () => number) {
  const pairs: { speaker: string; counterpart: string; weight: number }[] = [];
  for (const [i, speaker] of SPEAKERS.entries()) {
    const others = COUNTERPARTS.filter((c) => c !== speaker);
    for (let j = 0; j < 10; j++) pairs.push({ speaker, counterpart: others[(i + j * 3) % others.length]!, weight: 0 });
  }
  const seen = new Set<string>();
  const unique = pairs.filter((p) => !seen.has(`${p.speaker}>${p.counterpart}`) && seen.add(`${p.speaker}>${p.counterpart}`));
  unique.forEach((p, rank) => (p.weight = 1 / (rank + 8) + next() * 0.02));
  const total = unique.reduce((n, p) => n + p.weight, 0);
  let running = 0;
  return unique.map((p) => ({ ...p, upTo: (running += p.weight / total) }));
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= PASSAGE_CHARS) return flat;
  const cut = flat.lastIndexOf(" ", PASSAGE_CHARS);
  return flat.slice(0, cut > 40 ? cut : PASSAGE_CHARS);
}

interface Batch {
  statements: {
    id: number[];
    title: string[];
    text: string[];
    date: string[];
    precision: string[];
    speaker: string[];
    kind: string[];
    hash: string[];
    tone: (number | null)[];
  };
  passages: { id: number[]; statementId: number[]; ordinal: number[]; start: number[]; end: number[]; tone: (number | null)[] };
  pairs: { statementId: number[]; speaker: string[]; counterpart: string[]; origin: string[]; primary: boolean[]; mentions: number[] };
  tags: { id: number[]; statementId: number[]; passageId: number[]; themeId: number[]; status: string[]; confidence: number[] };
}

function emptyBatch(): Batch {
  return {
    statements: { id: [], title: [], text: [], date: [], precision: [], speaker: [], kind: [], hash: [], tone: [] },
    passages: { id: [], statementId: [], ordinal: [], start: [], end: [], tone: [] },
    pairs: { statementId: [], speaker: [], counterpart: [], origin: [], primary: [], mentions: [] },
    tags: { id: [], statementId: [], passageId: [], themeId: [], status: [], confidence: [] },
  };
}

/** Makes statements one batch at a time from the pool; ids are assigned here so tags can point at passages. */
function generator(
  pool: PoolPassage[],
  themeIds: Map<string, number>,
  seed: number,
  firstIds: { statement: number; passage: number; tag: number },
) {
  const next = random(seed);
  const pairs = directedPairs(next);
  const bySpeaker = new Map<string, typeof pairs>();
  for (const p of pairs) bySpeaker.set(p.speaker, [...(bySpeaker.get(p.speaker) ?? []), p]);
  const tagged = pool.filter((p) => p.tags.some((t) => themeIds.has(t.theme)));
  const untagged = pool.filter((p) => p.tags.length === 0);
  const texts = new Map<PoolPassage, string>();
  const textOf = (p: PoolPassage) => texts.get(p) ?? (texts.set(p, truncate(p.text)), texts.get(p)!);
  const ids = { ...firstIds };
  const pickPair = () => {
    const u = next();
    let lo = 0;
    let hi = pairs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]!.upTo < u) lo = mid + 1;
      else hi = mid;
    }
    return pairs[lo]!;
  };

  return function make(count: number): Batch {
    const batch = emptyBatch();
    for (let n = 0; n < count; n++) {
      const id = ids.statement++;
      const pair = pickPair();
      // More statements in later years, as in the real corpora.
      const day = new Date(FIRST_DAY + Math.floor(Math.sqrt(next()) * YEARS * 365.25) * 86_400_000);
      const p = next();
      const precision = p < 0.9 ? "day" : p < 0.97 ? "month" : "year";
      const iso = day.toISOString().slice(0, 10);
      const date = precision === "day" ? iso : precision === "month" ? `${iso.slice(0, 7)}-01` : `${iso.slice(0, 4)}-01-01`;
      const title = `Synthetic ${KINDS[id % KINDS.length]} ${pair.speaker} → ${pair.counterpart} #${id}`;
      const parts = [title];
      let offset = title.length;
      const tones: number[] = [];
      const k = 3 + Math.floor(next() * 11);
      for (let ordinal = 0; ordinal < k; ordinal++) {
        const source = next() < 0.9 ? tagged[Math.floor(next() * tagged.length)]! : untagged[Math.floor(next() * untagged.length)]!;
        const text = textOf(source);
        const start = offset + 2;
        parts.push(text);
        offset = start + text.length;
        const passageId = ids.passage++;
        batch.passages.id.push(passageId);
        batch.passages.statementId.push(id);
        batch.passages.ordinal.push(ordinal);
        batch.passages.start.push(start);
        batch.passages.end.push(offset);
        batch.passages.tone.push(source.tone);
        if (source.tone !== null) tones.push(source.tone);
        for (const tag of source.tags) {
          const themeId = themeIds.get(tag.theme);
          if (themeId === undefined) continue;
          const s = next();
          batch.tags.id.push(ids.tag++);
          batch.tags.statementId.push(id);
          batch.tags.passageId.push(passageId);
          batch.tags.themeId.push(themeId);
          batch.tags.status.push(s < 0.97 ? "suggested" : s < 0.99 ? "accepted" : "rejected");
          batch.tags.confidence.push(tag.confidence);
        }
      }
      const text = parts.join("\n\n");
      const st = batch.statements;
      st.id.push(id);
      st.title.push(title);
      st.text.push(text);
      st.date.push(date);
      st.precision.push(precision);
      st.speaker.push(pair.speaker);
      st.kind.push(KINDS[id % KINDS.length]!);
      st.hash.push(contentHash(text));
      st.tone.push(tones.length > 0 ? tones.reduce((a, b) => a + b, 0) / tones.length : null);
      const addPair = (counterpart: string, primary: boolean) => {
        batch.pairs.statementId.push(id);
        batch.pairs.speaker.push(pair.speaker);
        batch.pairs.counterpart.push(counterpart);
        batch.pairs.origin.push(primary ? "metadata" : "mention");
        batch.pairs.primary.push(primary);
        batch.pairs.mentions.push(primary ? 1 + Math.floor(next() * 4) : 1);
      };
      addPair(pair.counterpart, true);
      if (next() < 0.3) {
        const other = bySpeaker.get(pair.speaker)!.filter((q) => q.counterpart !== pair.counterpart);
        addPair(other[Math.floor(next() * other.length)]!.counterpart, false);
      }
    }
    return batch;
  };
}

async function writeBatch(client: RawClient, b: Batch): Promise<void> {
  const s = b.statements;
  await client.query(
    // Passage tones and tags are copied from passages this engine read, so the rows carry its versions (tone,
    // tagger, counterpart classifier: lib/boot/startup.ts re-reads a statement missing any of them): a start-up
    // with this engine does not re-score or re-tag a million synthetic statements.
    `insert into statements (id, title, text, original_text, date, date_precision, speaker_country, kind, language, content_hash, tone, tone_version, tagger_version, counterparts_version)
     select id, title, text, text, date, precision::date_precision, speaker, kind, 'en', hash, tone, $10, $11, $12
     from unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::real[])
       as u(id, title, text, date, precision, speaker, kind, hash, tone)`,
    [s.id, s.title, s.text, s.date, s.precision, s.speaker, s.kind, s.hash, s.tone, TONE_VERSION, TAGGER_VERSION, COUNTERPARTS_VERSION],
  );
  const p = b.passages;
  await client.query(
    `insert into passages (id, statement_id, ordinal, start_offset, end_offset, tone)
     select * from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::real[])`,
    [p.id, p.statementId, p.ordinal, p.start, p.end, p.tone],
  );
  const sp = b.pairs;
  await client.query(
    `insert into statement_pairs (statement_id, speaker_iso3, counterpart_iso3, origin, is_primary, mentions)
     select statement_id, speaker, counterpart, origin::pair_origin, is_primary, mentions
     from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::int[]) as u(statement_id, speaker, counterpart, origin, is_primary, mentions)`,
    [sp.statementId, sp.speaker, sp.counterpart, sp.origin, sp.primary, sp.mentions],
  );
  const t = b.tags;
  await client.query(
    `insert into tags (id, statement_id, passage_id, theme_id, origin, status, confidence, codebook_version)
     select id, statement_id, passage_id, theme_id, 'auto', status::tag_status, confidence, 1
     from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[], $6::real[]) as u(id, statement_id, passage_id, theme_id, status, confidence)`,
    [t.id, t.statementId, t.passageId, t.themeId, t.status, t.confidence],
  );
}

async function inOneTransaction(client: RawClient, write: () => Promise<void>): Promise<void> {
  await client.query("begin");
  try {
    // Foreign-key triggers off for the batch (as pg_restore --disable-triggers): the rows are consistent by
    // construction, and checkOrphans proves it once at the end. They cost three quarters of the load.
    await client.query("set local session_replication_role = replica");
    await write();
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

/** What the skipped foreign keys would have caught: rows pointing at nothing. */
async function checkOrphans(client: RawClient): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`select
    (select count(*) from passages p where not exists (select 1 from statements s where s.id = p.statement_id))
    + (select count(*) from statement_pairs sp where not exists (select 1 from statements s where s.id = sp.statement_id))
    + (select count(*) from tags t where not exists (select 1 from passages p where p.id = t.passage_id and p.statement_id = t.statement_id))
    + (select count(*) from tags t where not exists (select 1 from themes h where h.id = t.theme_id)) as n`);
  if (Number(rows[0]!.n) > 0) throw new Error(`${rows[0]!.n} generated rows point at nothing: the generator is wrong`);
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString("en")} rows/s`;

async function main() {
  const { args, target } = parseCommandLine();
  const database = await openBenchDatabase(target);
  const client = await rawClient(database);
  const began = performance.now();
  await migrateDatabase(database);
  await seedCountries(database.db);
  await seedCodebook(database.db);
  const [{ n: existing }] = (await client.query<{ n: number }>("select count(*)::int as n from statements")).rows as [{ n: number }];
  if (existing > 0 && !args.append) {
    throw new Error(`${target.label} already holds ${existing} statements: give a fresh database, or --append to add to it.`);
  }

  let phase = performance.now();
  const pool = await readPool();
  console.log(
    `[generate] ${pool.length} real passages from ${poolSources().join(", ")} read by the engine in ${seconds(phase).toFixed(1)} s`,
  );
  const themeRows = (await client.query<{ id: number; slug: string }>("select id, slug from themes")).rows;
  const themeIds = new Map(themeRows.map((r) => [r.slug, r.id]));
  const first = async (table: string) =>
    Number((await client.query<{ n: number }>(`select coalesce(max(id), 0)::int + 1 as n from ${table}`)).rows[0]!.n);
  const make = generator(pool, themeIds, args.seed, {
    statement: await first("statements"),
    passage: await first("passages"),
    tag: await first("tags"),
  });

  // The full-text index is built once at the end: far cheaper than keeping it up to date row by row.
  await client.query("drop index if exists statements_fts_idx");
  phase = performance.now();
  const rows = { statements: 0, passages: 0, pairs: 0, tags: 0 };
  let last = 0;
  // While the server writes one batch, the next is made: the two cores work at once.
  let writing: Promise<void> = Promise.resolve();
  for (let done = 0; done < args.statements;) {
    const count = Math.min(args.batch, args.statements - done);
    const batch = make(count);
    await writing;
    writing = inOneTransaction(client, () => writeBatch(client, batch));
    done += count;
    rows.statements += count;
    rows.passages += batch.passages.id.length;
    rows.pairs += batch.pairs.statementId.length;
    rows.tags += batch.tags.id.length;
    if (performance.now() - last > 10_000 || done === args.statements) {
      last = performance.now();
      const all = rows.statements + rows.passages + rows.pairs + rows.tags;
      console.log(
        `[generate] ${done.toLocaleString("en")} statements, ${rows.tags.toLocaleString("en")} tags — ${rate(all, seconds(phase))} (${seconds(phase).toFixed(0)} s)`,
      );
    }
  }
  await writing;
  const loadSeconds = seconds(phase);
  for (const table of ["statements", "passages", "tags"]) {
    await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }

  await checkOrphans(client);
  phase = performance.now();
  await client.query(`create index statements_fts_idx on statements using gin (to_tsvector('simple', title || ' ' || text))`);
  const indexSeconds = seconds(phase);
  phase = performance.now();
  await rebuildCells(database.db);
  const cellsSeconds = seconds(phase);
  phase = performance.now();
  await database.db.execute(sql`analyze`);
  const [{ n: cells }] = (await client.query<{ n: number }>("select count(*)::int as n from series_cells")).rows as [{ n: number }];

  const all = rows.statements + rows.passages + rows.pairs + rows.tags;
  console.log(`
Synthetic corpus in ${target.label}
rows        statements ${rows.statements.toLocaleString("en")}, passages ${rows.passages.toLocaleString("en")}, statement pairs ${rows.pairs.toLocaleString("en")}, tags ${rows.tags.toLocaleString("en")}
load        ${loadSeconds.toFixed(1)} s, ${rate(all, loadSeconds)} (${rate(rows.statements, loadSeconds).replace("rows", "statements")})
fts index   ${indexSeconds.toFixed(1)} s
cells       ${cellsSeconds.toFixed(1)} s (${cells.toLocaleString("en")} cells)
total       ${seconds(began).toFixed(1)} s`);
  client.release();
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
