import afinnRu from "@nlpjs/lang-ru/src/sentiment/afinn_ru.json";
import { COUNTRIES_RU } from "./countries-ru";
import { lowerRu, stemRu } from "./stem-ru";
import { THEMES_RU } from "./themes-ru";
import { aggregateTone, toneOf } from "./tone";
import type { CountryMention, MentionVia, Passage, PassageTag, ThemeDefinition, ToneScore, ToneWord } from "./types";

/**
 * The engine's reading of Russian text: country mentions, theme tags and tone, all matched on word stems
 * (Snowball, stem-ru.ts) so case forms count (Азербайджан, Азербайджана, Азербайджаном → AZE). Same output
 * shapes as the English path, so Russian statements land in the same series.
 */

export interface RuToken {
  text: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenizeRu(text: string): RuToken[] {
  const tokens: RuToken[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ text: m[0], lower: lowerRu(m[0]), stem: stemRu(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** One word of a phrase: matched by stem or by its own lowercase form, or as a prefix when written with `*`. */
interface PhraseWord {
  lower: string;
  stem: string;
  prefix: boolean;
  /** Proper nouns (Грузия) must be capitalised in the text: "груз" (cargo) shares Грузия's stem. */
  capital: boolean;
  /** All-capital short forms (США, РФ, ЕС) must be spelled so. */
  exact: string | null;
}

/** Stems that two words share (выборы "elections" and выбор "choice"): phrases with them match only the forms written. */
const AMBIGUOUS_STEMS = new Set(["выбор"]);

/** Adjectives made of a name (Минские, Минской группы); not the name's own case forms, which may end alike (Украиной). */
const ADJECTIVE_FORM = /ск(?:ий|ая|ое|ие|ого|ому|ой|их|им|ими|ую)$/;

function phraseWords(phrase: string): PhraseWord[] {
  return phrase
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((raw) => {
      const prefix = raw.endsWith("*");
      const word = prefix ? raw.slice(0, -1) : raw;
      const lower = lowerRu(word);
      const upper = word !== lower && word[0] === word[0]!.toUpperCase();
      return {
        lower,
        stem: prefix ? lower : stemRu(word),
        prefix,
        capital: upper,
        exact: word.length <= 5 && word === word.toUpperCase() && upper ? word : null,
      };
    });
}

function wordMatches(w: PhraseWord, t: RuToken, nameLike: boolean): boolean {
  if (w.exact) return t.text === w.exact || (t.lower === w.lower && t.text === t.text.toUpperCase());
  if (w.capital && nameLike && t.text[0] === t.lower[0]) return false;
  if (w.prefix) return t.lower.startsWith(w.stem);
  if (t.lower === w.lower) return true;
  if (AMBIGUOUS_STEMS.has(w.stem)) return false;
  // A noun's stem must not be reached by an adjective of it: Минск is not "Минские соглашения".
  if (nameLike && w.capital && ADJECTIVE_FORM.test(t.lower) && !ADJECTIVE_FORM.test(w.lower)) return false;
  // The stemmer cuts some names unevenly (Азербайджан → азербайджа, Азербайджану → азербайджан): either side may be the bare name.
  return t.stem === w.stem || t.stem === w.lower || t.lower === w.stem;
}

interface Pattern<T> {
  words: PhraseWord[];
  value: T;
}

/** Longest pattern at each token, left to right, without overlaps. */
function matchAll<T>(
  tokens: RuToken[],
  text: string,
  patterns: Pattern<T>[],
  nameLike: boolean,
): { value: T; start: number; end: number; first: number; last: number }[] {
  const found: { value: T; start: number; end: number; first: number; last: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let best: Pattern<T> | null = null;
    for (const p of patterns) {
      if (best && p.words.length <= best.words.length) continue;
      if (i + p.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.words.length && ok; k++) {
        const t = tokens[i + k]!;
        if (k > 0 && !/^[\s\-–]{1,3}$/.test(text.slice(tokens[i + k - 1]!.end, t.start))) ok = false;
        else ok = wordMatches(p.words[k]!, t, nameLike);
      }
      if (ok) best = p;
    }
    if (best) {
      const last = i + best.words.length - 1;
      found.push({ value: best.value, start: tokens[i]!.start, end: tokens[last]!.end, first: i, last });
      i = last;
    }
  }
  return found;
}

// ---------------------------------------------------------------- countries

const COUNTRY_PATTERNS: Pattern<{ iso3: string; via: MentionVia }>[] = COUNTRIES_RU.flatMap((c) => [
  ...c.names.map((n) => ({ words: phraseWords(n), value: { iso3: c.iso3, via: "name" as MentionVia } })),
  ...(c.adjectives ?? []).map((n) => ({ words: phraseWords(n), value: { iso3: c.iso3, via: "demonym" as MentionVia } })),
  ...(c.capitals ?? []).map((n) => ({ words: phraseWords(n), value: { iso3: c.iso3, via: "capital" as MentionVia } })),
  ...(c.metonyms ?? []).map((n) => ({ words: phraseWords(n), value: { iso3: c.iso3, via: "metonym" as MentionVia } })),
]);

/** Not a country though a country's word is in it: the Minsk Group, the Russian language. */
const NOT_A_COUNTRY_RU: Pattern<null>[] = [
  "Минская группа",
  "Минские соглашения",
  "Минский процесс",
  "русский язык",
  "Белый дом России",
  "Вашингтонский договор",
].map((n) => ({ words: phraseWords(n), value: null }));

export function findRussianMentions(text: string, tokens: RuToken[] = tokenizeRu(text)): CountryMention[] {
  const patterns: Pattern<{ iso3: string; via: MentionVia } | null>[] = [...NOT_A_COUNTRY_RU, ...COUNTRY_PATTERNS];
  return matchAll(tokens, text, patterns, true)
    .filter((m) => m.value !== null)
    .map((m) => ({ iso3: m.value!.iso3, via: m.value!.via, start: m.start, end: m.end, surface: text.slice(m.start, m.end) }));
}

// ---------------------------------------------------------------- themes

export interface RussianCodebook {
  themes: {
    slug: string;
    parent: string | null;
    patterns: Pattern<{ phrase: string; weight: number }>[];
    exclusions: Pattern<string>[];
    threshold: number;
    weight: number;
    rollUpNeedsContext: boolean;
  }[];
}

function parseWeighted(raw: string): { words: string; weight: number } {
  const m = /^(.*?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(raw);
  return m ? { words: m[1]!.trim(), weight: Number(m[2]) } : { words: raw.trim(), weight: 1 };
}

/**
 * The Russian rules of each enabled theme: its own `rules.ru`, or the default codebook's Russian rules for that
 * slug when the stored codebook predates them (so a saved codebook does not silently tag nothing in Russian).
 */
export function compileRussianCodebook(themes: ThemeDefinition[]): RussianCodebook {
  return {
    themes: themes
      .filter((t) => t.enabled)
      .map((t) => {
        const ru = t.rules.ru ?? THEMES_RU[t.slug] ?? { phrases: [] };
        return {
          slug: t.slug,
          parent: t.parent,
          patterns: ru.phrases.map((raw) => {
            const { words, weight } = parseWeighted(raw);
            return { words: phraseWords(words), value: { phrase: words, weight } };
          }),
          exclusions: (ru.exclusions ?? []).map((e) => ({ words: phraseWords(e), value: e })),
          threshold: t.rules.threshold ?? 1,
          weight: t.rules.weight ?? 1,
          rollUpNeedsContext: (t.rules.rollUpContext?.length ?? 0) > 0,
        };
      })
      .filter((t) => t.patterns.length > 0),
  };
}

/** Tags of one passage, as the English tagger gives them: evidence weight over the threshold, confidence in (0, 1]. */
export function tagRussianPassage(
  codebook: RussianCodebook,
  text: string,
  tokens: RuToken[],
  passage: { start: number; end: number },
): PassageTag[] {
  const inside = tokens.filter((t) => t.start >= passage.start && t.end <= passage.end);
  const tags: PassageTag[] = [];
  const own = new Map<string, PassageTag>();
  for (const theme of codebook.themes) {
    const excluded = matchAll(inside, text, theme.exclusions, false);
    const matches = matchAll(inside, text, theme.patterns, false).filter(
      (m) => !excluded.some((e) => e.start <= m.start && e.end >= m.end),
    );
    const evidence = matches.reduce((sum, m) => sum + m.value.weight, 0) * theme.weight;
    if (matches.length === 0 || evidence < theme.threshold) continue;
    const tag = {
      theme: theme.slug,
      confidence: Math.round(Math.min(1, evidence / (theme.threshold * 3)) * 1000) / 1000,
      evidence: matches.map((m) => ({ phrase: m.value.phrase, start: m.start, end: m.end })),
    };
    own.set(theme.slug, tag);
    tags.push(tag);
  }
  // A child's tag rolls up into its parent (elections → democracy), except into a parent that asks for its own
  // context (ThemeRules.rollUpContext): there only the parent's own Russian phrases tag it.
  const contextOnly = new Set(codebook.themes.filter((t) => t.rollUpNeedsContext).map((t) => t.slug));
  for (const theme of codebook.themes) {
    const tag = own.get(theme.slug);
    if (tag && theme.parent && !own.has(theme.parent) && !contextOnly.has(theme.parent)) {
      const parent = { theme: theme.parent, confidence: tag.confidence, evidence: tag.evidence };
      own.set(theme.parent, parent);
      tags.push(parent);
    }
  }
  return tags;
}

// ---------------------------------------------------------------- tone

/**
 * Diplomatic words and patterns of our own (weights on the English lexicon's scale): they outrank the general
 * lexicon (AFINN-ru of nlp.js, MIT), whose stems are read in everyday senses ("долг" debt, "мир" world).
 */
const DIPLOMATIC_RU: [string, number][] = [
  ["осуждаем", -3],
  ["осуждать", -3],
  ["осуждение", -3],
  ["недопустимо", -3],
  ["недопустимый", -3],
  ["неприемлемый", -3],
  ["так называемый", -2],
  ["провокационный", -3],
  ["провокация", -3],
  ["агрессия", -3],
  ["агрессивный", -3],
  ["агрессор", -3],
  ["враждебный", -3],
  ["русофобия", -3],
  ["русофобский", -3],
  ["неонацист", -3],
  ["неонацизм", -3],
  ["нацист", -3],
  ["геноцид", -3],
  ["преступление", -2],
  ["преступный", -3],
  ["режим", -1],
  ["марионеточный", -3],
  ["угроза", -2],
  ["санкции", -1],
  ["оккупация", -3],
  ["вмешательство", -2],
  ["экспансия", -2],
  ["ложь", -3],
  ["лицемерие", -3],
  ["шантаж", -3],
  ["незаконный", -2],
  ["нелегитимный", -3],
  ["обеспокоенность", -1],
  ["озабоченность", -1],
  ["сожаление", -1],
  ["война", -2],
  ["удар", -1],
  ["обстрел", -2],
  ["уничтожение", -2],
  ["конструктивный", 2],
  ["взаимовыгодный", 3],
  ["приветствуем", 2],
  ["приветствовать", 2],
  ["сотрудничество", 2],
  ["партнерство", 2],
  ["партнер", 1],
  ["дружественный", 2],
  ["дружба", 2],
  ["доверие", 2],
  ["диалог", 1],
  ["стратегическое партнерство", 3],
  ["благодарим", 2],
  ["поддержка", 1],
  ["поддерживаем", 2],
  ["успешный", 2],
  ["плодотворный", 3],
  ["уважение", 2],
  ["взаимопонимание", 2],
  ["мирный", 1],
  ["урегулирование", 1],
];
/** Stems of the general lexicon that are not evaluative in diplomatic Russian. */
const NEUTRAL_STEMS = new Set([
  "долг",
  "мир",
  "сложн",
  "вынужден",
  "трудн",
  "холодн",
  "больн",
  "одинок",
  "скучн",
  "бедн",
  "резк",
  "жестк",
  "ответ",
  "сил",
  "стран",
  "действ",
  "готов",
  "нов",
  "прот",
  "против",
  "признат",
  "ясн",
  "пуст",
  "вопрос",
  "проблем",
  "безопасн",
  "нужн",
  "развит",
  "серьезн",
  "перв",
  "особен",
  "реальн",
  "положен",
  "тесн",
]);
const NEGATION = new Set(["не", "нет", "без", "ни"]);

const TONE_PATTERNS: Pattern<number>[] = DIPLOMATIC_RU.map(([p, w]) => ({ words: phraseWords(p), value: w }));
const AFINN_RU = new Map<string, number>(
  Object.entries(afinnRu as Record<string, string>)
    // Stems under four letters collide with function words (и, как, том) once text is stemmed.
    .filter(([stem]) => stem !== "word" && stem.length >= 4 && !NEUTRAL_STEMS.has(stem))
    .map(([stem, v]) => [stem, Math.round((Number(v) / 2.5) * 100) / 100]),
);

/** Tone words of a span: our diplomatic list first, then the general lexicon on the remaining words; "не" flips the next. */
export function russianToneWords(text: string, tokens: RuToken[], span: { start: number; end: number }): ToneWord[] {
  const inside = tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  const words: ToneWord[] = [];
  const taken = new Set<number>();
  for (const m of matchAll(inside, text, TONE_PATTERNS, false)) {
    for (let k = m.first; k <= m.last; k++) taken.add(k);
    words.push({ word: text.slice(m.start, m.end), weight: negated(inside, m.first) ? -m.value : m.value, start: m.start, end: m.end });
  }
  inside.forEach((t, k) => {
    if (taken.has(k)) return;
    const v = AFINN_RU.get(t.stem);
    if (v === undefined || Number.isNaN(v) || v === 0) return;
    words.push({ word: t.text, weight: negated(inside, k) ? -v : v, start: t.start, end: t.end });
  });
  return words.sort((a, b) => a.start - b.start);
}

function negated(tokens: RuToken[], k: number): boolean {
  return k > 0 && NEGATION.has(tokens[k - 1]!.lower);
}

export interface RussianReading {
  mentions: CountryMention[];
  tags: { ordinal: number; tags: PassageTag[] }[];
  tone: { score: number | null; passages: ToneScore[] };
}

/** Tone of a Russian statement by passage, as readRussian gives it. */
export function russianTone(
  text: string,
  passages: { start: number; end: number }[],
  tokens: RuToken[] = tokenizeRu(text),
): { score: number | null; passages: ToneScore[] } {
  const tones = passages.map((p) => {
    const words = russianToneWords(text, tokens, p);
    return { score: toneOf(words), words };
  });
  return { score: aggregateTone(tones), passages: tones };
}

/** One statement in Russian, read by passage: what tagStatement, scoreStatementTone and findCountryMentions give for English. */
export function readRussian(text: string, passages: Passage[], codebook: RussianCodebook): RussianReading {
  const tokens = tokenizeRu(text);
  return {
    mentions: findRussianMentions(text, tokens),
    tags: passages.map((p) => ({ ordinal: p.ordinal, tags: tagRussianPassage(codebook, text, tokens, p) })),
    tone: russianTone(text, passages, tokens),
  };
}

/** Languages the engine reads: English by the main path, Russian by this one. Others get no themes and no tone. */
export const SUPPORTED_LANGUAGES = new Set(["en", "ru"]);

/** "und": too little text to tell; it is read as English, as before languages were told apart. */
const READ_AS_ENGLISH = new Set(["und"]);

export function languageNote(language: string): string | null {
  return SUPPORTED_LANGUAGES.has(language) || READ_AS_ENGLISH.has(language)
    ? null
    : `Language not supported (${language}): themes and tone not scored.`;
}
