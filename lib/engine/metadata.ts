import { countryFromText, isKnownPlace } from "./gazetteer";

/** A suggested value, where it came from, and how sure we are; `flag` says what a person must check. */
export interface Suggestion<T> {
  value: T;
  source: string;
  confidence: number;
  flag?: string;
}

export interface MetadataSuggestions {
  title: Suggestion<string> | null;
  date: Suggestion<{ date: string | null; precision: "day" | "month" | "year" | null }> | null;
  speakerName: Suggestion<string> | null;
  speakerTitle: Suggestion<string> | null;
  speakerCountry: Suggestion<string> | null;
  venue: Suggestion<string> | null;
  kind: Suggestion<string>;
  language: Suggestion<string>;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH = `(${MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)).join("|")}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?`;
const OFFICE =
  "(?:(?:Under|Assistant|Deputy) )?Secretary(?: of State| of Defense| General)?(?: for [A-Z][a-z]+(?: [A-Z][a-z]+)*)?|President|Vice President|Prime Minister|(?:Deputy )?Foreign Minister|Minister(?: of| for) [A-Z][a-z]+(?: [A-Z][a-z]+)*|Ambassador|Permanent Representative|Spokesperson|Spokesman|Chancellor|King|Emir";
const NAME = "[A-Z][a-z]+(?:\\s+[A-Z]\\.)?(?:\\s+[A-Z][a-z'\\-]+){1,2}";

/** Suggestions for a statement's metadata from its cleaned text, each with where it was found. Counterparts come from the gazetteer. */
export function suggestMetadata(text: string): MetadataSuggestions {
  const head = text.slice(0, 3000);
  const speaker = findSpeaker(head);
  const speakerCountry = speaker?.country
    ? { value: speaker.country, source: "speaker title", confidence: 0.8 }
    : null;
  return {
    title: findTitle(text),
    date: findDate(head),
    speakerName: speaker ? { value: speaker.name, source: speaker.source, confidence: 0.7 } : null,
    speakerTitle: speaker ? { value: speaker.title, source: speaker.source, confidence: 0.7 } : null,
    speakerCountry,
    venue: findVenue(head),
    kind: findKind(head),
    language: detectLanguage(text),
  };
}

function findTitle(text: string): Suggestion<string> | null {
  const first = text.split("\n\n")[0]?.trim();
  if (!first || first.length > 200 || /[.!?]$/.test(first)) return null;
  return { value: first, source: "first line", confidence: 0.8 };
}

function findDate(text: string): MetadataSuggestions["date"] {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return { value: { date: iso[0], precision: "day" }, source: "text", confidence: 0.8 };
  const monthDayYear = new RegExp(`\\b${MONTH} (\\d{1,2}),? (\\d{4})\\b`).exec(text);
  if (monthDayYear) return dayDate(Number(monthDayYear[3]), monthDayYear[1]!, Number(monthDayYear[2]));
  const dayMonthYear = new RegExp(`\\b(\\d{1,2}) ${MONTH},? (\\d{4})\\b`).exec(text);
  if (dayMonthYear) return dayDate(Number(dayMonthYear[3]), dayMonthYear[2]!, Number(dayMonthYear[1]));
  const monthYear = new RegExp(`\\b${MONTH} (\\d{4})\\b`).exec(text);
  if (monthYear) {
    const month = monthIndex(monthYear[1]!);
    return { value: { date: `${monthYear[2]}-${pad(month)}-01`, precision: "month" }, source: "text", confidence: 0.6 };
  }
  const monthDay = new RegExp(`\\b${MONTH} (\\d{1,2})\\b`).exec(text);
  if (monthDay) {
    return { value: { date: null, precision: null }, source: `text: "${monthDay[0]}"`, confidence: 0.3, flag: "year missing: the text gives a day and month but no year" };
  }
  return null;
}

function dayDate(year: number, monthName: string, day: number): MetadataSuggestions["date"] {
  const month = monthIndex(monthName);
  if (day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  return { value: { date: `${year}-${pad(month)}-${pad(day)}`, precision: "day" }, source: "text", confidence: 0.8 };
}

function monthIndex(name: string): number {
  const key = name.toLowerCase().replace(".", "").slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "U.S. Under Secretary of State William Burns" as a line, or "said <office> <Name>" in the text. */
function findSpeaker(text: string): { name: string; title: string; country: string | null; source: string } | null {
  const line = new RegExp(`^(?:(.{1,30}?) )?(${OFFICE}) (${NAME})$`, "m").exec(text);
  if (line) return { name: line[3]!, title: line[2]!, country: line[1] ? countryFromText(line[1]) : null, source: "byline" };
  const said = new RegExp(`(?:said|says|noted|stated|told)\\s+(?:([A-Z][\\w.]*) )?(${OFFICE}) (${NAME})`).exec(text);
  if (said) return { name: said[3]!, title: said[2]!, country: said[1] ? countryFromText(said[1]) : null, source: "attribution in text" };
  return null;
}

function findVenue(text: string): Suggestion<string> | null {
  for (const match of text.matchAll(/\b(?:in|at) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/g)) {
    if (isKnownPlace(match[1]!)) return { value: match[1]!, source: `text: "${match[0]}"`, confidence: 0.6 };
  }
  return null;
}

const KINDS: [RegExp, string][] = [
  [/\breadout\b/i, "readout"],
  [/\btestimony\b|\btestif/i, "testimony"],
  [/\binterview\b/i, "interview"],
  [/\bpress (release|statement)\b/i, "press release"],
  [/\b(said|noted|told) (U\.S\. |the )?(Under |Deputy |Assistant )?(Secretary|President|Minister|Ambassador)/i, "press release"],
  [/\b(remarks|speech|address|speaking to)\b/i, "speech"],
];

function findKind(text: string): Suggestion<string> {
  for (const [pattern, kind] of KINDS) {
    const match = pattern.exec(text);
    if (match) return { value: kind, source: `text: "${match[0]}"`, confidence: 0.5 };
  }
  return { value: "statement", source: "default", confidence: 0.2 };
}

const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "in", "is", "that", "for", "with", "on"],
  fr: ["le", "la", "les", "et", "des", "du", "est", "pour", "dans", "une"],
  de: ["der", "die", "und", "das", "ist", "nicht", "mit", "für", "auf", "ein"],
  es: ["el", "los", "las", "y", "del", "por", "para", "una", "con", "que"],
  ru: ["и", "в", "не", "на", "что", "с", "по", "это", "как", "к"],
  uk: ["і", "та", "що", "не", "на", "це", "як", "до", "від", "україни"],
};

/** Language by script first (Cyrillic, Latin, …), then by the most frequent function words. */
export function detectLanguage(text: string): Suggestion<string> {
  const sample = text.slice(0, 5000);
  const cyrillic = (sample.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (sample.match(/\p{Script=Latin}/gu) ?? []).length;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const candidates = cyrillic > latin ? ["ru", "uk"] : ["en", "fr", "de", "es"];
  const counts = candidates.map((lang) => ({ lang, hits: words.filter((w) => STOPWORDS[lang]!.includes(w)).length }));
  counts.sort((a, b) => b.hits - a.hits);
  const best = counts[0]!;
  if (cyrillic > latin && /[їєґі]/u.test(sample) && best.lang === "uk") return { value: "uk", source: "script and function words", confidence: 0.8 };
  if (cyrillic > latin) return { value: best.lang === "uk" && !/[їєґі]/u.test(sample) ? "ru" : best.lang, source: "script and function words", confidence: 0.8 };
  if (best.hits === 0) return { value: "und", source: "no function words recognised", confidence: 0.1 };
  return { value: best.lang, source: "function words", confidence: Math.min(0.95, 0.5 + best.hits / 100) };
}
