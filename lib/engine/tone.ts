import { tokenize, type Token } from "./tokens";
import type { CountryMention, ToneScore, ToneWord } from "./types";

/**
 * Diplomatic lexicon, cooperation (+) ↔ conflict (−), weights 1–3. Keys are folded word forms; a key ending
 * in * matches any ending. Written for statements between governments, where "support", "partnership" and
 * "condemn" carry the meaning that general-purpose sentiment lists miss or misread.
 */
const LEXICON: Record<string, number> = {
  // cooperation
  "welcom*": 2, "support*": 1.5, "partner*": 2, "cooperat*": 2, "collaborat*": 1.5, "friend*": 2, "agree*": 1.5,
  "dialogue": 1, "constructive": 2, "fruitful": 2, "mutual*": 1, "trust*": 1, "commend*": 2, "appreciat*": 2,
  "prais*": 2, "thank*": 1.5, "congratulat*": 2, "allies": 1.5, "ally": 1.5, "alliance": 1, "solidarity": 1.5,
  "stabil*": 1, "prosper*": 1.5, "progress": 1, "achiev*": 1, "success*": 1.5, "strengthen*": 1.5, "deepen*": 1.5,
  "peaceful*": 1.5, "peace": 1, "reconcil*": 1.5, "goodwill": 2, "respect*": 1, "benefit*": 1, "shared": 1,
  "common": 0.5, "together": 1, "closer": 1, "broader": 0.5, "valu*": 1, "honou*": 1, "hope*": 1, "positive*": 1.5,
  "encourag*": 1, "commit*": 1, "grateful": 2, "gratitude": 2, "historic": 1, "resolv*": 1, "settlement": 0.5,
  "assist*": 1, "help*": 1, "protect*": 0.5, "secure": 0.5, "dynamic": 1, "important": 0.5, "productive": 2,
  "cordial": 2, "warm*": 1.5, "fair": 1, "welfare": 0.5, "democratic": 0.5, "freedom": 0.5,
  // conflict
  "condemn*": -2.5, "violat*": -2.5, "aggress*": -3, "reject*": -2, "annex*": -3, "invasion": -3, "invad*": -3,
  "occup*": -2, "attack*": -2, "threat*": -1.5, "hostil*": -2.5, "provocat*": -2.5, "sanction*": -1.5, "illegal*": -2.5,
  "illegitimate": -3, "unacceptable": -2.5, "deplor*": -2.5, "regret*": -1.5, "concern*": -1, "alarm*": -1.5,
  "accus*": -2, "lie": -2, "lies": -2, "lying": -2, "propaganda": -2.5, "blam*": -2, "destabili*": -2.5, "escalat*": -2,
  "war": -1.5, "wars": -1.5, "kill*": -2, "atrocit*": -3, "crime*": -2, "criminal*": -2.5, "massacre*": -3,
  "genocid*": -3, "brutal*": -2.5, "ruthless*": -2.5, "cynical*": -2.5, "hypocri*": -2.5, "falsif*": -2.5, "fabricat*": -2.5,
  "distort*": -2, "manipulat*": -2, "refus*": -1.5, "fail*": -1.5, "failure": -1.5, "danger*": -1.5, "crisis": -1,
  "conflict*": -1, "tension*": -1.5, "oppos*": -1, "disregard*": -2, "flout*": -2.5, "breach*": -2, "undermin*": -2,
  "abus*": -2, "exploit*": -2, "victim*": -1.5, "suffer*": -1.5, "casualt*": -1.5, "shell*": -1.5, "bomb*": -1.5,
  "coerc*": -2, "intimidat*": -2, "blackmail*": -2.5, "pretext*": -2, "militar*": -0.5, "troops": -1, "separatis*": -1.5,
  "mercenar*": -2, "impunity": -2, "irresponsib*": -2.5, "reckless*": -2.5, "absurd*": -2, "outrage*": -2.5,
  "shameful": -2.5, "disgrace*": -2.5, "deni*": -1, "obstruct*": -2, "isolat*": -1, "grave*": -1.5, "serious": -0.5,
  "destruct*": -2, "instabil*": -2, "dispute*": -1, "withdraw*": -0.5, "unfortunately": -1.5, "regrettabl*": -2,
  "sham": -2.5, "farce": -2.5, "puppet*": -2.5, "junta": -2.5, "regime": -1.5, "nazi*": -2.5, "fascis*": -2.5,
  // proper nouns that a prefix above would misread
  "crimea": 0, "crimean": 0, "warsaw": 0, "concert": 0, "commonwealth": 0,
};

/** Words that turn the next evaluative word (within three) to its opposite. */
const NEGATORS = new Set(["not", "no", "never", "neither", "nor", "without", "cannot", "nothing", "none", "lack", "nt"]);
/** Words that make the next evaluative word (within two) stronger. */
const INTENSIFIERS = new Map([
  ["strongly", 1.5], ["deeply", 1.5], ["very", 1.3], ["highly", 1.3], ["fully", 1.2], ["firmly", 1.3], ["gravely", 1.5],
  ["seriously", 1.4], ["utterly", 1.5], ["flagrant", 1.6], ["flagrantly", 1.6], ["blatant", 1.6], ["blatantly", 1.6],
  ["gross", 1.5], ["grossly", 1.5], ["totally", 1.3], ["categorically", 1.5], ["resolutely", 1.3], ["particularly", 1.2],
]);
/** What a government condemns when it condemns these is not its counterpart: no hostility is scored. */
const SHARED_ENEMIES = /^(terror|extremis|radicali|violent|hostage|piracy|trafficking)/;

const exact = new Map<string, number>();
const prefixes: [string, number][] = [];
for (const [key, weight] of Object.entries(LEXICON)) {
  if (key.endsWith("*")) prefixes.push([key.slice(0, -1), weight]);
  else exact.set(key, weight);
}
prefixes.sort((a, b) => b[0].length - a[0].length);

function lexiconWeight(key: string): number | undefined {
  const hit = exact.get(key);
  if (hit !== undefined) return hit;
  for (const [prefix, weight] of prefixes) if (key.startsWith(prefix)) return weight;
  return undefined;
}

/** Multi-word evaluative patterns that single words miss. */
const PATTERNS: { words: string[]; weight: number }[] = [
  { words: ["so", "called"], weight: -2.5 },
  { words: ["call", "on"], weight: -1 },
  { words: ["calls", "on"], weight: -1 },
  { words: ["call", "upon"], weight: -1 },
  { words: ["must", "stop"], weight: -2 },
  { words: ["must", "cease"], weight: -2 },
  { words: ["must", "withdraw"], weight: -2 },
  { words: ["must", "end"], weight: -1.5 },
  { words: ["international", "law"], weight: -0.5 },
  { words: ["territorial", "integrity"], weight: -0.5 },
  { words: ["sovereignty"], weight: -0.5 },
  { words: ["zero", "sum"], weight: 0 },
];

/**
 * Tone of a passage in [-1, 1] with the words that produced it. Negation flips the next evaluative word,
 * intensifiers strengthen it, and condemning a shared enemy (terrorism, extremism) is not scored as hostility.
 */
export function scoreTone(text: string, offset = 0): ToneScore {
  const tokens = tokenize(text, offset);
  const words: ToneWord[] = [];
  let negateUntil = -1;
  let intensity = 1;
  let intensifyUntil = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (NEGATORS.has(token.key) || token.key.endsWith("n't")) {
      negateUntil = i + 3;
      continue;
    }
    const boost = INTENSIFIERS.get(token.key);
    if (boost) {
      intensity = boost;
      intensifyUntil = i + 2;
    }
    const pattern = matchPattern(tokens, i);
    let weight = pattern ? pattern.weight : lexiconWeight(token.key);
    if (weight === undefined || weight === 0) {
      if (pattern) i += pattern.words.length - 1;
      continue;
    }
    if (weight < 0 && condemnsSharedEnemy(tokens, i)) weight = 0.5;
    if (i <= intensifyUntil) weight *= intensity;
    if (i <= negateUntil) {
      weight = -weight * 0.75;
      negateUntil = -1;
    }
    const last = pattern ? tokens[i + pattern.words.length - 1]! : token;
    words.push({ word: text.slice(token.start - offset, last.end - offset), weight: Math.round(weight * 100) / 100, start: token.start, end: last.end });
    if (pattern) i += pattern.words.length - 1;
  }
  return { score: scoreOf(words), words };
}

function matchPattern(tokens: Token[], i: number) {
  return PATTERNS.find((p) => p.words.every((w, k) => tokens[i + k]?.key === w));
}

/** "condemn terrorism", "fight against extremism": the object within the next four words is a shared enemy. */
function condemnsSharedEnemy(tokens: Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 4 && k < tokens.length; k++) if (SHARED_ENEMIES.test(tokens[k]!.key)) return true;
  return SHARED_ENEMIES.test(tokens[i]!.key);
}

/** Net evaluation over total evaluation, damped so one mild word does not read as a landslide. */
function scoreOf(words: ToneWord[]): number {
  let positive = 0;
  let negative = 0;
  for (const w of words) {
    if (w.weight > 0) positive += w.weight;
    else negative -= w.weight;
  }
  const score = (positive - negative) / (positive + negative + 2);
  return Math.round(score * 1000) / 1000;
}

/** Tone towards one country: the passages that mention it, weighted by how much evaluation each holds. */
export function directedTone(
  passages: { start: number; end: number; tone: ToneScore }[],
  mentions: CountryMention[],
  targetIso3: string,
): { score: number; passages: number } | null {
  const relevant = passages.filter((p) => mentions.some((m) => m.iso3 === targetIso3 && m.start >= p.start && m.end <= p.end));
  const scored = relevant.filter((p) => p.tone.words.length > 0);
  if (scored.length === 0) return null;
  const weight = scored.reduce((sum, p) => sum + p.tone.words.length, 0);
  const score = scored.reduce((sum, p) => sum + p.tone.score * p.tone.words.length, 0) / weight;
  return { score: Math.round(score * 1000) / 1000, passages: relevant.length };
}
