import { createHash } from "node:crypto";
import { DEFAULT_CODEBOOK, parsePhrase } from "./codebook";
import { tokenize, type Token } from "./tokens";
import type { Passage, PassageTag, ThemeDefinition, ThemeEvidence } from "./types";
import { firstWordAt, scanWords, wordId, wordKey, type Words } from "./words";

/**
 * The tagger reads a statement once. Every phrase of every enabled theme is a path in one trie whose edges are
 * word ids (not characters), so a word that begins no phrase costs one cached lookup, whatever the number of
 * rules. A word given with a trailing * is a prefix edge, resolved once per vocabulary word and cached.
 */
type Role = "phrase" | "exclusion" | "context";

/** Bump by hand whenever a change to the matching code here changes which tags a text gets. */
const TAGGER_REVISION = "2026-12-03b";

/**
 * The tagger a statement was tagged by: this code's revision and the codebook Dyad ships (a database whose
 * codebook no person has edited follows the shipped one, db/seed.ts). Every statement stores it, and a start-up
 * with another one re-tags the database in the background (lib/dal/internal/retag.ts).
 */
export const TAGGER_VERSION = createHash("sha256")
  .update(`${TAGGER_REVISION}|${JSON.stringify(DEFAULT_CODEBOOK)}`)
  .digest("hex")
  .slice(0, 16);
const ROLES = 3;

interface Rule {
  theme: number;
  /** theme * 3, + 1 for an exclusion, + 2 for a roll-up context phrase: matches of one kind never overlap. */
  kind: number;
  phrase: string;
  weight: number;
  exclusion: boolean;
  role: Role;
  /** The name of an organisation (ThemeRules.names): counts once per passage, never alone. */
  name: boolean;
  /** Acronyms (TAP, NPT, OSCE) must appear in capitals: word index within the phrase → required spelling. */
  exactCase: [number, string][];
}

interface Node {
  id: number;
  exact: Map<number, Node>;
  prefixes: { prefix: string; node: Node }[];
  rules: Rule[];
}

/**
 * The trie run as a deterministic automaton over word ids, built lazily: a state is the set of trie nodes a word
 * sequence can be in (a word may follow an exact edge and a prefix edge at once), and each (state, word) step is
 * worked out once and kept in flat integer tables. Reading a word is then an array or hash-table lookup.
 */
interface Automaton {
  /**
   * `exits`: the word ids that can follow, when only exact edges leave the state (empty when none do, as after most
   * single-word phrases); null when a prefix edge leaves it. Most steps are ruled out by these few ids ("the" begins
   * phrases, but is followed by "new", "president" or "assembly" only), without a probe of the big step table.
   */
  states: { nodes: Node[]; rules: Rule[]; exits: Int32Array | null }[];
  stateOfNodes: Map<string, number>;
  /** Word id → state after the root: -2 not yet known, -1 none. Most words begin no phrase: this is the hot path. */
  fromRoot: Int32Array;
  /**
   * Open-addressing table (state, word) → next state (-1 none): a slot is three integers side by side (state, word,
   * next), so a probe touches one cache line rather than three arrays; a slot is empty while its state is -1.
   */
  steps: Int32Array;
  used: number;
}

export interface CompiledCodebook {
  root: Node;
  themes: ThemeDefinition[];
  /** Theme index → index of its parent among `themes`, or -1. */
  parents: number[];
  /** Theme index → whether its children roll up into it only beside one of its context phrases (ThemeRules.rollUpContext). */
  needsContext: boolean[];
  /** Theme index → whether its lists are read loosely (it or its parent asks for context): see isListItem. */
  looseLists: boolean[];
  phraseCount: number;
  automaton: Automaton;
  /** Scratch for findMatches, one slot per kind (see Rule.kind). */
  longestRule: (Rule | undefined)[];
  longestLast: Int32Array;
  coveredUntil: Int32Array;
  touched: Int32Array;
}

/** One trie over the words of every phrase and exclusion of every enabled theme. */
export function compileCodebook(themes: ThemeDefinition[]): CompiledCodebook {
  const enabled = themes.filter((t) => t.enabled);
  let nodes = 0;
  const newNode = (): Node => ({ id: nodes++, exact: new Map(), prefixes: [], rules: [] });
  const root = newNode();
  let phraseCount = 0;
  enabled.forEach((theme, index) => {
    const add = (raw: string, role: Role, defaultWeight = 1, name = false) => {
      const parsed = parsePhrase(raw);
      const { words } = parsed;
      const weight = raw.includes(":") ? parsed.weight : defaultWeight;
      const parts = phraseParts(words);
      if (parts.length === 0) return;
      let node = root;
      for (const part of parts) node = part.wildcard ? prefixChild(node, part.key, newNode) : exactChild(node, wordId(part.key), newNode);
      const exactCase = parts.flatMap((p, k): [number, string][] => (isAcronym(p.text) ? [[k, p.text]] : []));
      const kind = index * ROLES + (role === "phrase" ? 0 : role === "exclusion" ? 1 : 2);
      node.rules.push({
        theme: index,
        kind,
        phrase: words,
        weight: weight * theme.rules.weight,
        exclusion: role === "exclusion",
        role,
        name,
        exactCase,
      });
      phraseCount++;
    };
    theme.rules.phrases.forEach((p) => add(p, "phrase"));
    theme.rules.aliases?.forEach((p) => add(p, "phrase", theme.rules.threshold ?? 1));
    theme.rules.names?.forEach((p) => add(p, "phrase", 1, true));
    theme.rules.exclusions.forEach((p) => add(p, "exclusion"));
    theme.rules.rollUpContext?.forEach((p) => add(p, "context"));
  });
  const slugIndex = new Map(enabled.map((t, i) => [t.slug, i]));
  const parents = enabled.map((t) => (t.parent === null ? -1 : (slugIndex.get(t.parent) ?? -1)));
  const kinds = enabled.length * ROLES;
  return {
    root,
    themes: enabled,
    parents,
    needsContext: enabled.map((t) => (t.rules.rollUpContext?.length ?? 0) > 0),
    looseLists: enabled.map((t, i) => [t, enabled[parents[i]!]].some((x) => (x?.rules.rollUpContext?.length ?? 0) > 0)),
    phraseCount,
    automaton: newAutomaton(root),
    longestRule: new Array<Rule | undefined>(kinds).fill(undefined),
    longestLast: new Int32Array(kinds),
    coveredUntil: new Int32Array(kinds),
    touched: new Int32Array(kinds),
  };
}

/** "terror* attack" → [{terror, wildcard}, {attack}]; words split as the scanner splits them (Al-Qaida → al, qaida). */
function phraseParts(phrase: string): { key: string; text: string; wildcard: boolean }[] {
  return phrase.split(/\s+/).flatMap((word) => {
    const wildcard = word.endsWith("*");
    const tokens = tokenize(wildcard ? word.slice(0, -1) : word);
    return tokens.map((t, k) => ({ key: t.key, text: t.text, wildcard: wildcard && k === tokens.length - 1 }));
  });
}

const isAcronym = (word: string) => word.length >= 2 && word === word.toUpperCase() && /\p{L}/u.test(word);

function exactChild(node: Node, id: number, newNode: () => Node): Node {
  let next = node.exact.get(id);
  if (!next) node.exact.set(id, (next = newNode()));
  return next;
}

function prefixChild(node: Node, prefix: string, newNode: () => Node): Node {
  let entry = node.prefixes.find((p) => p.prefix === prefix);
  if (!entry) node.prefixes.push((entry = { prefix, node: newNode() }));
  return entry.node;
}

const SLOTS = 1 << 12;
const STEP = 3;
/** Beyond this many cached steps the table starts afresh, so an endless stream of new words cannot grow it forever. */
const MAX_STEPS = 1 << 22;

function newAutomaton(root: Node): Automaton {
  return {
    states: [{ nodes: [root], rules: root.rules, exits: exitsOf([root]) }],
    stateOfNodes: new Map([[String(root.id), 0]]),
    fromRoot: new Int32Array(1024).fill(-2),
    steps: emptySteps(SLOTS),
    used: 0,
  };
}

/** The state after reading word `id` in `state`, from the trie: exact edge and every prefix edge that fits. */
function follow(a: Automaton, state: number, id: number): number {
  const key = wordKey(id);
  const next = new Set<Node>();
  for (const node of a.states[state]!.nodes) {
    const exact = node.exact.get(id);
    if (exact) next.add(exact);
    for (const p of node.prefixes) if (key.startsWith(p.prefix)) next.add(p.node);
  }
  if (next.size === 0) return -1;
  const nodes = [...next].sort((x, y) => x.id - y.id);
  const name = nodes.map((n) => n.id).join(",");
  let found = a.stateOfNodes.get(name);
  if (found === undefined) {
    found = a.states.length;
    a.states.push({ nodes, rules: nodes.flatMap((n) => n.rules), exits: exitsOf(nodes) });
    a.stateOfNodes.set(name, found);
  }
  return found;
}

function fromRoot(a: Automaton, id: number): number {
  if (id >= a.fromRoot.length) {
    const grown = new Int32Array(Math.max(id + 1, a.fromRoot.length * 2)).fill(-2);
    grown.set(a.fromRoot);
    a.fromRoot = grown;
  }
  let next = a.fromRoot[id]!;
  if (next === -2) a.fromRoot[id] = next = follow(a, 0, id);
  return next;
}

function slotOf(state: number, id: number, mask: number): number {
  let h = Math.imul(id ^ Math.imul(state, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}

function exitsOf(nodes: Node[]): Int32Array | null {
  if (nodes.some((n) => n.prefixes.length > 0)) return null;
  return Int32Array.from(new Set(nodes.flatMap((n) => [...n.exact.keys()])));
}

/** Whether word `id` can follow a state (see Automaton.states): a false answer is certain, a true one needs the step. */
function mayFollow(exits: Int32Array | null, id: number): boolean {
  if (exits === null) return true;
  for (let k = 0; k < exits.length; k++) if (exits[k] === id) return true;
  return false;
}

function emptySteps(slots: number): Int32Array {
  const steps = new Int32Array(slots * STEP);
  for (let slot = 0; slot < slots; slot++) steps[slot * STEP] = -1;
  return steps;
}

function stepFrom(a: Automaton, state: number, id: number): number {
  const steps = a.steps;
  const mask = steps.length / STEP - 1;
  for (let slot = slotOf(state, id, mask); ; slot = (slot + 1) & mask) {
    const at = slot * STEP;
    const s = steps[at]!;
    if (s === -1) break;
    if (s === state && steps[at + 1] === id) return steps[at + 2]!;
  }
  const next = follow(a, state, id);
  remember(a, state, id, next);
  return next;
}

function remember(a: Automaton, state: number, id: number, next: number): void {
  const slots = a.steps.length / STEP;
  if ((a.used + 1) * 2 > slots) {
    const old = a.steps;
    a.steps = emptySteps(a.used >= MAX_STEPS ? SLOTS : slots * 2);
    a.used = 0;
    if (a.steps.length > SLOTS * STEP)
      for (let at = 0; at < old.length; at += STEP) if (old[at]! !== -1) remember(a, old[at]!, old[at + 1]!, old[at + 2]!);
  }
  const steps = a.steps;
  const mask = steps.length / STEP - 1;
  let slot = slotOf(state, id, mask);
  while (steps[slot * STEP] !== -1) slot = (slot + 1) & mask;
  steps[slot * STEP] = state;
  steps[slot * STEP + 1] = id;
  steps[slot * STEP + 2] = next;
  a.used++;
}

interface Match {
  theme: number;
  rule: Rule;
  first: number;
  last: number;
  sentence: number;
  /** The word the match's sentence starts at. */
  sentenceFirst: number;
}

/**
 * Every rule match in words [from, to): for each theme and kind (phrase or exclusion), the longest match
 * starting at a word, and never two overlapping matches of the same theme and kind.
 */
function findMatches(codebook: CompiledCodebook, text: string, textOffset: number, words: Words, from: number, to: number): Match[] {
  const matches: Match[] = [];
  const { automaton, longestRule, longestLast, coveredUntil, touched } = codebook;
  const ids = words.ids;
  const sentenceStart = words.sentenceStart;
  const states = automaton.states;
  coveredUntil.fill(-1);
  let sentence = 0;
  let sentenceFirst = from;
  // Most words begin no phrase: one array read each, straight from the table fromRoot fills (and may grow).
  let known = automaton.fromRoot;
  for (let i = from; i < to; i++) {
    if (sentenceStart[i] && i > from) {
      sentence++;
      sentenceFirst = i;
    }
    const id = ids[i]!;
    let state = id < known.length ? known[id]! : -2;
    if (state === -2) {
      state = fromRoot(automaton, id);
      known = automaton.fromRoot;
    }
    if (state < 0) continue;
    let kinds = 0;
    for (let j = i; ;) {
      for (const rule of states[state]!.rules) {
        if (rule.exactCase.length > 0 && !spellingMatches(rule, text, textOffset, words, i)) continue;
        const kind = rule.kind;
        const current = longestRule[kind];
        if (current === undefined) touched[kinds++] = kind;
        if (current === undefined || j > longestLast[kind]! || rule.weight > current.weight) {
          longestRule[kind] = rule;
          longestLast[kind] = j;
        }
      }
      if (++j >= to || !mayFollow(states[state]!.exits, ids[j]!)) break;
      state = stepFrom(automaton, state, ids[j]!);
      if (state < 0) break;
    }
    if (kinds > 1) touched.subarray(0, kinds).sort();
    for (let k = 0; k < kinds; k++) {
      const kind = touched[k]!;
      const rule = longestRule[kind]!;
      longestRule[kind] = undefined;
      if (coveredUntil[kind]! >= i) continue;
      coveredUntil[kind] = longestLast[kind]!;
      matches.push({ theme: rule.theme, rule, first: i, last: longestLast[kind]!, sentence, sentenceFirst });
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

/**
 * Tags from the matches of one passage: exclusions cancel their theme's matches in the same sentence; names of
 * organisations count once and never alone; a theme named once, as one item of a list ("food and energy security
 * as well as health and education"), is not the passage's subject.
 */
function tagsOf(codebook: CompiledCodebook, matches: Match[], words: Words, text: string, textOffset: number, to: number): PassageTag[] {
  if (matches.length === 0) return [];
  const themeCount = codebook.themes.length;
  const excluded = new Set(matches.filter((m) => m.rule.exclusion).map((m) => m.sentence * themeCount + m.theme));
  const contexts = matches.filter((m) => m.rule.role === "context");
  const evidenceByTheme = new Map<number, Match[]>();
  for (const m of matches) {
    if (m.rule.role !== "phrase" || excluded.has(m.sentence * themeCount + m.theme)) continue;
    evidenceByTheme.set(m.theme, [...(evidenceByTheme.get(m.theme) ?? []), m]);
  }
  const tags = new Map<number, PassageTag>();
  for (const [theme, evidence] of evidenceByTheme) {
    const threshold = codebook.themes[theme]!.rules.threshold ?? 1;
    const strength = strengthOf(evidence);
    if (strength < threshold || strength <= 0) continue;
    if (evidence.length === 1 && isListItem(evidence[0]!, words, text, textOffset, to, codebook.looseLists[theme]!)) continue;
    // A theme that asks for context takes a single passing mention only beside it ("our young democracy" among
    // the purposes of a security agreement is not a passage about democracy).
    if (evidence.length === 1 && codebook.needsContext[theme] && !contextBeside(contexts, theme, evidence)) continue;
    tags.set(theme, {
      theme: codebook.themes[theme]!.slug,
      confidence: round(1 - 0.5 ** (strength / threshold)),
      evidence: evidence.map((m) => ({ start: words.starts[m.first]!, end: words.ends[m.last]!, phrase: m.rule.phrase })),
    });
  }
  rollUpToParents(
    codebook,
    tags,
    evidenceByTheme,
    (m, parent, all) =>
      (all.length > 1 ? contextBeside(contexts, parent, all) : contextNear(contexts, parent, m)) &&
      !excluded.has(m.sentence * themeCount + parent),
  );
  return [...tags.values()];
}

/**
 * Context for `theme` in the sentence of a child's mention or the next or last one: "human rights" in a list of the United
 * Nations' ideals does not become a passage about a country's governance because a government is named three sentences on.
 */
function contextNear(contexts: Match[], theme: number, m: Match): boolean {
  return contexts.some((c) => c.theme === theme && Math.abs(c.sentence - m.sentence) <= 1 && (c.last < m.first || c.first > m.last));
}

/** Context for `theme` in the passage; beside a single mention it must be elsewhere: "democracy" does not vouch for itself. */
function contextBeside(contexts: Match[], theme: number, evidence: Match[]): boolean {
  return contexts.some((c) => c.theme === theme && (evidence.length > 1 || c.last < evidence[0]!.first || c.first > evidence[0]!.last));
}

/** Phrases add up; names of organisations together count as their strongest, and not at all without a phrase. */
function strengthOf(evidence: Match[]): number {
  let phrases = 0;
  let names = 0;
  for (const m of evidence) {
    if (m.rule.name) names = Math.max(names, m.rule.weight);
    else phrases += m.rule.weight;
  }
  return phrases > 0 ? phrases + names : 0;
}

const LIST_WORDS = new Set(["and", "or", "as"].map(wordId));
const AS = wordId("as");
const WELL = wordId("well");
const LIST_PUNCTUATION = /[,;]/;
const EDGE_PUNCTUATION = /[,;:()\u2013\u2014]/;

/** The text between word k - 1 and word k. */
function gap(words: Words, text: string, textOffset: number, k: number): string {
  return text.slice(words.ends[k - 1]! - textOffset, words.starts[k]! - textOffset);
}

/** How many more words than the match an item of a list may hold ("equality, genuine democracy and freedom"). */
const ITEM_WORDS = 1;

/**
 * A match that is one item of a list: a list word or comma on one side, a list word, comma or the sentence's edge on
 * the other, in a sentence with at least two of them ("peace, justice, democracy and human rights"). Read loosely
 * (themes of ideals, which ask for context), an item may hold one more word than the match ("equality, genuine
 * democracy and freedom"); more words, or a list's first item, cost recall on the reviewed passages.
 */
function isListItem(m: Match, words: Words, text: string, textOffset: number, to: number, loose: boolean): boolean {
  let sentenceEnd = m.last + 1;
  while (sentenceEnd < to && !words.sentenceStart[sentenceEnd]) sentenceEnd++;
  let separators = 0;
  let commas = 0;
  for (let k = m.sentenceFirst + 1; k < sentenceEnd; k++) {
    const comma = LIST_PUNCTUATION.test(gap(words, text, textOffset, k)) || (words.ids[k] === AS && words.ids[k + 1] === WELL);
    if (comma) commas++;
    if (comma || LIST_WORDS.has(words.ids[k]!)) separators++;
  }
  // "lawlessness and terrorism" is a pair, not a list: a list has commas (or "as well as") and two separators.
  if (separators < 2 || commas === 0) return false;
  /** What bounds an item at word k: a comma or list word ("list"), other punctuation or the sentence's edge ("edge"). */
  const bound = (k: number, listWord: number): "list" | "edge" | "" => {
    if (k <= m.sentenceFirst || k >= sentenceEnd) return "edge";
    const between = gap(words, text, textOffset, k);
    if (LIST_PUNCTUATION.test(between) || LIST_WORDS.has(words.ids[listWord]!)) return "list";
    return EDGE_PUNCTUATION.test(between) ? "edge" : "";
  };
  const itemWords = loose ? ITEM_WORDS : 0;
  let before: "list" | "edge" | "" = "";
  for (let k = m.first; k >= m.first - itemWords && before === ""; k--) before = bound(k, k - 1);
  let after: "list" | "edge" | "" = "";
  for (let k = m.last + 1; k <= m.last + 1 + itemWords && after === ""; k++) after = bound(k, k);
  return before !== "" && after !== "" && (before === "list" || after === "list");
}

/**
 * A child theme implies its parent (elections → democracy), carrying the child's evidence and confidence, unless
 * the parent asks for context (ThemeRules.rollUpContext) that the passage lacks (beside a single mention: near it,
 * see contextNear); the parent's exclusions hold for
 * the evidence it inherits ("self-determination" keeps a colony's referendum out of democracy).
 */
function rollUpToParents(
  codebook: CompiledCodebook,
  tags: Map<number, PassageTag>,
  evidence: Map<number, Match[]>,
  inherits: (m: Match, parent: number, all: Match[]) => boolean,
): void {
  for (const [theme, tag] of [...tags]) {
    for (let parent = codebook.parents[theme]!; parent >= 0; parent = codebook.parents[parent]!) {
      const own = evidence.get(theme) ?? [];
      const kept = own.filter((m) => !codebook.needsContext[parent] || inherits(m, parent, own));
      if (kept.length === 0) continue;
      const spans = tag.evidence.filter((e) => kept.some((m) => e.phrase === m.rule.phrase));
      const existing = tags.get(parent);
      if (existing) {
        existing.confidence = Math.max(existing.confidence, tag.confidence);
        existing.evidence = mergeEvidence(existing.evidence, spans);
      } else {
        tags.set(parent, { theme: codebook.themes[parent]!.slug, confidence: tag.confidence, evidence: [...spans] });
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
  return tagsOf(codebook, findMatches(codebook, text, offset, scanned, 0, scanned.count), scanned, text, offset, scanned.count);
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
    return { ordinal: p.ordinal, tags: tagsOf(codebook, findMatches(codebook, text, 0, scanned, from, to), scanned, text, 0, to) };
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
