/**
 * `npm run analyse -- FILE|- [--date YYYY-MM-DD] [--speaker ISO3] [--json]`: what the engine reads in one text, and
 * why. Reads a file (or standard input with `-`) by the app's own path (lib/engine/read.ts) and prints the
 * countries it names (with the words that name them and the tone towards each), then every passage with its
 * themes, the evidence behind each theme and the words behind its tone.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { lookupCountry } from "@/lib/engine/gazetteer";
import { readStatement } from "@/lib/engine/read";
import { compileCodebook } from "@/lib/engine/tag";
import { toneTowards } from "@/lib/engine/tone";
import { cliArgs } from "@/scripts/lib/cli";

const USAGE = "usage: npm run analyse -- FILE|- [--date YYYY-MM-DD] [--speaker ISO3] [--json]";

function main(): void {
  const { values, positionals } = cliArgs(
    USAGE,
    { json: { type: "boolean", default: false }, date: { type: "string" }, speaker: { type: "string" } },
    { positionals: true },
  );
  if (positionals.length !== 1) fail(USAGE);
  const source = positionals[0]!;
  let raw: string;
  try {
    raw = readFileSync(source === "-" ? 0 : source, "utf8");
  } catch (error) {
    fail(`Cannot read ${source === "-" ? "standard input" : source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (values.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values.date))
    fail(`--date ${values.date}: give a date as YYYY, YYYY-MM or YYYY-MM-DD.`);
  const speaker =
    values.speaker === undefined
      ? null
      : (lookupCountry(values.speaker)?.iso3 ?? fail(`--speaker ${values.speaker}: not a country code or name.`));

  const reading = readStatement(raw, compileCodebook(DEFAULT_CODEBOOK), { date: values.date ?? null, speakerIso3: speaker });
  if (reading.text.trim() === "") fail("The text is empty after cleaning: nothing to analyse.");
  const { text } = reading;
  const sentences = reading.passages.flatMap((p) => p.sentences);
  const toneWords = reading.tone.passages.flatMap((p) => p.words);
  const result = {
    speaker,
    date: values.date ?? null,
    tone: reading.tone.score,
    removed: reading.removed,
    counterparts: reading.counterparts.map((c) => {
      const towards = toneTowards(text, sentences, reading.mentions, c.iso3, toneWords);
      return {
        iso3: c.iso3,
        name: lookupCountry(c.iso3)?.name ?? c.iso3,
        mentions: c.mentions,
        salience: c.score,
        evidence: reading.mentions
          .filter((m) => m.iso3 === c.iso3)
          .map((m) => ({ surface: m.surface, via: m.via ?? "name", start: m.start, end: m.end })),
        toneTowards: towards && {
          score: towards.score,
          sentences: towards.sentences,
          words: towards.words.map((w) => ({ word: w.word, weight: w.weight, start: w.start })),
        },
      };
    }),
    passages: reading.passages.map((p, i) => ({
      ordinal: p.ordinal,
      start: p.start,
      end: p.end,
      text: text.slice(p.start, p.end),
      themes: reading.tags.passages[i]!.tags.map((t) => ({
        theme: t.theme,
        confidence: t.confidence,
        evidence: t.evidence.map((e) => ({ text: text.slice(e.start, e.end), rule: e.phrase, start: e.start })),
      })),
      tone: reading.tone.passages[i]!.words.length > 0 ? reading.tone.passages[i]!.score : null,
      toneWords: reading.tone.passages[i]!.words.map((w) => ({ word: w.word, weight: w.weight, start: w.start })),
    })),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  const signed = (x: number) => `${x > 0 ? "+" : ""}${x}`;
  const lines = [
    `${reading.passages.length} passages, ${reading.mentions.length} country mentions; statement tone ${result.tone ?? "none (no evaluative words)"}${speaker ? `; speaker ${speaker}` : ""}`,
    ...(result.removed.length > 0
      ? [`cleaning removed ${result.removed.length} lines (${[...new Set(result.removed.map((r) => r.reason))].join(", ")})`]
      : []),
    "",
    "Countries named (most salient first):",
    ...result.counterparts.map((c) => {
      const how = [...new Set(c.evidence.map((e) => `"${e.surface}" (${e.via})`))].join(", ");
      const tone = c.toneTowards
        ? `tone towards ${c.toneTowards.score} from ${c.toneTowards.words.map((w) => `${w.word} ${signed(w.weight)}`).join(", ") || "—"}`
        : "no tone towards it";
      return `  ${c.iso3} ${c.name}: ${c.mentions} mentions as ${how}; ${tone}`;
    }),
    "",
    "Passages:",
    ...result.passages.flatMap((p) => [
      `#${p.ordinal} [${p.start}–${p.end}] ${p.text.length > 160 ? `${p.text.slice(0, 157)}…` : p.text}`,
      ...p.themes.map(
        (t) => `    theme ${t.theme} (confidence ${t.confidence}): ${t.evidence.map((e) => `"${e.text}" ← ${e.rule}`).join("; ")}`,
      ),
      ...(p.toneWords.length > 0 ? [`    tone ${p.tone}: ${p.toneWords.map((w) => `${w.word} ${signed(w.weight)}`).join(", ")}`] : []),
    ]),
  ];
  console.log(lines.join("\n"));
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

main();
