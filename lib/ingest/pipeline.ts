import { clean, htmlToText } from "@/lib/engine/clean";
import { countryFromText, lookupCountry, rankCounterparts, type RankedCounterpart } from "@/lib/engine/gazetteer";
import { contentHash } from "@/lib/engine/hash";
import { suggestMetadata } from "@/lib/engine/metadata";
import { segment } from "@/lib/engine/segment";
import { tagStatement, type CompiledCodebook } from "@/lib/engine/tag";
import { tokenize, tokensWithin } from "@/lib/engine/tokens";
import { scoreTone } from "@/lib/engine/tone";
import type { AnalysedStatement } from "@/lib/engine/types";
import type { StatementDraft } from "./draft";

export interface ActiveCodebook {
  version: number;
  compiled: CompiledCodebook;
}

/** A draft the engine cannot turn into a statement; the message is meant for the person importing it. */
export class UnusableDraftError extends Error {
  name = "UnusableDraftError";
}

/** Draft → cleaned, segmented, tagged, scored statement with its country pairs. Pure: nothing is saved here. */
export function analyseDraft(draft: StatementDraft, codebook: ActiveCodebook): AnalysedStatement {
  const plain = draft.format === "html" ? htmlToText(draft.raw) : draft.raw;
  const { text } = clean(plain);
  if (text.trim().length === 0) throw new UnusableDraftError("The statement has no text left after cleaning.");
  const suggested = suggestMetadata(text);
  const speakerTitle = draft.speakerTitle ?? suggested.speakerTitle?.value ?? null;
  const speakerCountry = knownCountry(
    draft.speakerCountry ?? (speakerTitle ? countryFromText(speakerTitle) : null) ?? suggested.speakerCountry?.value ?? null,
    "speaker country",
  );
  const counterparts = (draft.counterparts ?? []).map((c) => knownCountry(c, "counterpart")!);
  const date = draft.date ?? suggested.date?.value.date ?? null;

  const tokens = tokenize(text);
  const passages = segment(text);
  const tagged = tagStatement(codebook.compiled, text, passages, tokens);
  const passageRecords = passages.map((p, i) => {
    const tone = scoreTone(text.slice(p.start, p.end), p.start, tokensWithin(tokens, p.start, p.end));
    return {
      ordinal: p.ordinal,
      start: p.start,
      end: p.end,
      tone: tone.words.length > 0 ? tone.score : null,
      toneWords: tone.words,
      tags: tagged.passages[i]?.tags ?? [],
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
    language: draft.language ?? suggested.language?.value ?? "en",
    contentHash: contentHash(text),
    tone: statementTone(passageRecords),
    codebookVersion: codebook.version,
    passages: passageRecords,
    pairs: speakerCountry ? pairsFor(rankCounterparts(text, speakerCountry, tokens), speakerCountry, counterparts) : [],
  };
}

function knownCountry(code: string | null, role: string): string | null {
  if (code === null || code === "") return null;
  const country = lookupCountry(code.trim());
  if (!country) throw new UnusableDraftError(`Unknown ${role} "${code}": use an ISO 3166-1 alpha-3 code such as USA or AZE.`);
  return country.iso3;
}

/** Mean of the scored passages, weighted by how much evaluative language each holds. */
function statementTone(passages: { tone: number | null; toneWords: unknown[] }[]): number | null {
  let weighted = 0;
  let weight = 0;
  for (const p of passages) {
    if (p.tone === null) continue;
    weighted += p.tone * p.toneWords.length;
    weight += p.toneWords.length;
  }
  return weight === 0 ? null : weighted / weight;
}

/** Counterparts from metadata come first (the first is primary); the rest come from mentions, by salience. */
function pairsFor(ranked: RankedCounterpart[], speaker: string, named: string[]): AnalysedStatement["pairs"] {
  const mentionsOf = (iso3: string) => ranked.find((r) => r.iso3 === iso3)?.mentions ?? 0;
  const fromMetadata = [...new Set(named)]
    .filter((iso3) => iso3 !== speaker)
    .map((iso3) => ({ iso3, origin: "metadata" as const }));
  const fromMentions = ranked
    .filter((r) => !named.includes(r.iso3))
    .map((r) => ({ iso3: r.iso3, origin: "mention" as const }));
  return [...fromMetadata, ...fromMentions].map((c, i) => ({
    speakerIso3: speaker,
    counterpartIso3: c.iso3,
    origin: c.origin,
    isPrimary: i === 0,
    mentions: mentionsOf(c.iso3),
  }));
}
