/**
 * The Russian texts of the us-ru dev corpus through the import pipeline, for reading (docs/evaluation.md, "Russian"):
 * `pairs` prints each statement's primary counterpart against the one judged by reading (JUDGED), and the accuracy
 * on the tuning half (ids RUS-0… to RUS-7…) and the measuring half (RUS-8… to RUS-f…); `sample` prints every 6th
 * tagged passage (45 of them) with its tags and evidence, to judge theme precision by reading; `side` puts the
 * closest English and Russian statements on one event side by side.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { compileCodebook } from "@/lib/engine/tag";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { sharedData } from "@/scripts/lib/data-path";
import { cliArgs } from "@/scripts/lib/cli";

const USAGE = "usage: npx tsx scripts/eval/russian.ts [pairs|sample|side]";
const [mode = "pairs", ...extra] = cliArgs(USAGE, {}, { positionals: true }).positionals;
if (extra.length > 0 || !["pairs", "sample", "side"].includes(mode)) {
  console.error(USAGE);
  process.exit(2);
}
const CORPUS = sharedData("us-ru-statements", "us-ru-statements-dev.jsonl.gz");
const docs = gunzipSync(readFileSync(CORPUS))
  .toString()
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l))
  .filter((d) => d.language === "ru");
const codebook = { version: 1, compiled: compileCodebook(DEFAULT_CODEBOOK) };
/**
 * The primary counterpart each statement should get, by reading it ("-": none; "A|B": either is right). Written by
 * the engineering team (an AI agent), not by the product's staff; see docs/evaluation.md for the doubtful ones.
 */
const JUDGED: Record<string, string> = {
  "RUS-e0c34246e939": "-",
  "RUS-91f71916f162": "-",
  "RUS-fbb26d2b9e02": "FRA",
  "RUS-4d780dc56c08": "-",
  "RUS-94972dd3d60d": "-",
  "RUS-3fa549042897": "FRA",
  "RUS-624a1dfd715e": "FRA|-",
  "RUS-61d9674260f4": "UKR|GEO",
  "RUS-7d6b737b9c59": "-",
  "RUS-bc152a64b7c3": "USA",
  "RUS-57ac03829a9f": "TUR",
  "RUS-ce34e95f0693": "-",
  "RUS-c13ba76ff0c7": "-",
  "RUS-c24c0ba72a7b": "GEO",
  "RUS-252a66e91da3": "DEU",
  "RUS-c5a1e48689cb": "-",
  "RUS-7643c891654d": "FRA",
  "RUS-3dafe07e22b3": "GEO",
  "RUS-6271623046a6": "IRQ|-",
  "RUS-dcb0b8748c42": "DNK",
  "RUS-79dace6d349a": "BLR",
  "RUS-8ccb860d413d": "UKR",
  "RUS-ac4088e11559": "UKR",
  "RUS-cc9104bd31c4": "UKR",
  "RUS-e0185bf6ed58": "UKR",
};
const tuning = (id: string) => /^RUS-[0-7]/.test(id);
const right = { tuning: { right: 0, of: 0 }, measuring: { right: 0, of: 0 } };
const tagged: string[] = [];
for (const d of docs) {
  const a = analyseDraft({ raw: d.text, speakerCountry: "RUS", date: d.date ?? undefined }, codebook);
  const primary = a.pairs[0]?.counterpartIso3 ?? "-";
  const ok = (JUDGED[d.id] ?? "?").split("|").includes(primary);
  const half = right[tuning(d.id) ? "tuning" : "measuring"];
  half.right += ok ? 1 : 0;
  half.of++;
  if (mode === "pairs")
    console.log(
      `${d.id}\t${a.language}\tprimary=${primary}\tjudged=${JUDGED[d.id]}\t${ok ? "right" : "WRONG"}\tothers=${a.pairs
        .slice(1, 4)
        .map((p) => p.counterpartIso3)
        .join(",")}\ttone=${a.tone}\t${d.title.slice(0, 70)}`,
    );
  for (const p of a.passages) {
    if (p.tags.length === 0) continue;
    const tags = p.tags.map((t) => `${t.theme}(${t.evidence.map((e) => e.phrase).join("/")})`).join("; ");
    tagged.push(`[${d.id}#${p.ordinal}] ${tags} :: ${a.text.slice(p.start, Math.min(p.end, p.start + 400)).replace(/\n/g, " ")}`);
  }
}
if (mode === "sample") for (const line of tagged.filter((_, i) => i % 6 === 0).slice(0, 45)) console.log(line);
else console.log(`${tagged.length} tagged passages`);
if (mode === "pairs") {
  const { tuning: t, measuring: m } = right;
  console.log(
    `primary counterpart right: tuning half ${t.right}/${t.of}, measuring half ${m.right}/${m.of}, all ${t.right + m.right}/${t.of + m.of} = ${((t.right + m.right) / (t.of + m.of)).toFixed(2)}`,
  );
}
if (mode === "side") {
  // The closest English and Russian statements on one event in the dev corpus: the start of the 2022 war.
  const all = gunzipSync(readFileSync(CORPUS))
    .toString()
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  for (const id of ["USA-1b6aff9f61b7", "RUS-ac4088e11559", "RUS-8ccb860d413d"]) {
    const d = all.find((x) => x.id === id)!;
    const a = analyseDraft({ raw: d.text, speakerCountry: d.speaker_country_iso3, date: d.date ?? undefined }, codebook);
    const themes = new Map<string, number>();
    for (const p of a.passages) for (const t of p.tags) themes.set(t.theme, (themes.get(t.theme) ?? 0) + 1);
    const top = [...themes]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 4)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    const toned = a.passages.filter((p) => p.tone !== null);
    const words = toned
      .flatMap((p) => p.toneWords)
      .filter((w) => w.weight < 0)
      .slice(0, 5)
      .map((w) => w.word)
      .join(", ");
    console.log(
      `${id}\t${a.language}\t${d.date ?? "undated"}\tpairs=${a.pairs
        .slice(0, 3)
        .map((p) => p.counterpartIso3)
        .join(
          ",",
        )}\tpassages=${a.passages.length}\tthemes: ${top}\ttone=${a.tone?.toFixed(2)}\tnegative words: ${words}\t${d.title.slice(0, 50)}`,
    );
  }
}
