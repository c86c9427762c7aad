import { LIST_GAP_RU, passingReasonRu } from "./counterparts-ru";
import type { CounterpartEvidence, CountryMention, MentionVia, PassageCounterpart, Span } from "./types";

/**
 * Which countries each passage of a statement speaks to, and which it only names in passing. Bump the version
 * whenever the rules change: stored statements read by another version are re-analysed in the background.
 */
export const COUNTERPARTS_VERSION = "c2";

/**
 * What a passage that names no country takes from its statement when the statement addresses several
 * countries: nothing, or the one country the passage just before addressed by name. Measured on the UN
 * General Debate corpus (docs/decisions/0006-passage-counterparts.md): "none".
 */
export type InheritRule = "none" | "previous";
export const INHERIT: InheritRule = "none";

type Passing = NonNullable<Extract<CounterpartEvidence, { via: MentionVia }>["passing"]>;

/** Only separators between two names: "Palau, Nauru and Kiribati", "Armenia; Azerbaijan, as well as Georgia". */
const LIST_GAP = /^(?:[\s,;&/]|\band\b|\bor\b|\bnor\b|\bas well as\b|\bthe\b)*$/i;
const LIST_LENGTH = 3;

/**
 * A sentence welcoming new members, or greeting or thanking the chair: every country in it is named out of
 * courtesy. A short passage that greets the chair ("…on your election. Your country, Malaysia, …") is courtesy
 * throughout.
 */
const WELCOME = /\b(?:welcom|congratulat|felicitat|greet|salut|thank|gratitude|appreciat|tribute|commend)\w*/i;
const NEW_MEMBERS =
  /\b(?:new(?:est)? (?:State )?Members?|Member States?|admission|admitted|membership|joined (?:us|the United Nations|this Organization|our Organization)|family of nations)\b/i;
const CHAIR =
  /\b(?:election|elected|presidency|President of the [\w\s-]{0,40}?(?:[Ss]ession|Assembly)|predecessor|outgoing President|Secretary-General)\b/i;
const SHORT_PASSAGE = 800;

/** A capital as the place of a meeting or the name of a text: "in Geneva", "at Baku", "the Tehran Declaration". */
const VENUE_BEFORE = /\b(?:in|at|here in|held in|hosted in)\s+(?:the\s+)?$/i;
const NAMED_AFTER =
  /^\s+(?:Conference|Summit|Declaration|Agreements?|Accords?|Protocol|Process|Talks|Convention|Charter|Plan|Document|Communiqu[ée]|Statement|Principles|Format|Meeting|Round|Group)\b/;

/** A date line: a place at the start of a line followed by a date ("BAKU, March 3 —", "Moscow, 12 May 2010"). */
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
const DATE_AFTER = new RegExp(
  `^[\\s,.:—–-]*(?:\\d{1,2}\\s+${MONTH}|${MONTH}\\s+\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})`,
);

function sentenceStart(text: string, passage: Span, at: number): number {
  let start = at;
  while (start > passage.start && !/[.!?]/.test(text[start - 1]!)) start--;
  return start;
}

/** The sentence around a character offset, inside its passage. */
function sentenceAround(text: string, passage: Span, at: number): string {
  const start = sentenceStart(text, passage, at);
  let end = at;
  while (end < passage.end && !/[.!?]/.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** Why a mention is only in passing, or undefined when it addresses its country. */
function passingReason(text: string, passage: Span, mention: CountryMention, via: MentionVia, inList: boolean): Passing | undefined {
  if (inList) return "list";
  const lineStart = text.lastIndexOf("\n", mention.start - 1) + 1;
  if (text.slice(lineStart, mention.start).trim() === "" && DATE_AFTER.test(text.slice(mention.end, mention.end + 40))) return "dateline";
  if (
    via === "capital" &&
    (VENUE_BEFORE.test(text.slice(Math.max(0, mention.start - 20), mention.start)) ||
      NAMED_AFTER.test(text.slice(mention.end, mention.end + 30)))
  )
    return "venue";
  const sentence = sentenceAround(text, passage, mention.start);
  if (WELCOME.test(sentence) && (NEW_MEMBERS.test(sentence) || CHAIR.test(sentence))) return "welcome";
  if (passage.end - passage.start <= SHORT_PASSAGE && greetsChair(text.slice(passage.start, passage.end))) return "welcome";
  return undefined;
}

/** Does a passage greet or thank the chair in one of its sentences? */
function greetsChair(passage: string): boolean {
  return passage.split(/(?<=[.!?])\s+/).some((sentence) => WELCOME.test(sentence) && CHAIR.test(sentence));
}

/** Mentions that stand in a run of at least LIST_LENGTH different countries joined only by separators. */
function listed(text: string, mentions: CountryMention[], gap: RegExp): Set<CountryMention> {
  const inList = new Set<CountryMention>();
  let run: CountryMention[] = [];
  const close = () => {
    if (new Set(run.map((m) => m.iso3)).size >= LIST_LENGTH) for (const m of run) inList.add(m);
  };
  for (const m of mentions) {
    const last = run.at(-1);
    if (last && gap.test(text.slice(last.end, m.start))) run.push(m);
    else {
      close();
      run = [m];
    }
  }
  close();
  return inList;
}

export interface CounterpartInput {
  text: string;
  /** The statement's passages in order. */
  passages: Span[];
  /** Every country mention in the text, in order (findCountryMentions). */
  mentions: CountryMention[];
  speaker: string | null;
  /** The statement's language: Russian passages are read with the Russian cues (counterparts-ru.ts), any other by the English ones. */
  language?: string;
}

/**
 * The counterparts of each passage. A country named in a passage is addressed there unless every naming is in
 * passing (a list of three or more countries, a welcome of new members or a greeting of the chair, a venue, a
 * date line). The speaker's own country is never a counterpart. A statement that addresses one country only (a
 * bilateral press release) is about it throughout: every passage has it. Otherwise a passage naming no country
 * takes what `inherit` says.
 */
export function passageCounterparts(input: CounterpartInput, inherit: InheritRule = INHERIT): PassageCounterpart[][] {
  const { text, passages, mentions, speaker } = input;
  const russian = input.language === "ru";
  const inList = listed(text, mentions, russian ? LIST_GAP_RU : LIST_GAP);
  let next = 0;
  const result = passages.map((passage) => {
    const byCountry = new Map<string, PassageCounterpart>();
    // A country given as an example stays one for the rest of its sentence: "скажем, в Афганистане… оккупация Афганистана".
    const examples = new Set<string>();
    while (next < mentions.length && mentions[next]!.start < passage.end) {
      const m = mentions[next++]!;
      if (m.start < passage.start || m.iso3 === speaker) continue;
      const via = m.via;
      let passing: Passing | undefined;
      if (russian) {
        const sentence = `${m.iso3}@${sentenceStart(text, passage, m.start)}`;
        passing = passingReasonRu(text, passage, m, via, inList.has(m)) ?? (examples.has(sentence) ? "example" : undefined);
        if (passing === "example") examples.add(sentence);
      } else passing = passingReason(text, passage, m, via, inList.has(m));
      const entry = byCountry.get(m.iso3) ?? { iso3: m.iso3, addressed: false, evidence: [] };
      entry.addressed ||= passing === undefined;
      entry.evidence.push({ start: m.start, end: m.end, surface: m.surface, via, ...(passing ? { passing } : {}) });
      byCountry.set(m.iso3, entry);
    }
    return [...byCountry.values()];
  });
  const addressed = new Set(result.flatMap((cs) => cs.filter((c) => c.addressed).map((c) => c.iso3)));
  if (addressed.size === 1) {
    const [only] = addressed as Set<string>;
    for (const cs of result) {
      const own = cs.find((c) => c.iso3 === only);
      if (own?.addressed) continue;
      if (own) {
        own.addressed = true;
        own.evidence.push({ via: "context", rule: "bilateral" });
      } else cs.push({ iso3: only!, addressed: true, evidence: [{ via: "context", rule: "bilateral" }] });
    }
  } else if (inherit === "previous") {
    // From the passage before's own names only: a chain of unnamed passages does not carry a country on and on.
    const named = result.map((cs) => cs.filter((c) => c.addressed));
    result.forEach((cs, i) => {
      const before = named[i - 1];
      if (cs.length > 0 || before?.length !== 1) return;
      cs.push({ iso3: before[0]!.iso3, addressed: true, evidence: [{ via: "context", rule: "previous" }] });
    });
  }
  return result;
}

/** Countries addressed in at least one passage. */
export function addressedCountries(perPassage: PassageCounterpart[][]): Set<string> {
  return new Set(perPassage.flatMap((cs) => cs.filter((c) => c.addressed).map((c) => c.iso3)));
}
