import { clean, type Removed } from "./clean";
import { findCountryMentions, rankMentions, type RankedCounterpart } from "./gazetteer";
import { compileRussianCodebook, readRussian } from "./russian";
import { segment } from "./segment";
import { tagStatement, type CompiledCodebook, type StatementTags } from "./tag";
import { scoreStatementTone, type StatementTone } from "./tone";
import type { CountryMention, Passage } from "./types";
import { scanWords } from "./words";

export interface Reading {
  text: string;
  removed: Removed[];
  passages: Passage[];
  tags: StatementTags;
  tone: StatementTone;
  mentions: CountryMention[];
  counterparts: RankedCounterpart[];
}

/**
 * Raw text → what the engine reads in it, by the path an import takes (lib/ingest/pipeline.ts): clean, segment,
 * tag, score tone, find countries. The evaluation and `npm run analyse` use this, so they measure what the app does.
 */
export function readStatement(
  raw: string,
  codebook: CompiledCodebook,
  options: { date?: string | null; speakerIso3?: string | null; language?: string } = {},
): Reading {
  const { text, removed } = clean(raw);
  const words = scanWords(text);
  const passages = segment(text);
  if (options.language === "ru") {
    const ru = readRussian(text, passages, compileRussianCodebook(codebook.themes));
    const tags = { passages: ru.tags, statement: [] };
    return {
      text,
      removed,
      passages,
      tags,
      tone: ru.tone,
      mentions: ru.mentions,
      counterparts: rankMentions(ru.mentions, options.speakerIso3 ?? null, text),
    };
  }
  const tags = tagStatement(codebook, text, passages, words);
  const tone = scoreStatementTone(text, passages, words);
  const mentions = findCountryMentions(text, words, { date: options.date ?? null });
  return { text, removed, passages, tags, tone, mentions, counterparts: rankMentions(mentions, options.speakerIso3 ?? null, text) };
}
