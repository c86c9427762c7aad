import { COUNTRIES, type CountryEntry } from "./countries";
import { foldKey, type Token } from "./tokens";
import type { CountryMention, MentionVia } from "./types";
import { wordKey, type Words as ScannedWords } from "./words";

/**
 * Names of treaties, processes, regions and institutions that contain a country name but are not about that
 * country (the OSCE Minsk Group is not Belarus, Latin America is not the United States). Being longer, they win
 * the match and are then dropped.
 */
const NOT_A_COUNTRY = [
  "Minsk Group",
  "Minsk Process",
  "Minsk Agreement",
  "Minsk Agreements",
  "Minsk Protocol",
  "Helsinki Final Act",
  "Helsinki Principles",
  "Helsinki Accords",
  "Helsinki Process",
  "Helsinki Commission",
  "Washington Consensus",
  "Washington Post",
  "Washington State",
  "George Washington",
  "Vienna Convention",
  "Vienna Document",
  "Paris Agreement",
  "Paris Climate Agreement",
  "Paris Principles",
  "Paris Club",
  "Rome Statute",
  "Oslo Accords",
  "Ottawa Convention",
  "Warsaw Pact",
  "Budapest Memorandum",
  "Beijing Declaration",
  "Beijing Platform",
  "Doha Round",
  "Doha Development Agenda",
  "Lisbon Treaty",
  "Astana Process",
  "Astana Format",
  "Lima Group",
  "Madrid Principles",
  "Kampala Convention",
  "Addis Ababa Action Agenda",
  "Brussels",
  "Latin America",
  "Latin American",
  "Latin Americans",
  "South America",
  "South American",
  "North America",
  "North American",
  "Central America",
  "Central American",
  "Organization of American States",
  "Inter-American",
  "Pan American",
  "Indian Ocean",
  "American Indian",
  "American Indians",
  "Persian Gulf",
  "New Mexico",
  "New Jersey",
  "New South Wales",
  "Gulf of Mexico",
  "Korean Peninsula",
  "Korean War",
  "Niger Delta",
  "Niger River",
  "Congo River",
  "Congo Basin",
  "Chinese Taipei Olympic",
  // Places named after a country that are not it: the island, the gulf, the river, the lake, the seas.
  "New Guinea",
  "West New Guinea",
  "Gulf of Guinea",
  "Indo-China",
  "Indo-Chinese",
  "Jordan River",
  "River Jordan",
  "Jordan Valley",
  "Jordan Rift Valley",
  "West Bank of the Jordan",
  "Lake Chad",
  "Lake Chad Basin",
  "South China Sea",
  "East China Sea",
  "China Sea",
  "Georgia Tech",
  "Michael Jordan",
  "Washington Summit",
];

/**
 * A name that means something else when read on the date of the statement: until `until` (exclusive), the name
 * stands for `iso3`, or for no country when null. Both Koreas joined the UN on 17 September 1991; before, "Korea" is
 * the peninsula and its question. Until it became Zaire (27 October 1971) "the Congo" was Léopoldville/Kinshasa,
 * and until August 1964 both Congos were called "Republic of the Congo". Berlin was the capital of neither
 * Germany the UN seated (Bonn was) until reunification on 3 October 1990: "the Berlin question" is the city's.
 */
const BY_DATE: { name: string; until: string; iso3: string | null }[] = [
  { name: "Korea", until: "1991-09-17", iso3: null },
  { name: "Congo", until: "1971-10-27", iso3: "COD" },
  { name: "Republic of the Congo", until: "1964-08-01", iso3: null },
  { name: "Republic of Congo", until: "1964-08-01", iso3: null },
  { name: "Berlin", until: "1990-10-03", iso3: null },
];

/** After a capital these words make it the name of a thing: the Moscow Treaty, the Helsinki Conference. */
const NAMED_AFTER = new Set([
  "treaty",
  "treaties",
  "conference",
  "conferences",
  "agreement",
  "agreements",
  "accord",
  "accords",
  "declaration",
  "pact",
  "plan",
  "convention",
  "conventions",
  "principles",
  "group",
  "process",
  "protocol",
  "protocols",
  "document",
  "charter",
  "statement",
  "summit",
  "round",
  "wall",
  "consensus",
  "club",
  "communique",
  "memorandum",
  "programme",
  "program",
  "platform",
  "initiative",
  "talks",
  "format",
  "commission",
  "final",
  "rules",
  "framework",
  "outcome",
  "action",
  "agenda",
  "appeal",
  "commitments",
  "understanding",
  "peace",
  "economic",
  "formula",
  "meeting",
  "meetings",
  "negotiations",
]);

/** Country names that are also given names or surnames: "Chad Smith", "Michael Jordan", "Georgia O'Keeffe". */
const ALSO_PERSONAL = new Set(["chad", "jordan", "georgia"]);
/** Capitalised words after a country's name that keep it a country: "the Chad Government", "Jordan Valley" aside. */
const AFTER_COUNTRY = new Set([
  "government",
  "governments",
  "president",
  "presidents",
  "prime",
  "minister",
  "ministers",
  "ministry",
  "parliament",
  "delegation",
  "delegations",
  "republic",
  "kingdom",
  "army",
  "armed",
  "forces",
  "embassy",
  "ambassador",
  "foreign",
  "national",
  "state",
  "states",
  "people",
  "peoples",
  "constitution",
  "council",
  "assembly",
  "authorities",
  "red",
  "crisis",
  "conflict",
  "question",
  "problem",
  "issue",
  "war",
  "basin",
  "region",
  "mission",
  "and",
  "or",
  "the",
  "in",
  "is",
  "has",
  "was",
  "will",
  "i",
  "we",
  "it",
  "this",
  "on",
  "at",
  "for",
  "but",
  "as",
  "since",
  "after",
  "before",
  "hashemite",
  "arab",
  "airways",
  "defence",
  "defense",
  "security",
  "dream",
  "lake",
]);
/** Words before a given name that make what follows a person: "Mr. Jordan", "Senator Chad". */
const PERSON_BEFORE = new Set(["mr", "mrs", "ms", "miss", "dr", "senator", "michael", "vernon", "barbara", "eddie", "jim", "king"]);
/** "Atlanta, Georgia", "the state of Georgia": the US state. */
const US_STATE_BEFORE = /(?:\b(?:Atlanta|Savannah|Augusta|Macon|Athens|Columbus|Albany|Valdosta),?|\bstate of|\bU\.?S\.? state of)\s*$/;
const US_STATE_AFTER = /^,?\s*(?:USA\b|U\.S\.A?\.?|United States\b)/;
const CONGO_SEAT = /^\s*\(\s*(Brazzaville|L[eé]opoldville|Kinshasa)\s*\)/;
/** "(spoke in French)", "interpretation from Russian", "French-speaking": the language, not the country. */
const LANGUAGE_BEFORE =
  /\b(?:spoke|speaks|speaking|spoken|delivered|interpretation|interpreted|translation|translated|written|original)\s+(?:in|from)(?:\s+the)?\s*$/i;
const LANGUAGE_AFTER = /^(?:\s|-)(?:speaking|language|languages|version|text|translation|original)\b/i;
const NONE = "";

interface Alias {
  iso3: string;
  via: MentionVia;
  /** The name's words, folded and joined by spaces: what the date rules look up. */
  key: string;
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
  /** The trie node word i begins a name at, if any (ROOT.get of its key; cached per word id for scanned words). */
  root(i: number): TrieNode | undefined;
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
    root: (k) => ROOT.get(foldKey(text.slice(starts[k]!, ends[k]!))),
  };
}

function tokenWords(tokens: Token[]): Words {
  return {
    length: tokens.length,
    start: (k) => tokens[k]!.start,
    end: (k) => tokens[k]!.end,
    key: (k) => tokens[k]!.key,
    root: (k) => ROOT.get(tokens[k]!.key),
  };
}

/** The scanner's words (words.ts), which the tagger and tone read already: no second pass over the text. */
function scannedWords(w: ScannedWords): Words {
  return {
    length: w.count,
    start: (k) => w.starts[k]!,
    end: (k) => w.ends[k]!,
    key: (k) => wordKey(w.ids[k]!),
    root: (k) => rootOfId(w.ids[k]!),
  };
}

/**
 * Word id → the trie node its word begins (null: none), filled on first sight. Looking the key string up in ROOT for
 * every capitalised word reads a string scattered on the heap and hashes a map; this reads one array slot.
 */
const rootById: (TrieNode | null | undefined)[] = [];

function rootOfId(id: number): TrieNode | undefined {
  // Grown one slot at a time, never with a gap, so the array stays a plain packed one.
  while (rootById.length <= id) rootById.push(undefined);
  let node = rootById[id];
  if (node === undefined) rootById[id] = node = ROOT.get(wordKey(id)) ?? null;
  return node ?? undefined;
}

function wordsOf(phrase: string): string[] {
  const words = scanWords(phrase);
  return Array.from({ length: words.length }, (_, k) => phrase.slice(words.start(k), words.end(k)));
}

function buildTrie(): Map<string, TrieNode> {
  const root = new Map<string, TrieNode>();
  const add = (iso3: string, phrase: string, via: MentionVia = "name") => {
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
    const alias = { iso3, via, key: words.map(foldKey).join(" "), exact: words.map(exactForm), capital, dotted: phrase.endsWith(".") };
    // A blocked phrase beats a country spelled the same ("Brussels" is the EU far more often than Belgium).
    if (iso3 === NONE) node.aliases.unshift(alias);
    else node.aliases.push(alias);
  };
  for (const c of COUNTRIES) for (const name of [c.name, ...c.aliases]) add(c.iso3, name, viaOf(c, name));
  for (const phrase of NOT_A_COUNTRY) add(NONE, phrase);
  return root;
}

/** Demonyms are single words ending as demonyms do (Azerbaijani, Afghans, Chinese, Swiss, Czechs); heuristic, for display. */
const DEMONYM_ENDING = /(?:an|ans|ese|ish|i|is|ic|ch|ss|er|ers|ois|ais|ean|eans|man|men|ot|ots|ite|ites|ks|bs|es|ns|ks)$/;

function viaOf(c: CountryEntry, name: string): MentionVia {
  if (c.capitals.includes(name)) return "capital";
  if (c.historical.includes(name)) return "historical";
  if (c.metonyms.includes(name)) return "metonym";
  if (c.offices.includes(name)) return "office";
  const single = !/[\s.\-]/.test(name) && name !== name.toUpperCase();
  return single && name !== c.name && !c.name.includes(name) && DEMONYM_ENDING.test(name) ? "demonym" : "name";
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

const ROOT = buildTrie();

interface Match {
  alias: Alias;
  last: number;
  end: number;
}

/** The node's first alias spelled as the text spells it (a loop, not find: no closure per capitalised word). */
function spelledAlias(node: TrieNode, text: string, words: Words, from: number): Alias | undefined {
  for (const alias of node.aliases) if (spelledAsAlias(alias, text, words, from)) return alias;
  return undefined;
}

function longestAt(text: string, words: Words, from: number): Match | null {
  let node = words.root(from);
  let best: Match | null = null;
  let k = from;
  while (node) {
    const alias = spelledAlias(node, text, words, from);
    if (alias) {
      const end = words.end(k);
      best = { alias, last: k, end: alias.dotted && text.charCodeAt(end) === 46 ? end + 1 : end };
    }
    if (!node.next || k + 1 >= words.length) break;
    if (!joinsName(text, words.end(k), words.start(k + 1), words.end(k) - words.start(k))) break;
    k++;
    node = node.next.get(words.key(k));
  }
  return best;
}

export interface MentionOptions {
  /** The statement's date (ISO, "1965-10-01" or "1965"): names read as they were meant then ("Korea", "the Congo"). */
  date?: string | null;
}

/**
 * Every country mention in the text in one pass over its words, longest name first ("South Sudan" is not
 * "Sudan", "Papua New Guinea" is not "Guinea"), with offsets into the text. Pass the statement's tokens when
 * they exist already (tokens.ts, or the scanner's words from words.ts), and its date when known.
 */
export function findCountryMentions(text: string, tokens?: Token[] | ScannedWords, options: MentionOptions = {}): CountryMention[] {
  const words = !tokens ? scanWords(text) : Array.isArray(tokens) ? tokenWords(tokens) : scannedWords(tokens);
  const mentions: CountryMention[] = [];
  for (let i = 0; i < words.length; i++) {
    // Every name starts with a capital, so the lower-case majority of words is never looked up.
    if (!isUpperCode(text.charCodeAt(words.start(i)))) continue;
    const match = longestAt(text, words, i);
    if (!match) continue;
    const start = words.start(i);
    let { end, last } = match;
    let iso3 = match.alias.iso3 === NONE ? null : countryInContext(match, text, words, i, options.date ?? null);
    const seat = match.alias.key === "congo" ? CONGO_SEAT.exec(text.slice(end, end + 40)) : null;
    if (iso3 && seat) {
      // "the Congo (Brazzaville)": the seat in brackets says which Congo, and is part of the name.
      iso3 = seat[1] === "Brazzaville" ? "COG" : "COD";
      end += seat[0].length;
      while (last + 1 < words.length && words.start(last + 1) < end) last++;
    }
    if (iso3) mentions.push({ iso3, start, end, surface: text.slice(start, end), via: match.alias.via });
    i = last;
  }
  return mentions;
}

/** The country a matched name stands for where it stands, or null when the words around make it something else. */
function countryInContext(match: Match, text: string, words: Words, first: number, date: string | null): string | null {
  const { alias, last, end } = match;
  let iso3: string | null = alias.iso3;
  if (date) for (const rule of BY_DATE) if (rule.name.toLowerCase() === alias.key && date < rule.until) iso3 = rule.iso3;
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, words.start(first) - 40), words.start(first));
  if (alias.via === "capital" && namesAThing(text, words, last)) return null;
  if (alias.via === "demonym" && (LANGUAGE_BEFORE.test(before) || LANGUAGE_AFTER.test(after))) return null;
  if (alias.key === "georgia" && (US_STATE_BEFORE.test(before) || US_STATE_AFTER.test(after))) return null;
  if (ALSO_PERSONAL.has(alias.key) && isPerson(text, words, first, last)) return null;
  return iso3;
}

/** The capital is followed, within two capitalised words, by a word that names a treaty, meeting or process. */
function namesAThing(text: string, words: Words, last: number): boolean {
  for (let k = last + 1; k <= last + 2 && k < words.length; k++) {
    const gap = text.slice(words.end(k - 1), words.start(k));
    if (!/^[ \t-]?$/.test(gap) && gap !== " ") return false;
    if (!isUpperCode(text.charCodeAt(words.start(k)))) return false;
    if (NAMED_AFTER.has(words.key(k))) return true;
  }
  return false;
}

/** "Michael Jordan", "Mr. Jordan", "Chad Smith": a name between a given name or title and a surname. */
function isPerson(text: string, words: Words, first: number, last: number): boolean {
  if (first > 0 && PERSON_BEFORE.has(words.key(first - 1)) && isUpperCode(text.charCodeAt(words.start(first - 1)))) {
    if (/^\.?\s$/.test(text.slice(words.end(first - 1), words.start(first)))) return true;
  }
  const next = last + 1;
  if (next >= words.length || text.slice(words.end(last), words.start(next)) !== " ") return false;
  if (!isUpperCode(text.charCodeAt(words.start(next))) || AFTER_COUNTRY.has(words.key(next))) return false;
  // A capitalised word that is itself a country's name ("Jordan Israel") is a list without commas, not a surname.
  return !ROOT.has(words.key(next));
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
export function rankCounterparts(
  text: string,
  speakerIso3: string | null,
  tokens?: Token[] | ScannedWords,
  options?: MentionOptions,
): RankedCounterpart[] {
  return rankMentions(findCountryMentions(text, tokens, options), speakerIso3, text);
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
