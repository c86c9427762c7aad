import { COUNTRIES, type CountryEntry } from "./countries";
import { foldKey, type Token } from "./tokens";
import type { CountryMention } from "./types";

/**
 * Names of treaties, processes, regions and institutions that contain a country name but are not about that
 * country (the OSCE Minsk Group is not Belarus, Latin America is not the United States). Being longer, they win
 * the match and are then dropped.
 */
const NOT_A_COUNTRY = [
  "Minsk Group", "Minsk Process", "Minsk Agreement", "Minsk Agreements", "Minsk Protocol", "Helsinki Final Act",
  "Helsinki Principles", "Helsinki Accords", "Helsinki Process", "Helsinki Commission", "Washington Consensus",
  "Washington Post", "Washington State", "George Washington", "Vienna Convention", "Vienna Document",
  "Paris Agreement", "Paris Climate Agreement", "Paris Principles", "Paris Club", "Rome Statute", "Oslo Accords",
  "Ottawa Convention", "Warsaw Pact", "Budapest Memorandum", "Beijing Declaration", "Beijing Platform",
  "Doha Round", "Doha Development Agenda", "Lisbon Treaty", "Astana Process", "Astana Format", "Lima Group",
  "Madrid Principles", "Kampala Convention", "Addis Ababa Action Agenda", "Brussels",
  "Latin America", "Latin American", "Latin Americans", "South America", "South American", "North America",
  "North American", "Central America", "Central American", "Organization of American States", "Inter-American",
  "Pan American", "Indian Ocean", "American Indian", "American Indians", "Persian Gulf", "New Mexico",
  "New Jersey", "New South Wales", "Gulf of Mexico", "Korean Peninsula", "Korean War", "Niger Delta",
  "Niger River", "Congo River", "Congo Basin", "Chinese Taipei Olympic",
];
const NONE = "";

interface Alias {
  iso3: string;
  /** Per word: must the text spell it exactly (US, UK, the U and S of U.S.), or only capitalised? */
  exact: (string | null)[];
  capital: boolean[];
  /** "U.S.": the closing dot belongs to the name. */
  dotted: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  aliases: Alias[];
}

const CODE_A = 65;
const CODE_Z = 90;
const wordUnit = new Uint8Array(65536);
const upperUnit = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const UPPER_CHAR = /^\p{Lu}$/u;

/** Letters, digits and combining marks, as the tokenizer counts them; cached per UTF-16 unit. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= CODE_A && code <= CODE_Z) || (code >= 48 && code <= 57);
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let known = wordUnit[code]!;
  if (known === 0) wordUnit[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

function isUpperCode(code: number): boolean {
  if (code < 128) return code >= CODE_A && code <= CODE_Z;
  let known = upperUnit[code]!;
  if (known === 0) upperUnit[code] = known = UPPER_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Word boundaries of a text, without making a string per word: most words are never looked up. */
interface Words {
  length: number;
  start(i: number): number;
  end(i: number): number;
  key(i: number): string;
}

function scanWords(text: string): Words {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    starts.push(i);
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    ends.push(i);
  }
  return {
    length: starts.length,
    start: (k) => starts[k]!,
    end: (k) => ends[k]!,
    key: (k) => foldKey(text.slice(starts[k]!, ends[k]!)),
  };
}

function tokenWords(tokens: Token[]): Words {
  return { length: tokens.length, start: (k) => tokens[k]!.start, end: (k) => tokens[k]!.end, key: (k) => tokens[k]!.key };
}

function wordsOf(phrase: string): string[] {
  const words = scanWords(phrase);
  return Array.from({ length: words.length }, (_, k) => phrase.slice(words.start(k), words.end(k)));
}

const ROOT = buildTrie();

function buildTrie(): Map<string, TrieNode> {
  const root = new Map<string, TrieNode>();
  const add = (iso3: string, phrase: string) => {
    const words = wordsOf(phrase);
    let children = root;
    let node: TrieNode | undefined;
    for (const word of words) {
      const key = foldKey(word);
      node = children.get(key);
      if (!node) children.set(key, (node = { next: null, aliases: [] }));
      children = node.next ??= new Map();
    }
    if (!node) return;
    // Blocked phrases need only their first word capitalised: "the Helsinki principles".
    const capital = words.map((w, k) => (iso3 === NONE ? k === 0 : isUpperCode(w.charCodeAt(0))));
    const alias = { iso3, exact: words.map(exactForm), capital, dotted: phrase.endsWith(".") };
    // A blocked phrase beats a country spelled the same ("Brussels" is the EU far more often than Belgium).
    if (iso3 === NONE) node.aliases.unshift(alias);
    else node.aliases.push(alias);
  };
  for (const c of COUNTRIES) for (const name of [c.name, ...c.aliases]) add(c.iso3, name);
  for (const phrase of NOT_A_COUNTRY) add(NONE, phrase);
  return root;
}

/** Short all-capital words (US, UK, UAE, DPRK, the U and S of U.S.) must be spelled exactly: "us" is a pronoun. */
function exactForm(word: string): string | null {
  return word.length <= 4 && word === word.toUpperCase() && word !== word.toLowerCase() ? word : null;
}

function spelledAsAlias(alias: Alias, text: string, words: Words, from: number): boolean {
  for (let k = 0; k < alias.exact.length; k++) {
    const exact = alias.exact[k];
    const start = words.start(from + k);
    if (exact != null) {
      if (words.end(from + k) - start !== exact.length || !text.startsWith(exact, start)) return false;
    } else if (alias.capital[k] && !isUpperCode(text.charCodeAt(start))) {
      return false;
    }
  }
  return true;
}

/** Words of one name are joined by a space, hyphen or apostrophe ("Guinea-Bissau"), or by the dots of "U.S.". */
function joinsName(text: string, from: number, to: number, previousLength: number): boolean {
  if (to - from > 3) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) newlines++;
    else if (c === 46) {
      if (previousLength > 3) return false;
    } else if (c !== 32 && c !== 45 && c !== 39 && c !== 0x2019 && c !== 0x2010 && c !== 0x2011 && c !== 0x2013 && c !== 9) return false;
  }
  return newlines <= 1;
}

interface Match {
  iso3: string;
  last: number;
  end: number;
}

function longestAt(text: string, words: Words, from: number): Match | null {
  let node = ROOT.get(words.key(from));
  let best: Match | null = null;
  let k = from;
  while (node) {
    const alias = node.aliases.find((a) => spelledAsAlias(a, text, words, from));
    if (alias) {
      const end = words.end(k);
      best = { iso3: alias.iso3, last: k, end: alias.dotted && text.charCodeAt(end) === 46 ? end + 1 : end };
    }
    if (!node.next || k + 1 >= words.length) break;
    if (!joinsName(text, words.end(k), words.start(k + 1), words.end(k) - words.start(k))) break;
    k++;
    node = node.next.get(words.key(k));
  }
  return best;
}

/**
 * Every country mention in the text in one pass over its words, longest name first ("South Sudan" is not
 * "Sudan", "Papua New Guinea" is not "Guinea"), with offsets into the text. Pass the statement's tokens when
 * they exist already.
 */
export function findCountryMentions(text: string, tokens?: Token[]): CountryMention[] {
  const words = tokens ? tokenWords(tokens) : scanWords(text);
  const mentions: CountryMention[] = [];
  for (let i = 0; i < words.length; i++) {
    // Every name starts with a capital, so the lower-case majority of words is never looked up.
    if (!isUpperCode(text.charCodeAt(words.start(i)))) continue;
    const match = longestAt(text, words, i);
    if (!match) continue;
    const start = words.start(i);
    if (match.iso3 !== NONE) mentions.push({ iso3: match.iso3, start, end: match.end, surface: text.slice(start, match.end) });
    i = match.last;
  }
  return mentions;
}

export interface RankedCounterpart {
  iso3: string;
  mentions: number;
  score: number;
}

/**
 * Countries a text speaks about, most salient first. Each mention counts 1, plus up to 1 the earlier it comes
 * (leads name the subject), plus 2 in a headline. The speaker's own country is left out.
 */
export function rankCounterparts(text: string, speakerIso3: string | null, tokens?: Token[]): RankedCounterpart[] {
  return rankMentions(findCountryMentions(text, tokens), speakerIso3, text);
}

export function rankMentions(mentions: CountryMention[], speakerIso3: string | null, text: string): RankedCounterpart[] {
  const titleEnd = headlineEnd(text);
  const length = Math.max(1, text.length);
  const ranked = new Map<string, RankedCounterpart>();
  for (const m of mentions) {
    if (m.iso3 === speakerIso3) continue;
    const entry = ranked.get(m.iso3) ?? { iso3: m.iso3, mentions: 0, score: 0 };
    entry.mentions++;
    entry.score += 1 + (1 - m.start / length) + (m.end <= titleEnd ? 2 : 0);
    ranked.set(m.iso3, entry);
  }
  return [...ranked.values()]
    .map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.iso3.localeCompare(b.iso3));
}

/** End of the first line when it reads as a headline (short, no full stop), else 0. */
function headlineEnd(text: string): number {
  const newline = text.indexOf("\n");
  const end = newline === -1 ? text.length : newline;
  return end > 0 && end <= 200 && newline !== -1 && !/[.!?:;,]\s*$/.test(text.slice(0, end)) ? end : 0;
}

/** Words after which a country is the counterpart, not the speaker's: "Ambassador to Russia". */
const NOT_SPEAKER = new Set(["to", "in", "at", "with", "on", "for", "from", "against", "toward", "towards", "visiting", "about"]);

/**
 * The country a title or byline speaks for: "U.S. Under Secretary of State William Burns" → USA,
 * "Minister of Foreign Affairs of Azerbaijan" → AZE, "Special Envoy to Ukraine" → null.
 */
export function countryFromText(text: string): string | null {
  for (const m of findCountryMentions(text)) {
    const before = /(\p{L}+)[^\p{L}]*$/u.exec(text.slice(Math.max(0, m.start - 16), m.start))?.[1]?.toLowerCase();
    if (!before || !NOT_SPEAKER.has(before)) return m.iso3;
  }
  return null;
}

const BY_ISO3 = new Map(COUNTRIES.map((c) => [c.iso3, c]));
const BY_NAME = new Map<string, CountryEntry>();
for (const c of COUNTRIES) for (const name of [c.name, ...c.aliases]) if (!BY_NAME.has(nameKey(name))) BY_NAME.set(nameKey(name), c);

function nameKey(name: string): string {
  return wordsOf(name).map(foldKey).join(" ");
}

/** A country by ISO 3166-1 alpha-3 code or by any of its names, case-insensitively ("aze", "Azerbaijan", "U.S."). */
export function lookupCountry(codeOrName: string): CountryEntry | null {
  const query = codeOrName.trim();
  return BY_ISO3.get(query.toUpperCase()) ?? BY_NAME.get(nameKey(query)) ?? null;
}

const CAPITALS = new Map(COUNTRIES.flatMap((c) => c.capitals.map((capital) => [nameKey(capital), c.iso3] as const)));

/** The country whose capital this is ("Baku" → AZE), for venues. */
export function capitalOf(place: string): string | null {
  return CAPITALS.get(nameKey(place)) ?? null;
}
