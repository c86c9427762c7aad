/** Shared shapes of the analysis engine. Pure data: no Next, React or database imports anywhere in lib/engine. */

/** A half-open character range [start, end) into a statement's cleaned text. */
export interface Span {
  start: number;
  end: number;
}

export type Sentence = Span;

export interface Passage extends Span {
  ordinal: number;
  sentences: Sentence[];
}

/** How a mention names its country: "Azerbaijan", "Azerbaijani", "Baku", "the State Department", "the Kremlin", "the USSR". */
export type MentionVia = "name" | "demonym" | "capital" | "office" | "metonym" | "historical";

export interface CountryMention extends Span {
  iso3: string;
  surface: string;
  via: MentionVia;
}

/**
 * Why a passage has a counterpart: a mention in it (with why it is only in passing, if it is), or the context
 * of the statement ("bilateral": the statement addresses this one country; "previous": the passage before).
 */
export type CounterpartEvidence =
  | (Span & { via: MentionVia; surface: string; passing?: "list" | "welcome" | "venue" | "dateline" | "example" })
  | { via: "context"; rule: "bilateral" | "previous" };

/** A country a passage speaks to or about: addressed, or only mentioned in passing. */
export interface PassageCounterpart {
  iso3: string;
  addressed: boolean;
  evidence: CounterpartEvidence[];
}

export interface Country {
  iso3: string;
  name: string;
  /** Common names, short forms, demonyms, capitals and spelling variants. */
  aliases: string[];
}

export interface ThemeRules {
  /** Phrases matched on word boundaries, case-insensitive; a trailing `*` matches any word ending (terror* → terrorist, terrorism). */
  phrases: string[];
  /**
   * Other names of the theme's subject (Artsakh, Garabagh): matched like phrases, but each is enough evidence
   * on its own (its weight is the threshold unless it gives one).
   */
  aliases?: string[];
  /** Phrases that cancel a match in the same sentence (e.g. "energy security" excluded by "food and energy security"?). */
  exclusions: string[];
  /**
   * Names of organisations, companies and bodies (OPEC, Gazprom): evidence, but all of a passage's names together
   * count as much as the strongest of them, and names alone never make the tag.
   */
  names?: string[];
  /**
   * When given, a child theme's tag rolls up into this theme only in passages that also match one of these
   * phrases (democracy: the passage is about a country's own governance, not the rule of law in outer space).
   */
  rollUpContext?: string[];
  /** Rules for Russian text, matched on word stems (lib/engine/russian.ts); the English rules above stay as they are. */
  ru?: { phrases: string[]; exclusions?: string[] };
  /** Multiplier applied to this theme's evidence weight; 1 by default. */
  weight: number;
  /** Evidence needed for a passage tag (sum of matched phrase weights); 1 by default. */
  threshold?: number;
}

export interface ThemeDefinition {
  slug: string;
  name: string;
  color: string;
  parent: string | null;
  enabled: boolean;
  rules: ThemeRules;
}

export interface ThemeEvidence extends Span {
  phrase: string;
}

export interface PassageTag {
  theme: string;
  confidence: number;
  evidence: ThemeEvidence[];
}

export interface ToneWord extends Span {
  word: string;
  weight: number;
}

export interface ToneScore {
  /** In [-1, 1]; 0 when nothing evaluative was found. */
  score: number;
  words: ToneWord[];
}

/** A statement fully analysed by the engine: what the data-access layer writes in one transaction. */
export interface AnalysedStatement {
  title: string;
  text: string;
  originalText: string;
  date: string | null;
  datePrecision: "day" | "month" | "year" | null;
  speakerName: string | null;
  speakerTitle: string | null;
  speakerCountry: string | null;
  venue: string | null;
  sourceUrl: string | null;
  kind: string;
  language: string;
  /** Set when the engine cannot read the language: its themes and tone were not scored (tone is null, not neutral). */
  languageNote?: string | null;
  contentHash: string;
  tone: number | null;
  /** The engine that scored the tone (TONE_VERSION). */
  toneVersion: string;
  /** The tagger that tagged the passages (TAGGER_VERSION). */
  taggerVersion: string;
  codebookVersion: number;
  passages: {
    ordinal: number;
    start: number;
    end: number;
    tone: number | null;
    toneWords: ToneWord[];
    tags: PassageTag[];
    counterparts: PassageCounterpart[];
  }[];
  /** The counterpart classifier that read the passages (COUNTERPARTS_VERSION). */
  counterpartsVersion: string;
  pairs: {
    speakerIso3: string;
    counterpartIso3: string;
    origin: "metadata" | "mention" | "manual";
    isPrimary: boolean;
    mentions: number;
  }[];
}
