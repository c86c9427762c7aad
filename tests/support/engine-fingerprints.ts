/**
 * Fingerprints of everything the engine's read path gives (cleaned text, what was removed, passages, words,
 * tags with evidence, tone words, mentions, counterparts) for every text of ../shared/data and the project's
 * text fixtures, each text also hard-wrapped into numbered pages so cleaning's line logic is exercised on real
 * prose. tests/fixtures/engine-fingerprints.json holds the fingerprints taken before the speed work of issue 16;
 * tests/unit/engine-equivalence.test.ts checks the engine still gives them.
 * When the engine's output changes on purpose (a new codebook rule, a gazetteer entry), regenerate:
 *   npx tsx tests/support/engine-fingerprints.ts --write
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { readStatement } from "@/lib/engine/read";
import { compileCodebook } from "@/lib/engine/tag";
import { scanWords, wordKey } from "@/lib/engine/words";
import { hasShared, readJsonl } from "./shared-data";

export const FINGERPRINTS = path.join(process.cwd(), "tests", "fixtures", "engine-fingerprints.json");
export const SHARED_CORPORA = ["ungd/ungd-dev.jsonl.gz", "unscon/unscon-dev.jsonl.gz", "us-ru-statements/us-ru-statements-dev.jsonl.gz"];
const FIXTURES = path.join(process.cwd(), "tests", "fixtures");

export interface EngineText {
  id: string;
  text: string;
  date: string | null;
  speakerIso3: string | null;
}

/** Component name → 16 hex digits of its sha256. */
export type Fingerprint = Record<string, string>;

interface Row {
  id: string;
  text: string;
  date?: string;
  year?: number;
  country_iso3?: string;
  speaker_country_iso3?: string;
}

/** The project's own text fixtures: always there. */
export function fixtureTexts(): EngineText[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ id: `fixture:${f}`, text: readFileSync(path.join(FIXTURES, f), "utf8"), date: null, speakerIso3: null }));
}

/** The texts of one corpus of ../shared/data (empty when it is absent). */
export function sharedTexts(corpus: string): EngineText[] {
  if (!hasShared(corpus)) return [];
  return readJsonl<Row>(corpus).map((r) => ({
    id: `${corpus}:${r.id}`,
    text: r.text,
    date: r.date ?? (r.year ? `${r.year}-09-15` : null),
    speakerIso3: r.speaker_country_iso3 ?? r.country_iso3 ?? null,
  }));
}

/**
 * The same prose as a PDF extraction gives it: lines wrapped at 72 columns, a running header, a page number
 * and a form feed every 40 lines, and every fifth page numbered paragraphs — all things cleaning must undo.
 */
export function asPages(item: EngineText): EngineText {
  const lines: string[] = [];
  let page = 1;
  const header = () => `A/70/PV.${(item.id.length % 90) + 10} 01/10/2015`;
  lines.push(header());
  item.text.split(/\n+/).forEach((paragraph, n) => {
    let line = page % 5 === 0 ? `${n + 1}.\t` : "";
    for (const word of paragraph.split(/ +/)) {
      if (line.length + word.length > 72 && line.trim() !== "") {
        lines.push(line.trimEnd());
        line = "";
        if (lines.length % 40 === 0) {
          lines.push(`${page} / 99`, "\f", header());
          page++;
        }
      }
      line += `${word} `;
    }
    lines.push(line.trimEnd(), "");
  });
  return { ...item, id: `${item.id}#pages`, text: lines.join("\n") };
}

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

let compiled: ReturnType<typeof compileCodebook> | undefined;

export function fingerprint(item: EngineText): Fingerprint {
  compiled ??= compileCodebook(DEFAULT_CODEBOOK);
  const reading = readStatement(item.text, compiled, { date: item.date, speakerIso3: item.speakerIso3 });
  const words = scanWords(reading.text);
  const wordList = Array.from({ length: words.count }, (_, k) => [
    wordKey(words.ids[k]!),
    words.starts[k],
    words.ends[k],
    words.sentenceStart[k],
  ]);
  return {
    text: digest(reading.text),
    removed: digest(reading.removed),
    passages: digest(reading.passages),
    words: digest(wordList),
    tags: digest(reading.tags),
    tone: digest(reading.tone),
    mentions: digest(reading.mentions),
    counterparts: digest(reading.counterparts),
  };
}

/** Every text fingerprinted: the fixtures always, the shared corpora when present, each also as pages. */
export function allTexts(): EngineText[] {
  const plain = [...fixtureTexts(), ...SHARED_CORPORA.flatMap(sharedTexts)];
  return plain.flatMap((t) => [t, asPages(t)]);
}

if (process.argv[1] && /engine-fingerprints\.ts$/.test(process.argv[1]) && process.argv.includes("--write")) {
  const missing = SHARED_CORPORA.filter((c) => !hasShared(c));
  if (missing.length > 0) throw new Error(`Fingerprints need every corpus of ../shared/data; missing: ${missing.join(", ")}`);
  const all: Record<string, Fingerprint> = {};
  for (const item of allTexts()) all[item.id] = fingerprint(item);
  writeFileSync(FINGERPRINTS, JSON.stringify(all, null, 0).replace(/\},"/g, '},\n"') + "\n");
  console.log(`${Object.keys(all).length} texts fingerprinted into ${path.relative(process.cwd(), FINGERPRINTS)}`);
}
