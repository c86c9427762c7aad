import { COUNTRIES } from "./countries";
import { foldKey, tokenize, type Token } from "./tokens";
import type { CountryMention } from "./types";

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Countries whose alias ends here, with the original spelling to check capitals against. */
  ends: { iso3: string; alias: string[] }[];
}

function newNode(): TrieNode {
  return { children: new Map(), ends: [] };
}

/**
 * Names of processes, treaties and institutions that contain a place name but are not about that country
 * (the OSCE Minsk Group is not Belarus). They win by being longer and are then dropped.
 */
const NOT_A_COUNTRY = [
  "Minsk Group", "Minsk Process", "Minsk agreements", "Minsk Protocol", "Helsinki principles", "Helsinki Final Act",
  "Helsinki Accords", "Washington Consensus", "Vienna Convention", "Vienna Document", "Paris Agreement",
  "Paris Climate Agreement", "Paris Principles", "Kyoto Protocol", "Rome Statute", "Oslo Accords", "Camp David",
  "Brussels",
];
const NO_COUNTRY = "";

const ROOT = buildTrie();

function buildTrie(): TrieNode {
  const root = newNode();
  const entries = [...COUNTRIES.map((c) => ({ iso3: c.iso3, aliases: [c.name, ...c.aliases] })), { iso3: NO_COUNTRY, aliases: NOT_A_COUNTRY }];
  for (const country of entries) {
    for (const alias of country.aliases) {
      const words = tokenize(alias).map((t) => t.text);
      if (words.length === 0) continue;
      let node = root;
      for (const word of words) {
        const key = foldKey(word);
        let next = node.children.get(key);
        if (!next) node.children.set(key, (next = newNode()));
        node = next;
      }
      if (!node.ends.some((e) => e.iso3 === country.iso3)) node.ends.push({ iso3: country.iso3, alias: words });
    }
  }
  return root;
}

/**
 * Proper nouns only: a capitalised alias word must be capitalised in the text, and short all-capital forms
 * (US, UK) must match exactly, so "us" and "male" are never countries.
 */
function spellingMatches(alias: string[], tokens: Token[], from: number): boolean {
  return alias.every((word, i) => {
    const seen = tokens[from + i]!.text;
    if (word.length <= 4 && word === word.toUpperCase() && /\p{L}/u.test(word)) return seen === word;
    const first = word[0]!;
    return first === first.toLowerCase() || seen[0] === seen[0]!.toUpperCase();
  });
}

/** Every country mention in the text, longest alias first ("South Sudan" is not "Sudan"), in one pass. */
export function findCountryMentions(text: string): CountryMention[] {
  const tokens = tokenize(text);
  const mentions: CountryMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node: TrieNode | undefined = ROOT;
    let best: { iso3: string; length: number } | null = null;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.children.get(tokens[j]!.key);
      if (!node) break;
      const end = node.ends.find((e) => spellingMatches(e.alias, tokens, i));
      if (end) best = { iso3: end.iso3, length: j - i + 1 };
    }
    if (best) {
      const first = tokens[i]!;
      const last = tokens[i + best.length - 1]!;
      if (best.iso3 !== NO_COUNTRY) mentions.push({ iso3: best.iso3, start: first.start, end: last.end, surface: text.slice(first.start, last.end) });
      i += best.length;
    } else {
      i++;
    }
  }
  return mentions;
}

export interface RankedCounterpart {
  iso3: string;
  mentions: number;
  score: number;
}

/**
 * Countries a text speaks about, most salient first: each mention counts, and mentions early in the text
 * (where headlines and leads name the subject) count more. The speaker's own country is left out.
 */
export function rankCounterparts(text: string, speakerIso3: string | null): RankedCounterpart[] {
  const scores = new Map<string, RankedCounterpart>();
  const length = Math.max(1, text.length);
  for (const m of findCountryMentions(text)) {
    if (m.iso3 === speakerIso3) continue;
    const entry = scores.get(m.iso3) ?? { iso3: m.iso3, mentions: 0, score: 0 };
    entry.mentions++;
    entry.score += 1 + (1 - m.start / length);
    scores.set(m.iso3, entry);
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.iso3.localeCompare(b.iso3));
}

/** The country a title or byline names first ("U.S. Under Secretary of State William Burns" → USA). */
export function countryFromText(text: string): string | null {
  return findCountryMentions(text)[0]?.iso3 ?? null;
}

const BY_ISO3 = new Map(COUNTRIES.map((c) => [c.iso3, c]));

export function lookupCountry(iso3: string) {
  return BY_ISO3.get(iso3.toUpperCase()) ?? null;
}

/** Capitals and major cities, for venue suggestions. */
export function isKnownPlace(name: string): boolean {
  const mentions = findCountryMentions(name);
  return mentions.length === 1 && mentions[0]!.surface === name;
}
