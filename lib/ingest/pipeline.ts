import { dayProblem } from "@/lib/engine/dates";
import { clean, htmlToText } from "@/lib/engine/clean";
import { addressedCountries, COUNTERPARTS_VERSION, passageCounterparts } from "@/lib/engine/counterparts";
import { countryFromText, findCountryMentions, lookupCountry, rankMentions, type RankedCounterpart } from "@/lib/engine/gazetteer";
import { contentHash } from "@/lib/engine/hash";
import { suggestMetadata } from "@/lib/engine/metadata";
import {
  compileRussianCodebook,
  findRussianMentions,
  languageNote,
  readRussian,
  russianTone,
  type RussianCodebook,
} from "@/lib/engine/russian";
import { segment } from "@/lib/engine/segment";
import { TAGGER_VERSION, tagStatement, type CompiledCodebook } from "@/lib/engine/tag";
import { scoreStatementTone, storedPassageTone, TONE_VERSION } from "@/lib/engine/tone";
import type { AnalysedStatement, CountryMention, Span, ToneScore } from "@/lib/engine/types";
import { scanWords } from "@/lib/engine/words";
import { sourceProblem, type StatementDraft } from "./draft";

export interface ActiveCodebook {
  version: number;
  compiled: CompiledCodebook;
  /** The codebook's Russian rules, compiled on first use. */
  russian?: RussianCodebook;
}

/** A draft the engine cannot turn into a statement; the message is meant for the person importing it. */
export class UnusableDraftError extends Error {
  name = "UnusableDraftError";
}

/**
 * Draft → cleaned, segmented, tagged, scored statement with its country pairs. Pure: nothing is saved here.
 * The text is read into words once, for the gazetteer, the tagger and tone.
 */
export function analyseDraft(draft: StatementDraft, codebook: ActiveCodebook): AnalysedStatement {
  const badSource = draft.sourceUrl ? sourceProblem(draft.sourceUrl) : null;
  if (badSource) throw new UnusableDraftError(badSource);
  const plain = draft.format === "html" ? htmlToText(draft.raw) : draft.raw;
  const { text, removed } = clean(plain);
  if (text.trim().length === 0) throw new UnusableDraftError("The statement has no text left after cleaning.");
  const words = scanWords(text);
  let mentions = findCountryMentions(text, words, { date: draft.date });
  const suggested = suggestMetadata(text, {
    title: draft.title,
    date: draft.date,
    speakerName: draft.speakerName,
    speakerTitle: draft.speakerTitle,
    speakerCountry: draft.speakerCountry,
    url: draft.sourceUrl,
    removed,
    mentions,
  });
  const speakerTitle = draft.speakerTitle ?? suggested.speakerTitle?.value ?? null;
  const speakerCountry = knownCountry(
    draft.speakerCountry ?? (speakerTitle ? countryFromText(speakerTitle) : null) ?? suggested.speakerCountry?.value ?? null,
    "speaker country",
  );
  const counterparts = (draft.counterparts ?? []).map((c) => knownCountry(c, "counterpart")!);
  const date = draft.date ?? suggested.date?.value.date ?? null;
  const dateProblem = date === null ? null : dayProblem(date);
  if (dateProblem) throw new UnusableDraftError(`The date is unusable: ${dateProblem}.`);
  // Names read by date ("Korea" before 1991): a date found in the text changes what the mentions mean.
  if (date && date !== draft.date) mentions = findCountryMentions(text, words, { date });

  const passages = segment(text);
  const language = draft.language ?? suggested.language?.value ?? "en";
  // English by the main path, Russian by its own (stems); any other language is said to be unread, never neutral.
  const note = languageNote(language);
  let tagged = tagStatement(codebook.compiled, text, passages, words);
  let tone = scoreStatementTone(text, passages, words);
  if (language === "ru") {
    const russian = readRussian(text, passages, (codebook.russian ??= compileRussianCodebook(codebook.compiled.themes)));
    tagged = { passages: russian.tags, statement: [] };
    tone = russian.tone;
    mentions = mergeMentions(mentions, russian.mentions);
  } else if (note) {
    tagged = { passages: passages.map((p) => ({ ordinal: p.ordinal, tags: [] })), statement: [] };
    tone = { score: null, passages: passages.map(() => ({ score: 0, words: [] })) };
  }
  const perPassage = passageCounterparts({ text, passages, mentions, speaker: speakerCountry, language });
  const passageRecords = passages.map((p, i) => {
    const passageTone = tone.passages[i]!;
    return {
      ordinal: p.ordinal,
      start: p.start,
      end: p.end,
      tone: storedPassageTone(passageTone),
      toneWords: passageTone.words,
      tags: tagged.passages[i]?.tags ?? [],
      counterparts: perPassage[i] ?? [],
    };
  });

  return {
    title: draft.title ?? suggested.title?.value ?? text.slice(0, 120),
    text,
    originalText: draft.raw,
    date,
    datePrecision: date ? (draft.date ? (draft.datePrecision ?? "day") : (suggested.date?.value.precision ?? "day")) : null,
    speakerName: draft.speakerName ?? suggested.speakerName?.value ?? null,
    speakerTitle,
    speakerCountry,
    venue: draft.venue ?? suggested.venue?.value ?? null,
    sourceUrl: draft.sourceUrl ?? null,
    kind: draft.kind ?? suggested.kind?.value ?? "statement",
    language,
    languageNote: note,
    contentHash: contentHash(text),
    tone: tone.score,
    toneVersion: TONE_VERSION,
    taggerVersion: TAGGER_VERSION,
    codebookVersion: codebook.version,
    counterpartsVersion: COUNTERPARTS_VERSION,
    passages: passageRecords,
    pairs: speakerCountry
      ? pairsFor(rankMentions(mentions, speakerCountry, text), speakerCountry, counterparts, addressedCountries(perPassage))
      : [],
  };
}

/**
 * The tone and country mentions of a stored statement, read again as analyseDraft reads them for its language
 * (a re-score after the tone engine or the counterpart rules change): Russian by the Russian path, a language
 * the engine does not read with no tone.
 */
export function readToneAndMentions(
  text: string,
  passages: Span[],
  language: string,
  date: string | null,
): { tone: { score: number | null; passages: ToneScore[] }; mentions: CountryMention[] } {
  const words = scanWords(text);
  const english = findCountryMentions(text, words, { date });
  if (language === "ru") return { tone: russianTone(text, passages), mentions: mergeMentions(english, findRussianMentions(text)) };
  if (languageNote(language)) return { tone: { score: null, passages: passages.map(() => ({ score: 0, words: [] })) }, mentions: english };
  return { tone: scoreStatementTone(text, passages, words), mentions: english };
}

/** Russian mentions beside those the English gazetteer found (Latin names in a Russian text), without overlaps. */
function mergeMentions(english: CountryMention[], russian: CountryMention[]): CountryMention[] {
  const kept = english.filter((e) => !russian.some((r) => r.start < e.end && e.start < r.end));
  return [...kept, ...russian].sort((a, b) => a.start - b.start);
}

function knownCountry(code: string | null, role: string): string | null {
  if (code === null || code === "") return null;
  const country = lookupCountry(code.trim());
  if (!country) throw new UnusableDraftError(`Unknown ${role} "${code}": use an ISO 3166-1 alpha-3 code such as USA or AZE.`);
  return country.iso3;
}

/**
 * Counterparts from metadata come first (the first is primary); the rest are the countries some passage
 * addresses, by salience. A country only ever named in passing makes no pair.
 */
export function pairsFor(
  ranked: RankedCounterpart[],
  speaker: string,
  named: string[],
  addressed: Set<string>,
): AnalysedStatement["pairs"] {
  const mentionsOf = (iso3: string) => ranked.find((r) => r.iso3 === iso3)?.mentions ?? 0;
  const fromMetadata = [...new Set(named)].filter((iso3) => iso3 !== speaker).map((iso3) => ({ iso3, origin: "metadata" as const }));
  const fromMentions = ranked
    .filter((r) => !named.includes(r.iso3) && addressed.has(r.iso3))
    .map((r) => ({ iso3: r.iso3, origin: "mention" as const }));
  return [...fromMetadata, ...fromMentions].map((c, i) => ({
    speakerIso3: speaker,
    counterpartIso3: c.iso3,
    origin: c.origin,
    isPrimary: i === 0,
    mentions: mentionsOf(c.iso3),
  }));
}
