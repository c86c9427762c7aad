import type { Removed } from "./clean";
import { capitalOf, countryFromText, findCountryMentions, lookupCountry, rankMentions, type RankedCounterpart } from "./gazetteer";
import type { CountryMention } from "./types";
import { isUsableYear } from "./dates";

/**
 * Where a suggestion was read: the source's own fields, the headline, a byline, the body, the URL, page furniture,
 * a dateline ("Washington, March 3, 2025"), an office ("Secretary of State", "Azerbaijani Foreign Minister"),
 * the text speaking of itself ("reaffirmed U.S. support", "our country"), or the publisher's web address.
 */
export type SuggestionSource =
  "metadata" | "title" | "byline" | "text" | "url" | "page" | "script" | "default" | "dateline" | "office" | "self-reference" | "publisher";

/** A suggested value, where it came from, how sure we are, and the words it rests on; `flag` says what a person must check. */
export interface Suggestion<T> {
  value: T;
  source: SuggestionSource;
  confidence: number;
  evidence?: string;
  flag?: string;
}

export type DatePrecision = "day" | "month" | "year";

export interface DateValue {
  /** ISO date; month and year precision use the first day ("2022-03-01"). Null when the year is unknown. */
  date: string | null;
  precision: DatePrecision | null;
  /** What the text does say when it is not a full date: "--02-19" (ISO 8601 month and day, no year). */
  partial?: string;
}

export type DocumentKind = "speech" | "press release" | "readout" | "interview" | "statement" | "testimony" | "other";

/** What a reader already knows (a CSV column, a page's <title>, the lines cleaning removed); each is trusted over the text. */
export interface MetadataHints {
  title?: string | null;
  /** ISO date, year-month or year. */
  date?: string | null;
  year?: number | null;
  speakerName?: string | null;
  speakerTitle?: string | null;
  /** ISO alpha-3 code or a country name. */
  speakerCountry?: string | null;
  url?: string | null;
  /** Furniture that `clean` removed: publication dates live there on many sites. */
  removed?: Removed[];
  /** Mentions already found in the text, to save a second pass. */
  mentions?: CountryMention[];
}

export interface MetadataSuggestions {
  title: Suggestion<string> | null;
  date: Suggestion<DateValue> | null;
  speakerName: Suggestion<string> | null;
  speakerTitle: Suggestion<string> | null;
  speakerCountry: Suggestion<string> | null;
  venue: Suggestion<string> | null;
  kind: Suggestion<DocumentKind>;
  language: Suggestion<string>;
  /** Every reading of the speaker's country, surest first, each with where it came from; speakerCountry is the first. */
  speakerCountries: Suggestion<string>[];
  /** Countries the text speaks about, most salient first, the speaker's own left out. */
  counterparts: RankedCounterpart[];
  /** Every counterpart on offer, surest first, each with where it came from (an office, the mentions); the speaker's own left out. */
  counterpartOptions: Suggestion<string>[];
  primaryCounterpart: Suggestion<string> | null;
}

/** The head of a statement holds its headline, byline, dateline and venue. */
const HEAD = 3000;

/** Suggestions for a statement's metadata from its cleaned text and what the source itself says. */
export function suggestMetadata(text: string, hints: MetadataHints = {}): MetadataSuggestions {
  const head = text.slice(0, HEAD);
  const title = findTitle(head, hints);
  const byline = findByline(head);
  const offices = findOffices(head);
  const speakerCountries = findSpeakerCountries(head, byline, offices, hints);
  const speakerCountry = speakerCountries[0] ?? null;
  const counterparts = rankMentions(hints.mentions ?? findCountryMentions(text), speakerCountry?.value ?? null, text);
  const counterpartOptions = counterpartOptionsOf(offices, counterparts, speakerCountry?.value ?? null);
  const headlineOffice = !byline && title ? offices.find((o) => o.home && title.value.startsWith(o.office)) : undefined;
  return {
    title,
    date: findDate(head, hints),
    speakerName: hints.speakerName
      ? fromMetadata(hints.speakerName)
      : byline && { value: byline.name, source: "byline", confidence: 0.7, evidence: byline.line },
    speakerTitle: hints.speakerTitle
      ? fromMetadata(hints.speakerTitle)
      : byline
        ? { value: byline.title, source: "byline", confidence: 0.7, evidence: byline.line }
        : headlineOffice
          ? { value: headlineOffice.office, source: "office", confidence: 0.5, evidence: title!.value }
          : null,
    speakerCountry,
    speakerCountries,
    venue: findVenue(head),
    kind: findKind(head, title?.value ?? null, hints.url ?? null),
    language: detectLanguage(text),
    counterparts,
    counterpartOptions,
    primaryCounterpart: counterpartOptions[0] ?? null,
  };
}

const fromMetadata = (value: string): Suggestion<string> => ({ value: value.trim(), source: "metadata", confidence: 0.95 });

/**
 * The headline: the first paragraph when it reads like one, else its first line, else the first sentence of that
 * line ("Secretary of State meets Azerbaijani Foreign Minister." before the dateline and the body) — never a
 * whole paragraph of body text.
 */
function findTitle(head: string, hints: MetadataHints): Suggestion<string> | null {
  if (hints.title?.trim()) return fromMetadata(hints.title);
  const paragraph = head.split("\n\n", 1)[0]?.trim() ?? "";
  const line = paragraph.split("\n", 1)[0]!.trim();
  // a sentence ends at . ! or ? after a small letter or digit, so "U.S." or "J." do not end one
  const sentence = /^(.{8,160}?[\p{Ll}\d)’'"])[.!?](?=\s|$)/u.exec(line)?.[1]?.trim() ?? "";
  const candidates: [string, number][] = [
    [paragraph, 0.7],
    [line, 0.65],
    [sentence, 0.55],
  ];
  for (const [candidate, confidence] of candidates) if (headingLike(candidate)) return { value: candidate, source: "title", confidence };
  return null;
}

function headingLike(text: string): boolean {
  return (
    text.length > 0 &&
    text.length <= 160 &&
    /\s/.test(text) &&
    !/[.,;:?]$/.test(text) &&
    !/\d:\d\d/.test(text) &&
    !/^[\p{Lu}][\p{L}. ]{0,30}:/u.test(text) && // a speaker's label opens a transcript, not a headline
    !parseDate(text)
  );
}

// ---------------------------------------------------------------- dates

const MONTHS_EN = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** Russian month names in the genitive, as dates write them ("15 января 2000 года"). */
const MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
const MONTH =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
const RU_MONTH = `(${MONTHS_RU.join("|")})`;
/** The months' stems, for the month-and-year forms in every case (март, марте, марта). */
const RU_MONTH_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

interface FoundDate {
  value: DateValue;
  evidence: string;
  index: number;
}

/** Every way a date is written here, most precise first; the first that matches wins. */
const DATE_FORMS: [RegExp, (m: RegExpExecArray) => DateValue | null][] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => day(+m[1]!, +m[2]!, +m[3]!)],
  [new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`), (m) => day(+m[3]!, monthOf(m[1]!), +m[2]!)],
  [new RegExp(`\\b(\\d{1,2}) ${MONTH},? (\\d{4})\\b`), (m) => day(+m[3]!, monthOf(m[2]!), +m[1]!)],
  [new RegExp(`(?:^|[^\\p{L}\\d])(\\d{1,2}) ${RU_MONTH} (\\d{4})`, "u"), (m) => day(+m[3]!, MONTHS_RU.indexOf(m[2]!) + 1, +m[1]!)],
  [new RegExp(`\\b${MONTH},? (\\d{4})\\b`), (m) => month(+m[2]!, monthOf(m[1]!))],
  // "в марте 2025 года", "март 2025 г.": the month in any case, then the year.
  [
    new RegExp(`(?:^|[^\\p{L}])(${RU_MONTH_STEMS.join("|")})\\p{L}{0,2} (\\d{4})(?!\\d)`, "iu"),
    (m) => month(+m[2]!, RU_MONTH_STEMS.indexOf(m[1]!.toLowerCase()) + 1),
  ],
  [
    new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?\\b(?!,? \\d)`),
    (m) => ({ date: null, precision: null, partial: `--${pad(monthOf(m[1]!))}-${pad(+m[2]!)}` }),
  ],
  [
    new RegExp(`\\b(\\d{1,2}) ${MONTH}\\b(?!,? \\d)`),
    (m) => ({ date: null, precision: null, partial: `--${pad(monthOf(m[2]!))}-${pad(+m[1]!)}` }),
  ],
];

function parseDate(text: string): FoundDate | null {
  let best: FoundDate | null = null;
  for (const [pattern, read] of DATE_FORMS) {
    const m = pattern.exec(text);
    const value = m && read(m);
    // The earliest full date wins; a partial one only when nothing fuller is written.
    if (m && value && (!best || (value.date !== null && (best.value.date === null || m.index < best.index))))
      best = { value, evidence: m[0].trim(), index: m.index };
  }
  return best;
}

function findDate(head: string, hints: MetadataHints): Suggestion<DateValue> | null {
  const given = hints.date ? fromIsoLike(hints.date) : null;
  if (given) return { value: given, source: "metadata", confidence: 0.95, evidence: hints.date ?? undefined };
  const inText = parseDate(head);
  if (inText?.value.date)
    return { value: inText.value, source: "text", confidence: inText.index < 400 ? 0.8 : 0.5, evidence: inText.evidence };
  for (const r of hints.removed ?? []) {
    const onPage = parseDate(r.line);
    if (onPage?.value.date) return { value: onPage.value, source: "page", confidence: 0.85, evidence: r.line };
  }
  const year = hints.year ?? null;
  if (inText?.value.partial) {
    const [, , mm, dd] = inText.value.partial.split("-");
    if (year)
      return {
        value: day(year, +mm!, +dd!) ?? inText.value,
        source: "text",
        confidence: 0.7,
        evidence: `${inText.evidence} + year ${year}`,
      };
    return {
      value: inText.value,
      source: "text",
      confidence: 0.3,
      evidence: inText.evidence,
      flag: `year missing: the text says "${inText.evidence}" but gives no year`,
    };
  }
  if (year) return { value: { date: `${year}-01-01`, precision: "year" }, source: "metadata", confidence: 0.9, evidence: `year ${year}` };
  return null;
}

function fromIsoLike(value: string): DateValue | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!m) return null;
  if (m[3]) return day(+m[1]!, +m[2]!, +m[3]);
  if (m[2]) return month(+m[1]!, +m[2]);
  return { date: `${m[1]}-01-01`, precision: "year" };
}

function day(year: number, monthNumber: number, dayNumber: number): DateValue | null {
  const date = new Date(Date.UTC(year, monthNumber - 1, dayNumber));
  if (!isUsableYear(year) || date.getUTCMonth() !== monthNumber - 1 || date.getUTCDate() !== dayNumber) return null;
  return { date: `${year}-${pad(monthNumber)}-${pad(dayNumber)}`, precision: "day" };
}

function month(year: number, monthNumber: number): DateValue | null {
  return isUsableYear(year) && monthNumber >= 1 ? { date: `${year}-${pad(monthNumber)}-01`, precision: "month" } : null;
}

function monthOf(name: string): number {
  const key = name.toLowerCase().slice(0, 3);
  return MONTHS_EN.findIndex((m) => m.startsWith(key)) + 1;
}

const pad = (n: number) => String(n).padStart(2, "0");

// ---------------------------------------------------------------- speaker and venue

const OFFICE = [
  "(?:(?:Under|Assistant|Deputy) )?Secretary(?: of State| of Defense| of the Treasury| General| of [A-Z][a-z]+)?(?: for [A-Z][a-z]+(?:,? (?:and )?[A-Z][a-z]+)*)?",
  "(?:Vice )?President",
  "(?:Deputy )?Prime Minister",
  "(?:Deputy )?Foreign Minister",
  "Minister(?: of| for) [A-Z][a-z]+(?: (?:of |and )?[A-Z][a-z]+)*",
  "Ambassador(?: to [A-Z][a-z]+(?: [A-Z][a-z]+)*)?",
  "(?:Deputy )?Permanent Representative",
  "Spokes(?:person|man|woman)",
  "Press Secretary",
  "National Security Advis[eo]r",
  "Chancellor",
  "King",
  "Queen",
  "Emir",
  "Senator",
  "Special (?:Envoy|Representative)(?: for [A-Z][a-z]+(?: [A-Z][a-z]+)*)?",
].join("|");
const NAME = "[A-Z][a-z]+(?:\\s+[A-Z]\\.)*(?:\\s+[A-Z][a-z'’\\-]+){1,2}";
const BYLINE = new RegExp(`^(?:(.{1,30}?) )?(${OFFICE}) (${NAME})$`, "m");
const NAME_COMMA_OFFICE = new RegExp(`^(${NAME}), ((?:[A-Z][.\\w]* )?(?:${OFFICE}))$`, "m");
const ATTRIBUTION = new RegExp(`\\b(?:said|says|noted|stated|told|added)\\s+(?:([A-Z][\\w.]*) )?(${OFFICE}) (${NAME})`);

interface Byline {
  name: string;
  title: string;
  /** What precedes the title ("U.S."), which says whose official this is. */
  prefix: string;
  line: string;
}

/** "U.S. Under Secretary of State William Burns" or "Antony J. Blinken, Secretary of State" on a line, or "said <office> <Name>". */
function findByline(head: string): Byline | null {
  const line = BYLINE.exec(head);
  if (line) return { name: line[3]!, title: line[2]!, prefix: line[1] ?? "", line: line[0] };
  const comma = NAME_COMMA_OFFICE.exec(head);
  if (comma) return { name: comma[1]!, title: comma[2]!, prefix: "", line: comma[0] };
  const said = ATTRIBUTION.exec(head);
  if (said) return { name: said[3]!, title: said[2]!, prefix: said[1] ?? "", line: said[0] };
  return null;
}

/** An office named in the head, whose it is, and whether it is the one met (a counterpart, not the speaker). */
interface Office {
  office: string;
  country: string;
  /** Named with no nationality ("Secretary of State"): the publisher's own. */
  home: boolean;
  met: boolean;
  /** Opens a line or the text, as a headline's subject does. */
  leading: boolean;
  evidence: string;
}

/** Offices that belong to one country when named with no nationality. */
const HOME_OFFICES: [RegExp, string][] = [
  [/\bSecretary of State\b(?! for)/, "USA"],
  [/\b(?:State Department|Department of State)\b/, "USA"],
  [/\bWhite House\b/, "USA"],
  [/\bKremlin\b/, "RUS"],
  [/\bForeign Secretary\b/, "GBR"],
  [/\bQuai d[’']Orsay\b/, "FRA"],
];
const MEETING = /\b(?:meets?|met|meeting|with|received?|receives|receiving|welcome[ds]?|host(?:s|ed)?|on|to|and)\s+(?:the\s+)?$/i;
const NATIONAL_OFFICE = new RegExp(`\\b((?:[A-Z]\\.){2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\\s+(${OFFICE})\\b`, "g");

function findOffices(head: string): Office[] {
  const top = head.slice(0, 1500);
  const leading = (index: number) => /(?:^|\n)\s*(?:The\s+)?$/.test(top.slice(Math.max(0, index - 8), index));
  const found: Office[] = [];
  for (const m of top.matchAll(NATIONAL_OFFICE)) {
    const country = countryFromText(m[1]!);
    if (country)
      found.push({
        office: m[2]!,
        country,
        home: false,
        met: MEETING.test(top.slice(Math.max(0, m.index - 30), m.index)),
        leading: leading(m.index),
        evidence: m[0],
      });
  }
  for (const [pattern, country] of HOME_OFFICES) {
    const m = pattern.exec(top);
    // "U.S. Secretary of State" or "Azerbaijani Secretary of State" was read above, with its nationality
    if (m && !found.some((o) => o.evidence.endsWith(m[0]))) {
      found.push({
        office: m[0],
        country,
        home: true,
        met: MEETING.test(top.slice(Math.max(0, m.index - 30), m.index)),
        leading: leading(m.index),
        evidence: m[0],
      });
    }
  }
  return found;
}

/** Verbs with which a text states its own side's position: "reaffirmed U.S. support", "reiterated Armenia's commitment". */
const SELF_REFERENCE =
  /\b(?:reaffirm|reiterat|underscor|underlin|express|pledg|affirm|stress|emphasi[sz])\w*\s+(?:the\s+)?((?:[A-Z]\.){2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:[’']s)?\s+(?:strong\s+|continued\s+|full\s+|unwavering\s+)?(?:support|commitment|position|readiness|determination|solidarity|interest|resolve)\b/;
const OUR_COUNTRY = /\b(?:our|my) (?:country|nation|government|people)\b/i;

/** The country of the site that published the text: a few well-known ministries, then the country-code domain. */
const PUBLISHERS: [RegExp, string][] = [
  [/(?:^|\.)(?:state\.gov|whitehouse\.gov|usembassy\.gov|usmission\.gov|[a-z-]+\.gov)$/, "USA"],
  [/(?:^|\.)(?:gov\.uk|fcdo\.gov\.uk)$/, "GBR"],
  [/(?:^|\.)diplomatie\.gouv\.fr$/, "FRA"],
];
const COUNTRY_DOMAINS: Record<string, string> = {
  ru: "RUS",
  am: "ARM",
  az: "AZE",
  ge: "GEO",
  tr: "TUR",
  ua: "UKR",
  kz: "KAZ",
  ir: "IRN",
  fr: "FRA",
  de: "DEU",
  uk: "GBR",
  cn: "CHN",
  in: "IND",
  pk: "PAK",
  af: "AFG",
  il: "ISR",
  br: "BRA",
  sa: "SAU",
  eg: "EGY",
};

function publisherOf(url: string | null | undefined): { iso3: string; host: string } | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const [pattern, iso3] of PUBLISHERS) if (pattern.test(host)) return { iso3, host };
  const tld = host.split(".").at(-1)!;
  return COUNTRY_DOMAINS[tld] ? { iso3: COUNTRY_DOMAINS[tld], host } : null;
}

/**
 * Every reading of the speaker's country, surest first: the source's own
 * field, the byline, the speaker's title, an office of the publisher's ("Secretary of State" → USA), the text
 * stating its own side ("reaffirmed U.S. support"; "our country" on the publisher's site), the publisher, and the
 * dateline's capital.
 */
function findSpeakerCountries(head: string, byline: Byline | null, offices: Office[], hints: MetadataHints): Suggestion<string>[] {
  const found: Suggestion<string>[] = [];
  const given = hints.speakerCountry ? lookupCountry(hints.speakerCountry) : null;
  if (given) found.push({ value: given.iso3, source: "metadata", confidence: 0.95, evidence: hints.speakerCountry ?? undefined });
  const fromByline = byline && countryFromText(`${byline.prefix} ${byline.title}`.trim());
  if (byline && fromByline) found.push({ value: fromByline, source: "byline", confidence: 0.8, evidence: byline.line });
  const fromTitle = hints.speakerTitle ? countryFromText(hints.speakerTitle) : null;
  if (fromTitle) found.push({ value: fromTitle, source: "metadata", confidence: 0.8, evidence: hints.speakerTitle ?? undefined });
  for (const o of offices) {
    // an office speaks when it opens a line as its subject; named further in, it may be the one spoken about
    if (!o.leading || o.met) continue;
    found.push({ value: o.country, source: "office", confidence: o.home ? 0.65 : 0.45, evidence: o.evidence });
  }
  const self = SELF_REFERENCE.exec(head);
  const selfCountry = self && countryFromText(self[1]!);
  if (self && selfCountry) found.push({ value: selfCountry, source: "self-reference", confidence: 0.6, evidence: self[0] });
  const publisher = publisherOf(hints.url);
  const ours = OUR_COUNTRY.exec(head);
  if (publisher && ours)
    found.push({ value: publisher.iso3, source: "self-reference", confidence: 0.7, evidence: `"${ours[0]}" on ${publisher.host}` });
  if (publisher) found.push({ value: publisher.iso3, source: "publisher", confidence: 0.55, evidence: publisher.host });
  const dateline = findDateline(head);
  const capital = dateline && capitalOf(dateline.place);
  if (dateline && capital) found.push({ value: capital, source: "dateline", confidence: 0.4, evidence: dateline.line });
  return surestFirst(found);
}

/** Counterparts on offer: the foreign offices met first, then the countries the text names by salience. */
function counterpartOptionsOf(offices: Office[], ranked: RankedCounterpart[], speaker: string | null): Suggestion<string>[] {
  const found: Suggestion<string>[] = [];
  for (const o of offices)
    if (!o.home && o.country !== speaker)
      found.push({ value: o.country, source: "office", confidence: o.met ? 0.8 : 0.5, evidence: o.evidence });
  const primary = primaryOf(ranked);
  if (primary) found.push(primary);
  for (const c of ranked.slice(1))
    found.push({ value: c.iso3, source: "text", confidence: 0.3, evidence: `${c.mentions} mention${c.mentions === 1 ? "" : "s"}` });
  return surestFirst(found);
}

/** One reading per country and source (its surest), surest first: each says where it came from. */
function surestFirst(found: Suggestion<string>[]): Suggestion<string>[] {
  const best = new Map<string, Suggestion<string>>();
  for (const s of found) {
    const key = `${s.value}|${s.source}`;
    if (!best.has(key) || best.get(key)!.confidence < s.confidence) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}

/** Cities where diplomacy happens that are not capitals. */
const VENUE_CITIES = new Set([
  "Geneva",
  "New York",
  "Davos",
  "Munich",
  "Istanbul",
  "Sochi",
  "St. Petersburg",
  "Saint Petersburg",
  "Strasbourg",
  "Camp David",
  "Hiroshima",
  "Bali",
  "Jeddah",
  "Antalya",
  "Dayton",
  "Bonn",
  "Kyoto",
  "Nur-Sultan",
  "Almaty",
  "Shanghai",
  "Lagos",
  "Karachi",
  "Yalta",
  "Sharm el-Sheikh",
]);
const isVenue = (place: string) => VENUE_CITIES.has(place) || capitalOf(place) !== null;
const PLACE = "[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|el|de|al))*";

/**
 * A dateline ("Brussels, Belgium" on its own line) or "in Baku" / "at Geneva" naming a capital or a diplomatic
 * city, near the top: further down, "in Islamabad" is what the statement talks about, not where it was made.
 */
function findVenue(text: string): Suggestion<string> | null {
  const head = text.slice(0, 1000);
  const dateline = findDateline(head);
  if (dateline && isVenue(dateline.place)) return { value: dateline.place, source: "dateline", confidence: 0.8, evidence: dateline.line };
  for (const m of head.matchAll(new RegExp(`^(?:[^\\n,]{0,60}\\s)?(${PLACE}), (${PLACE}|[A-Z]{2})$`, "gm"))) {
    if (isVenue(m[1]!) || lookupCountry(m[2]!)) return { value: m[1]!, source: "text", confidence: 0.75, evidence: m[0] };
  }
  for (const m of head.matchAll(new RegExp(`\\b(?:in|at) (?:the city of )?(St\\. [A-Z][a-z]+|${PLACE})`, "g"))) {
    if (isVenue(m[1]!)) return { value: m[1]!, source: "text", confidence: 0.6, evidence: m[0] };
  }
  return null;
}

/** "Washington, March 3, 2025" opening a line or following a sentence: the place a release was issued. */
function findDateline(head: string): { place: string; line: string } | null {
  const m = new RegExp(`(?:^|[.!?]\\s+)(${PLACE}), (${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4})`, "m").exec(head.slice(0, 1000));
  return m ? { place: m[1]!, line: `${m[1]}, ${m[2]}` } : null;
}

// ---------------------------------------------------------------- kind

/** In order: the first kind whose pattern matches the title (or, failing that, the head of the text) wins. */
const KINDS: [DocumentKind, RegExp][] = [
  ["testimony", /\btestimony\b|\btestif(?:y|ies|ied)\b|\b(?:sub)?committee (?:on|hearing)\b|\bRanking Member\b/i],
  ["readout", /\breadout\b|\bmeets\b|\b(?:telephone|phone) (?:call|conversation)\b|\bspoke by (?:tele)?phone\b|телефонный разговор/i],
  [
    "interview",
    /\binterview\b|\bpress (?:briefing|conference|gaggle)\b|\bnews conference\b|\bexchange with reporters\b|\bquestion-and-answer\b|\bremarks to the press\b|интервью|пресс-конференц|прямая линия|стенограмма|^(?:Q|QUESTION)[:.]/im,
  ],
  [
    "press release",
    /\bpress release\b|\bmedia note\b|\bfor immediate release\b|\boffice of the spokesperson\b|\b(?:said|noted|told|stated) (?:U\.S\. |the )?(?:Under |Deputy |Assistant )?(?:Secretary|President|Minister|Ambassador)\b|состоялся|доложено/i,
  ],
  ["statement", /\b(?:joint )?statement\b|\bdeclaration\b|\bcommuniqu[eé]\b|заявлени/i],
  [
    "speech",
    /\bremarks\b|\bspeech\b|\baddress(?:es)? (?:to|before|at)\b|\b(?:Mr|Madam|Madame)\. President\b|\bladies and gentlemen\b|\bGeneral Assembly\b|выступлени|вступительное слово|обращение|послание/i,
  ],
];

function findKind(head: string, title: string | null, url: string | null): Suggestion<DocumentKind> {
  const places: [string | null, SuggestionSource, number][] = [
    [title, "title", 0.8],
    [url && url.replace(/[-_/]+/g, " "), "url", 0.6],
    [head.slice(0, 1500), "text", 0.5],
  ];
  for (const [where, source, confidence] of places) {
    if (!where) continue;
    for (const [kind, pattern] of KINDS) {
      const m = pattern.exec(where);
      if (m) return { value: kind, source, confidence, evidence: m[0] };
    }
  }
  return { value: "other", source: "default", confidence: 0.2 };
}

// ---------------------------------------------------------------- language

const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(["the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "we", "our", "this", "are"]),
  fr: new Set(["le", "la", "les", "et", "des", "du", "est", "pour", "dans", "une", "nous", "que", "qui", "pas"]),
  de: new Set(["der", "die", "und", "das", "ist", "nicht", "mit", "für", "auf", "ein", "wir", "den", "zu", "von"]),
  es: new Set(["el", "los", "las", "y", "del", "por", "para", "una", "con", "que", "se", "es", "su", "como"]),
  it: new Set(["il", "di", "che", "e", "della", "per", "non", "sono", "gli", "una", "del", "nel", "con", "le"]),
  pt: new Set(["o", "os", "da", "do", "e", "não", "uma", "para", "com", "que", "dos", "das", "em", "ao"]),
  nl: new Set(["de", "het", "een", "en", "van", "niet", "dat", "zijn", "voor", "met", "ook", "wij", "op", "te"]),
  tr: new Set(["ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "çok", "daha", "gibi", "olan", "ama", "ne"]),
  az: new Set(["və", "bir", "bu", "üçün", "ilə", "da", "də", "olaraq", "çox", "daha", "kimi", "olan", "amma", "ki"]),
  pl: new Set(["i", "w", "nie", "na", "się", "że", "jest", "do", "to", "z", "jak", "dla", "oraz", "są"]),
  ru: new Set(["и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "мы", "для", "от", "он", "так", "все"]),
  uk: new Set(["і", "та", "що", "не", "на", "це", "як", "до", "від", "ми", "для", "який", "україни", "з"]),
  bg: new Set(["и", "в", "не", "на", "че", "се", "за", "да", "от", "са", "това", "като", "които", "ще"]),
};

/** Scripts that name one language (or nearly): counted per UTF-16 unit by range. */
const SCRIPTS: [number, number, string][] = [
  [0x0370, 0x03ff, "el"],
  [0x0530, 0x058f, "hy"],
  [0x0590, 0x05ff, "he"],
  [0x0600, 0x06ff, "ar"],
  [0x0900, 0x097f, "hi"],
  [0x0e00, 0x0e7f, "th"],
  [0x10a0, 0x10ff, "ka"],
  [0x3040, 0x30ff, "ja"],
  [0xac00, 0xd7af, "ko"],
  [0x4e00, 0x9fff, "zh"],
];

/** Language by script first (Cyrillic, Latin, Arabic, …), then by the most frequent function words. */
export function detectLanguage(text: string): Suggestion<string> {
  const sample = text.slice(0, 6000);
  let latin = 0;
  let cyrillic = 0;
  const other = new Map<string, number>();
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    else if (c >= 0x0400 && c <= 0x04ff) cyrillic++;
    else if (c > 0x036f) for (const [lo, hi, lang] of SCRIPTS) if (c >= lo && c <= hi) other.set(lang, (other.get(lang) ?? 0) + 1);
  }
  const [script, count] = [...other].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (count > latin && count > cyrillic) {
    // Japanese writes kanji too; Persian writes Arabic with letters of its own.
    const lang = script === "zh" && other.has("ja") ? "ja" : script === "ar" && /[پچژگ]/.test(sample) ? "fa" : script;
    return { value: lang, source: "script", confidence: 0.8 };
  }
  if (latin + cyrillic === 0) return { value: "und", source: "default", confidence: 0.1 };
  if (cyrillic > latin) {
    if (/[ўЎ]/.test(sample)) return { value: "be", source: "script", confidence: 0.8 };
    if (/[әғқңөұүһӘҒҚҢӨҰҮҺ]/.test(sample)) return { value: "kk", source: "script", confidence: 0.8 };
    if (/[їєґЇЄҐ]/.test(sample)) return { value: "uk", source: "script", confidence: 0.85 };
    if (/[ыэЫЭ]/.test(sample)) return { value: "ru", source: "script", confidence: 0.9 };
    const cyrillicGuess = byStopwords(sample, ["ru", "uk", "bg"]);
    // Short Cyrillic text without a function word (a dateline and a headline): Russian is by far the likeliest.
    return cyrillicGuess.value === "und" ? { value: "ru", source: "script", confidence: 0.4 } : cyrillicGuess;
  }
  return byStopwords(sample, /ə/.test(sample) ? ["az", "tr"] : ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl"]);
}

function byStopwords(sample: string, candidates: string[]): Suggestion<string> {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = candidates.map((lang) => ({ lang, hits: words.reduce((n, w) => n + (STOPWORDS[lang]!.has(w) ? 1 : 0), 0) }));
  scores.sort((a, b) => b.hits - a.hits);
  const best = scores[0]!;
  if (best.hits === 0) return { value: "und", source: "default", confidence: 0.1 };
  const margin = (best.hits - (scores[1]?.hits ?? 0)) / best.hits;
  return {
    value: best.lang,
    source: "text",
    confidence: Math.round(Math.min(0.95, 0.4 + margin * 0.5 + Math.min(best.hits, 50) / 500) * 100) / 100,
  };
}

// ---------------------------------------------------------------- counterparts

/** The most salient counterpart, surer the more it stands out from the next. */
function primaryOf(ranked: RankedCounterpart[]): Suggestion<string> | null {
  const [first, second] = ranked;
  if (!first) return null;
  const lead = second ? (first.score - second.score) / first.score : 1;
  return {
    value: first.iso3,
    source: "text",
    confidence: Math.round((0.4 + 0.5 * lead) * 100) / 100,
    evidence: `${first.mentions} mention${first.mentions === 1 ? "" : "s"}`,
  };
}
