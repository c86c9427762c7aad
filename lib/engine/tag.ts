import { parsePhrase } from "./codebook";
import { foldKey, tokenize, type Token } from "./tokens";
import type { Passage, PassageTag, ThemeDefinition, ThemeEvidence } from "./types";

interface Rule {
  theme: string;
  phrase: string;
  weight: number;
  exclusion: boolean;
  /** Per word: the exact spelling required (acronyms like "TAP", "NPT"), or null for any case. */
  exactCase: (string | null)[];
}

interface Node {
  exact: Map<string, Node>;
  /** Words given with a trailing * match any key that starts with the prefix. */
  prefixes: { prefix: string; node: Node }[];
  rules: Rule[];
}

export interface CompiledCodebook {
  root: Node;
  themes: Map<string, ThemeDefinition>;
  phraseCount: number;
}

const newNode = (): Node => ({ exact: new Map(), prefixes: [], rules: [] });

/** Builds one trie over the words of every phrase of every theme, so a text is read once whatever the rule count. */
export function compileCodebook(themes: ThemeDefinition[]): CompiledCodebook {
  const root = newNode();
  let phraseCount = 0;
  const enabled = themes.filter((t) => t.enabled);
  for (const theme of enabled) {
    const add = (raw: string, exclusion: boolean) => {
      const { words, weight } = parsePhrase(raw);
      const parts = words.split(/\s+/).flatMap((word) => {
        const wildcard = word.endsWith("*");
        const tokens = tokenize(wildcard ? word.slice(0, -1) : word);
        return tokens.map((t, i) => ({ key: t.key, text: t.text, wildcard: wildcard && i === tokens.length - 1 }));
      });
      if (parts.length === 0) return;
      let node = root;
      for (const part of parts) node = part.wildcard ? prefixChild(node, part.key) : exactChild(node, part.key);
      const exactCase = parts.map((p) => (p.text.length >= 2 && p.text === p.text.toUpperCase() && /\p{L}/u.test(p.text) ? p.text : null));
      node.rules.push({ theme: theme.slug, phrase: words, weight: weight * theme.rules.weight, exclusion, exactCase });
      phraseCount++;
    };
    theme.rules.phrases.forEach((p) => add(p, false));
    theme.rules.exclusions.forEach((p) => add(p, true));
  }
  return { root, themes: new Map(enabled.map((t) => [t.slug, t])), phraseCount };
}

function exactChild(node: Node, key: string): Node {
  let next = node.exact.get(key);
  if (!next) node.exact.set(key, (next = newNode()));
  return next;
}

function prefixChild(node: Node, prefix: string): Node {
  let entry = node.prefixes.find((p) => p.prefix === prefix);
  if (!entry) node.prefixes.push((entry = { prefix, node: newNode() }));
  return entry.node;
}

interface Match extends ThemeEvidence {
  theme: string;
  weight: number;
  exclusion: boolean;
}

/** Every rule match in the tokens; for each theme, the longest match at a position, never overlapping itself. */
function matchTokens(codebook: CompiledCodebook, tokens: Token[]): Match[] {
  const matches: Match[] = [];
  const coveredUntil = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const longest = new Map<string, Match>();
    walk(codebook.root, tokens, i, i, longest);
    for (const match of longest.values()) {
      const key = `${match.theme}:${match.exclusion}`;
      if ((coveredUntil.get(key) ?? -1) > match.start) continue;
      coveredUntil.set(key, match.end);
      matches.push(match);
    }
  }
  return matches;
}

function walk(node: Node, tokens: Token[], from: number, at: number, longest: Map<string, Match>): void {
  const token = tokens[at];
  if (!token) return;
  const next: Node[] = [];
  const exact = node.exact.get(token.key);
  if (exact) next.push(exact);
  for (const p of node.prefixes) if (token.key.startsWith(p.prefix)) next.push(p.node);
  for (const child of next) {
    for (const rule of child.rules) {
      if (!rule.exactCase.every((spelling, k) => spelling === null || tokens[from + k]?.text === spelling)) continue;
      const key = `${rule.theme}:${rule.exclusion}`;
      const current = longest.get(key);
      if (!current || tokens[at]!.end > current.end || (tokens[at]!.end === current.end && rule.weight > current.weight)) {
        longest.set(key, { theme: rule.theme, phrase: rule.phrase, weight: rule.weight, exclusion: rule.exclusion, start: tokens[from]!.start, end: token.end });
      }
    }
    walk(child, tokens, from, at + 1, longest);
  }
}

/** Themes of one passage with confidence and evidence (offsets into the statement text). */
function passageTags(codebook: CompiledCodebook, matches: Match[]): PassageTag[] {
  const exclusions = matches.filter((m) => m.exclusion);
  const kept = matches.filter((m) => !m.exclusion && !exclusions.some((x) => x.theme === m.theme && x.start < m.end && m.start < x.end));
  const byTheme = new Map<string, Match[]>();
  for (const m of kept) byTheme.set(m.theme, [...(byTheme.get(m.theme) ?? []), m]);
  const tags = new Map<string, PassageTag>();
  for (const [slug, evidence] of byTheme) {
    const theme = codebook.themes.get(slug)!;
    const threshold = theme.rules.threshold ?? 1;
    const score = evidence.reduce((sum, m) => sum + m.weight, 0);
    if (score < threshold) continue;
    tags.set(slug, { theme: slug, confidence: round(1 - 0.5 ** (score / threshold)), evidence: evidence.map(({ start, end, phrase }) => ({ start, end, phrase })) });
  }
  rollUpToParents(codebook, tags);
  return [...tags.values()];
}

/** A child theme implies its parent (elections → democracy), with the child's evidence. */
function rollUpToParents(codebook: CompiledCodebook, tags: Map<string, PassageTag>): void {
  for (const tag of [...tags.values()]) {
    let parent = codebook.themes.get(tag.theme)?.parent;
    while (parent && codebook.themes.has(parent)) {
      const existing = tags.get(parent);
      if (existing) {
        existing.confidence = Math.max(existing.confidence, tag.confidence);
        existing.evidence = mergeEvidence(existing.evidence, tag.evidence);
      } else {
        tags.set(parent, { theme: parent, confidence: tag.confidence, evidence: [...tag.evidence] });
      }
      parent = codebook.themes.get(parent)?.parent;
    }
  }
}

function mergeEvidence(a: ThemeEvidence[], b: ThemeEvidence[]): ThemeEvidence[] {
  const seen = new Set(a.map((e) => `${e.start}:${e.end}`));
  return [...a, ...b.filter((e) => !seen.has(`${e.start}:${e.end}`))].sort((x, y) => x.start - y.start);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Tags one passage of text on its own; `offset` is where it starts in the statement. */
export function tagPassage(codebook: CompiledCodebook, text: string, offset = 0): PassageTag[] {
  return passageTags(codebook, matchTokens(codebook, tokenize(text, offset)));
}

export interface StatementTags {
  passages: { ordinal: number; tags: PassageTag[] }[];
  statement: { theme: string; confidence: number; passageCount: number }[];
}

/** Tags every passage of a statement in one read of its text, and rolls the passages up to the statement. */
export function tagStatement(codebook: CompiledCodebook, text: string, passages: Passage[]): StatementTags {
  const matches = matchTokens(codebook, tokenize(text));
  let cursor = 0;
  const perPassage = passages.map((p) => {
    while (cursor < matches.length && matches[cursor]!.start < p.start) cursor++;
    const own: Match[] = [];
    for (let i = cursor; i < matches.length && matches[i]!.start < p.end; i++) own.push(matches[i]!);
    return { ordinal: p.ordinal, tags: passageTags(codebook, own) };
  });
  const rollUp = new Map<string, { theme: string; confidence: number; passageCount: number }>();
  for (const p of perPassage) {
    for (const tag of p.tags) {
      const entry = rollUp.get(tag.theme) ?? { theme: tag.theme, confidence: 0, passageCount: 0 };
      entry.confidence = Math.max(entry.confidence, tag.confidence);
      entry.passageCount++;
      rollUp.set(tag.theme, entry);
    }
  }
  return { passages: perPassage, statement: [...rollUp.values()] };
}

export { foldKey };
