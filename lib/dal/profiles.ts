import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { ALL_THEMES } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { iso3Schema } from "@/lib/validation";

/**
 * What the pair and country pages sum up. Counts and tone come from the all-time series cells (so a theme counts
 * for a pair only where the series count it); people and passages from the statements themselves.
 */

const country = (iso3: string) => {
  const parsed = iso3Schema.safeParse(iso3);
  if (!parsed.success) throw new DalError("invalid", `"${iso3.slice(0, 12)}" is not a three-letter country code.`);
  return parsed.data;
};

export interface Speaker {
  name: string;
  office: string | null;
  country: string | null;
  statements: number;
}

/** How much of a passage the pages show. */
const PASSAGE_SHOWN = 600;

export interface StrongPassage {
  statementId: number;
  title: string;
  date: string | null;
  speakerName: string | null;
  text: string;
  tone: number | null;
  themes: string[];
}

async function namesOf(ctx: DalContext, codes: string[]): Promise<Map<string, string>> {
  const rows = rowsOf<{ iso3: string; name: string }>(
    await ctx.db.execute(
      sql`select iso3, name from countries where iso3 in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    ),
  );
  return new Map(rows.map((r) => [r.iso3, r.name]));
}

/** Who speaks from `speaker` about `counterpart` (any speaker when null): people and their offices, busiest first. */
async function speakers(ctx: DalContext, speaker: string | null, counterpart: string, limit = 8): Promise<Speaker[]> {
  const rows = rowsOf<Speaker>(
    await ctx.db.execute(sql`
      select coalesce(s.speaker_name, 'Unnamed speaker') as name, s.speaker_title as office, sp.speaker_iso3 as country, count(distinct s.id)::int as statements
      from statement_pairs sp join statements s on s.id = sp.statement_id
      where sp.counterpart_iso3 = ${counterpart} ${speaker ? sql`and sp.speaker_iso3 = ${speaker}` : sql``}
      group by 1, 2, 3 order by 4 desc, 1 limit ${limit}`),
  );
  return rows;
}

type ThemedPassage = StrongPassage & { passageId: number };

/** The pair's passages that carry a theme, whole (`chars` cuts them), in the order given, with their themes. */
async function themedPassages(
  ctx: DalContext,
  pair: { speaker: string; counterpart: string },
  options: { order: SQL; limit: number; chars?: number; datedOnly?: boolean },
): Promise<ThemedPassage[]> {
  const length = sql`p.end_offset - p.start_offset`;
  return rowsOf<ThemedPassage>(
    await ctx.db.execute(sql`
      select s.id as "statementId", p.id as "passageId", s.title, s.date::text as date, s.speaker_name as "speakerName",
        substr(s.text, p.start_offset + 1, ${options.chars ? sql`least(${length}, ${options.chars})` : length}) as text, p.tone,
        array_agg(distinct th.name order by th.name) as themes
      from statement_pairs sp
      join statements s on s.id = sp.statement_id
      join passages p on p.statement_id = s.id
      join tags t on t.passage_id = p.id and t.status <> 'rejected'
      join themes th on th.id = t.theme_id and th.enabled
      where sp.speaker_iso3 = ${pair.speaker} and sp.counterpart_iso3 = ${pair.counterpart} ${options.datedOnly ? sql`and s.date is not null` : sql``}
      group by s.id, p.id
      order by ${options.order}
      limit ${options.limit}`),
  );
}

/** The pair's passages carrying the most themes (then the strongest tone): where a speech says most about it. */
async function strongestPassages(ctx: DalContext, speaker: string, counterpart: string, limit = 4): Promise<StrongPassage[]> {
  const order = sql`count(distinct t.theme_id) desc, abs(coalesce(p.tone, 0)) desc, s.date desc nulls last, p.id`;
  const rows = await themedPassages(ctx, { speaker, counterpart }, { order, limit, chars: PASSAGE_SHOWN });
  return rows.map(({ passageId: _, ...passage }) => passage);
}

export interface QuotedPassage extends StrongPassage {
  /** The words in a row that later statements repeat: a search for them finds every one. */
  phrase: string;
  /** Later statements that repeat the phrase, and how many of them come from other countries than the speaker's. */
  later: number;
  byOthers: number;
}

/** Words in a row that make a quotation. */
export const QUOTE_WORDS = 10;
/** The pair's themed passages looked up in later statements, so a page costs a bounded number of searches. */
const QUOTE_CANDIDATES = 15;

/** A run that names a thing or cites a reference ("the Organization for Security and Cooperation in Europe", "resolutions 822 (1993), 853 (1993)") rather than saying something. */
const isNameOrReference = (words: string[]) =>
  words.filter((w) => /^[^\p{L}\p{N}]*\p{Lu}/u.test(w)).length * 2 >= words.length ||
  words.filter((w) => /^[^\p{L}\p{N}]*\p{N}/u.test(w)).length >= 2;

/** Words as the text's spaces cut them ("1.5", "Nagorno-Karabakh,"), so a run starts and ends where Postgres's parser would. */
export const QUOTE_WORD = /\S*[\p{L}\p{N}]\S*/gu;

/** Sentences of a passage looked up: a talking point or a quotation is usually a sentence. */
const QUOTE_SENTENCES = 3;

/**
 * Runs of QUOTE_WORDS words that say something, the first from each of the passage's first sentences (at most
 * QUOTE_SENTENCES), cut from the text itself.
 */
export function quotablePhrases(text: string): string[] {
  const words = [...text.matchAll(QUOTE_WORD)];
  const sentenceStarts = words.flatMap((_, i) => (i === 0 || /[.!?;:]["'»”)]*$/u.test(words[i - 1]![0]) ? [i] : []));
  const firstFrom = (start: number) => {
    for (let at = start; at + QUOTE_WORDS <= words.length; at++) {
      const run = words.slice(at, at + QUOTE_WORDS);
      if (!isNameOrReference(run.map((w) => w[0]))) return text.slice(run[0]!.index, run.at(-1)!.index + run.at(-1)![0].length);
    }
    return null;
  };
  const phrases = sentenceStarts.map(firstFrom).filter((p) => p !== null);
  return [...new Set(phrases)].slice(0, QUOTE_SENTENCES);
}

/**
 * The pair's passages whose wording later statements repeat (QUOTE_WORDS in a row), most repeated first: what
 * others quote and what the speaker's side keeps saying. A run counts only where the passage is its first known
 * use: wording any earlier or same-day statement has is a formula (the Charter's, a treaty's), not a quotation.
 * Each statement is searched as its search vector was made (lib/dal/search.ts): Russian ones by 'russian'.
 */
export async function quotedPassages(ctx: DalContext, first: string, second: string, limit = 4): Promise<QuotedPassage[]> {
  await requirePermission(ctx, "statements:read");
  const [speaker, counterpart] = [country(first), country(second)];
  const order = sql`count(distinct t.theme_id) desc, s.date, p.id`;
  const candidates = await themedPassages(ctx, { speaker, counterpart }, { order, limit: QUOTE_CANDIDATES, datedOnly: true });
  const lookups = candidates.flatMap((c) => quotablePhrases(c.text).map((phrase) => ({ ...c, phrase })));
  if (lookups.length === 0) return [];
  const values = lookups.map((l) => sql`(${l.passageId}::int, ${l.statementId}::int, ${l.date}::date, ${l.phrase}::text)`);
  const counts = rowsOf<{ passageId: number; phrase: string; later: number; byOthers: number }>(
    await ctx.db.execute(sql`
      select c.passage_id as "passageId", c.phrase, (count(*) filter (where s.date > c.day))::int as later,
        (count(*) filter (where s.date > c.day and s.speaker_country is distinct from ${speaker}))::int as "byOthers"
      from (values ${sql.join(values, sql`, `)}) as c(passage_id, statement_id, day, phrase)
      join statements s on s.id <> c.statement_id and (
        (s.language = 'ru' and s.search_vector @@ phraseto_tsquery('russian', c.phrase))
        or (s.language <> 'ru' and s.search_vector @@ phraseto_tsquery('simple', c.phrase)))
      group by c.passage_id, c.phrase, c.day
      having bool_and(s.date > c.day) and count(*) filter (where s.date > c.day) > 0`),
  );
  const best = new Map<number, (typeof counts)[number]>();
  for (const count of counts) if (count.later > (best.get(count.passageId)?.later ?? 0)) best.set(count.passageId, count);
  return candidates
    .flatMap(({ passageId, ...passage }) => {
      const count = best.get(passageId);
      return count
        ? [{ ...passage, text: passage.text.slice(0, PASSAGE_SHOWN), phrase: count.phrase, later: count.later, byOthers: count.byOthers }]
        : [];
    })
    .sort((x, y) => y.later - x.later || y.byOthers - x.byOthers)
    .slice(0, limit);
}

/** The themes a pair (either direction) speaks about most, by statements. */
async function pairThemes(ctx: DalContext, a: string, b: string, limit: number): Promise<string[]> {
  const rows = rowsOf<{ slug: string }>(
    await ctx.db.execute(sql`
      select th.slug from series_cells_all c join themes th on th.id = c.theme_id and th.enabled
      where c.theme_id <> ${ALL_THEMES} and ((c.speaker_iso3 = ${a} and c.counterpart_iso3 = ${b}) or (c.speaker_iso3 = ${b} and c.counterpart_iso3 = ${a}))
      group by th.slug, th.id order by sum(c.statements) desc, th.id limit ${limit}`),
  );
  return rows.map((r) => r.slug);
}

/** A pair in both directions: names, its main themes, and per direction who speaks and the passages that say most. */
export async function pairProfile(ctx: DalContext, first: string, second: string) {
  await requirePermission(ctx, "statements:read");
  const [a, b] = [country(first), country(second)];
  if (a === b) throw new DalError("invalid", "A pair needs two different countries.");
  const [names, themes, speakersAB, speakersBA, passagesAB, passagesBA] = await Promise.all([
    namesOf(ctx, [a, b]),
    pairThemes(ctx, a, b, 5),
    speakers(ctx, a, b),
    speakers(ctx, b, a),
    strongestPassages(ctx, a, b),
    strongestPassages(ctx, b, a),
  ]);
  if (names.size < 2) throw new DalError("not_found", `There is no country ${names.has(a) ? b : a}.`);
  return {
    names,
    themes,
    directions: [
      { speaker: a, counterpart: b, speakers: speakersAB, passages: passagesAB },
      { speaker: b, counterpart: a, speakers: speakersBA, passages: passagesBA },
    ],
  };
}

export interface CountryRelation {
  iso3: string;
  name: string;
  statements: number;
  tone: number | null;
  themes: { name: string; statements: number; tone: number | null }[];
}

/** The country's pairs on one side: `speaks` = it speaks about them; else they speak about it. */
async function relations(ctx: DalContext, iso3: string, speaks: boolean, limit = 12): Promise<CountryRelation[]> {
  const [self, other] = speaks
    ? [sql.raw("speaker_iso3"), sql.raw("counterpart_iso3")]
    : [sql.raw("counterpart_iso3"), sql.raw("speaker_iso3")];
  const rows = rowsOf<{ iso3: string; name: string; theme: string | null; statements: number; tone: number | null }>(
    await ctx.db.execute(sql`
      with totals as (
        select c.${other} as iso3, sum(c.statements)::int as statements from series_cells_all c
        where c.${self} = ${iso3} and c.theme_id = ${ALL_THEMES} group by 1 order by 2 desc, 1 limit ${limit}
      )
      select t.iso3, k.name, th.name as theme, sum(c.statements)::int as statements, (sum(c.tone_sum) / nullif(sum(c.tone_n), 0))::float8 as tone
      from totals t
      join countries k on k.iso3 = t.iso3
      join series_cells_all c on c.${other} = t.iso3 and c.${self} = ${iso3}
      left join themes th on th.id = c.theme_id
      where c.theme_id = ${ALL_THEMES} or th.enabled
      group by t.iso3, k.name, th.name, t.statements
      order by t.statements desc, t.iso3, statements desc`),
  );
  const byCountry = new Map<string, CountryRelation>();
  for (const r of rows) {
    const relation = byCountry.get(r.iso3) ?? { iso3: r.iso3, name: r.name, statements: 0, tone: null, themes: [] };
    if (r.theme === null) Object.assign(relation, { statements: r.statements, tone: r.tone });
    else if (relation.themes.length < 3 && r.statements > 0)
      relation.themes.push({ name: r.theme, statements: r.statements, tone: r.tone });
    byCountry.set(r.iso3, relation);
  }
  return [...byCountry.values()];
}

/** A country: the counterparts it speaks about most (on what, in what tone), and who speaks about it. */
export async function countryProfile(ctx: DalContext, code: string) {
  await requirePermission(ctx, "statements:read");
  const iso3 = country(code);
  const [names, speaksAbout, spokenAbout, people] = await Promise.all([
    namesOf(ctx, [iso3]),
    relations(ctx, iso3, true),
    relations(ctx, iso3, false),
    speakers(ctx, null, iso3, 10),
  ]);
  const name = names.get(iso3);
  if (!name) throw new DalError("not_found", `There is no country ${iso3}.`);
  return { iso3, name, speaksAbout, spokenAbout, people };
}
