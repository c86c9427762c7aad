import { parsePhrase } from "./codebook";
import type { Token } from "./tokens";
import type { Passage, PassageTag, ThemeDefinition, ThemeEvidence } from "./types";
import { firstWordAt, scanWords, wordId, wordKey, type Words } from "./words";

/**
 * The tagger reads a statement once. Every phrase of every enabled theme is a path in one trie whose edges are
 * word ids (not characters), so a word that begins no phrase costs one cached lookup, whatever the number of
 * rules. A word given with a trailing * is a prefix edge, resolved once per vocabulary word and cached.
 */
interface Rule {
  theme: number;
  phrase: string;
  weight: number;
  exclusion: boolean;
  /** Acronyms (TAP, NPT, OSCE) must appear in capitals: word index within the phrase → required spelling. */
  exactCase: [number, string][];
}

interface Node {
  exact: Map<number, Node>;
  prefixes: { prefix: string; node: Node }[];
  rules: Rule[];
  /** Word id → the children it leads to (exact and prefix), filled as words are met. */
  steps: Map<number, Node[]>;
}

export interface CompiledCodebook {
  root: Node;
  themes: ThemeDefinition[];
  /** Theme index → index of its parent among `themes`, or -1. */
  parents: number[];
  phraseCount: number;
  /** Per word id: does it begin a phrase (see beginsPhrase)? Grows with the vocabulary. */
  rootKnown: Uint8Array;
}

const NO_STEPS: Node[] = [];
const newNode = (): Node => ({ exact: new Map(), prefixes: [], rules: [], steps: new Map() });

/** One trie over the words of every phrase and exclusion of every enabled theme. */
export function compileCodebook(themes: ThemeDefinition[]): CompiledCodebook {
  const enabled = themes.filter((t) => t.enabled);
  const root = newNode();
  let phraseCount = 0;
  enabled.forEach((theme, index) => {
    const add = (raw: string, exclusion: boolean, defaultWeight = 1) => {
      const parsed = parsePhrase(raw);
      const { words } = parsed;
      const weight = raw.includes(":") ? parsed.weight : defaultWeight;
      const parts = phraseParts(words);
      if (parts.length === 0) return;
      let node = root;
      for (const part of parts) node = part.wildcard ? prefixChild(node, part.key) : exactChild(node, wordId(part.key));
      const exactCase = parts.flatMap((p, k): [number, string][] => (isAcronym(p.text) ? [[k, p.text]] : []));
      node.rules.push({ theme: index, phrase: words, weight: weight * theme.rules.weight, exclusion, exactCase });
      phraseCount++;
    };
    theme.rules.phrases.forEach((p) => add(p, false));
    theme.rules.aliases?.forEach((p) => add(p, false, theme.rules.threshold ?? 1));
    theme.rules.exclusions.forEach((p) => add(p, true));
  });
  const slugIndex = new Map(enabled.map((t, i) => [t.slug, i]));
  const parents = enabled.map((t) => (t.parent === null ? -1 : (slugIndex.get(t.parent) ?? -1)));
  return { root, themes: enabled, parents, phraseCount, rootKnown: new Uint8Array(1024) };
}

/** "terror* attack" → [{terror, wildcard}, {attack}]; words split as the scanner splits them (Al-Qaida → al, qaida). */
function phraseParts(phrase: string): { key: string; text: string; wildcard: boolean }[] {
  return phrase.split(/\s+/).flatMap((word) => {
    const wildcard = word.endsWith("*");
    const bare = wildcard ? word.slice(0, -1) : word;
    const scanned = scanWords(bare);
    return Array.from({ length: scanned.count }, (_, k) => ({
      key: wordKey(scanned.ids[k]!),
      text: bare.slice(scanned.starts[k]!, scanned.ends[k]!),
      wildcard: wildcard && k === scanned.count - 1,
    }));
  });
}

const isAcronym = (word: string) => word.length >= 2 && word === word.toUpperCase() && /\p{L}/u.test(word);

function exactChild(node: Node, id: number): Node {
  let next = node.exact.get(id);
  if (!next) node.exact.set(id, (next = newNode()));
  return next;
}

function prefixChild(node: Node, prefix: string): Node {
  let entry = node.prefixes.find((p) => p.prefix === prefix);
  if (!entry) node.prefixes.push((entry = { prefix, node: newNode() }));
  return entry.node;
}

/** Whether a word id begins any phrase: 0 not yet known, 1 no, 2 yes. Most words begin none, so this is the hot path. */
function beginsPhrase(codebook: CompiledCodebook, id: number): boolean {
  if (id >= codebook.rootKnown.length) {
    const grown = new Uint8Array(Math.max(id + 1, codebook.rootKnown.length * 2));
    grown.set(codebook.rootKnown);
    codebook.rootKnown = grown;
  }
  let known = codebook.rootKnown[id]!;
  if (known === 0) codebook.rootKnown[id] = known = step(codebook.root, id).length > 0 ? 2 : 1;
  return known === 2;
}

function step(node: Node, id: number): Node[] {
  let next = node.steps.get(id);
  if (next === undefined) {
    const key = wordKey(id);
    const exact = node.exact.get(id);
    next = [...(exact ? [exact] : []), ...node.prefixes.filter((p) => key.startsWith(p.prefix)).map((p) => p.node)];
    if (next.length === 0) next = NO_STEPS;
    node.steps.set(id, next);
  }
  return next;
}

interface Match {
  theme: number;
  rule: Rule;
  first: number;
  last: number;
  sentence: number;
}

/**
 * Every rule match in words [from, to): for each theme and kind (phrase or exclusion), the longest match
 * starting at a word, and never two overlapping matches of the same theme and kind.
 */
function findMatches(codebook: CompiledCodebook, text: string, textOffset: number, words: Words, from: number, to: number): Match[] {
  const matches: Match[] = [];
  const kinds = codebook.themes.length * 2;
  const coveredUntil = new Int32Array(kinds).fill(-1);
  const longest: (Match | undefined)[] = new Array(kinds);
  let sentence = 0;
  for (let i = from; i < to; i++) {
    if (words.sentenceStart[i] && i > from) sentence++;
    if (!beginsPhrase(codebook, words.ids[i]!)) continue;
    let frontier = step(codebook.root, words.ids[i]!);
    longest.fill(undefined);
    for (let j = i; frontier.length > 0; ) {
      for (const node of frontier) {
        for (const rule of node.rules) {
          if (!spellingMatches(rule, text, textOffset, words, i)) continue;
          const kind = rule.theme * 2 + (rule.exclusion ? 1 : 0);
          const current = longest[kind];
          if (!current || j > current.last || rule.weight > current.rule.weight) longest[kind] = { theme: rule.theme, rule, first: i, last: j, sentence };
        }
      }
      if (++j >= to) break;
      const id = words.ids[j]!;
      frontier = frontier.flatMap((node) => step(node, id));
    }
    for (let kind = 0; kind < kinds; kind++) {
      const match = longest[kind];
      if (!match || coveredUntil[kind]! >= match.first) continue;
      coveredUntil[kind] = match.last;
      matches.push(match);
    }
  }
  return matches;
}

function spellingMatches(rule: Rule, text: string, textOffset: number, words: Words, first: number): boolean {
  for (const [k, spelling] of rule.exactCase) {
    const w = first + k;
    if (text.slice(words.starts[w]! - textOffset, words.ends[w]! - textOffset) !== spelling) return false;
  }
  return true;
}

/** Tags from the matches of one passage: exclusions cancel their theme's matches in the same sentence. */
function tagsOf(codebook: CompiledCodebook, matches: Match[], words: Words): PassageTag[] {
  const excluded = new Set(matches.filter((m) => m.rule.exclusion).map((m) => `${m.theme}:${m.sentence}`));
  const evidenceByTheme = new Map<number, Match[]>();
  for (const m of matches) {
    if (m.rule.exclusion || excluded.has(`${m.theme}:${m.sentence}`)) continue;
    evidenceByTheme.set(m.theme, [...(evidenceByTheme.get(m.theme) ?? []), m]);
  }
  const tags = new Map<number, PassageTag>();
  for (const [theme, evidence] of evidenceByTheme) {
    const threshold = codebook.themes[theme]!.rules.threshold ?? 1;
    const strength = evidence.reduce((sum, m) => sum + m.rule.weight, 0);
    if (strength < threshold || strength <= 0) continue;
    tags.set(theme, {
      theme: codebook.themes[theme]!.slug,
      confidence: round(1 - 0.5 ** (strength / threshold)),
      evidence: evidence.map((m) => ({ start: words.starts[m.first]!, end: words.ends[m.last]!, phrase: m.rule.phrase })),
    });
  }
  rollUpToParents(codebook, tags);
  return [...tags.values()];
}

/** A child theme implies its parent (elections → democracy), carrying the child's evidence and confidence. */
function rollUpToParents(codebook: CompiledCodebook, tags: Map<number, PassageTag>): void {
  for (const [theme, tag] of [...tags]) {
    for (let parent = codebook.parents[theme]!; parent >= 0; parent = codebook.parents[parent]!) {
      const existing = tags.get(parent);
      if (existing) {
        existing.confidence = Math.max(existing.confidence, tag.confidence);
        existing.evidence = mergeEvidence(existing.evidence, tag.evidence);
      } else {
        tags.set(parent, { theme: codebook.themes[parent]!.slug, confidence: tag.confidence, evidence: [...tag.evidence] });
      }
    }
  }
}

function mergeEvidence(a: ThemeEvidence[], b: ThemeEvidence[]): ThemeEvidence[] {
  const seen = new Set(a.map((e) => `${e.start}:${e.end}`));
  return [...a, ...b.filter((e) => !seen.has(`${e.start}:${e.end}`))].sort((x, y) => x.start - y.start);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Callers that already tokenised the text (tokens.ts) may pass those tokens; the scanner here is cheaper than
 * converting them and also knows sentence boundaries, so the text is scanned afresh.
 */
function wordsOf(text: string, offset: number, words: Words | Token[] | undefined): Words {
  return words && !Array.isArray(words) ? words : scanWords(text, offset);
}

/** Themes of one passage with confidence and evidence; `offset` is where the passage starts in its statement. */
export function tagPassage(codebook: CompiledCodebook, text: string, offset = 0, words?: Words): PassageTag[] {
  const scanned = wordsOf(text, offset, words);
  return tagsOf(codebook, findMatches(codebook, text, offset, scanned, 0, scanned.count), scanned);
}

export interface StatementTags {
  passages: { ordinal: number; tags: PassageTag[] }[];
  statement: { theme: string; confidence: number; passageCount: number }[];
}

/** Tags every passage of a statement from one scan of its text, and rolls the passages up to the statement. */
export function tagStatement(codebook: CompiledCodebook, text: string, passages: Passage[], words?: Words | Token[]): StatementTags {
  const scanned = wordsOf(text, 0, words);
  const perPassage = passages.map((p) => {
    const from = firstWordAt(scanned, p.start);
    const to = firstWordAt(scanned, p.end);
    return { ordinal: p.ordinal, tags: tagsOf(codebook, findMatches(codebook, text, 0, scanned, from, to), scanned) };
  });
  return { passages: perPassage, statement: rollUpStatement(perPassage) };
}

/** A statement carries a theme when any passage does: its confidence is the best passage's. */
function rollUpStatement(passages: { tags: PassageTag[] }[]): StatementTags["statement"] {
  const byTheme = new Map<string, { theme: string; confidence: number; passageCount: number }>();
  for (const tag of passages.flatMap((p) => p.tags)) {
    const entry = byTheme.get(tag.theme) ?? { theme: tag.theme, confidence: 0, passageCount: 0 };
    entry.confidence = Math.max(entry.confidence, tag.confidence);
    entry.passageCount++;
    byTheme.set(tag.theme, entry);
  }
  return [...byTheme.values()];
}
