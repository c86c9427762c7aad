/**
 * The Russian texts of the us-ru dev corpus through the import pipeline, for reading (docs/evaluation.md, "Russian"):
 * `pairs` prints each statement's primary counterpart; `sample` prints every 6th tagged passage (45 of them) with its
 * tags and evidence, to judge theme precision by reading.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { compileCodebook } from "@/lib/engine/tag";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { sharedData } from "@/scripts/lib/data-path";
import { cliArgs } from "@/scripts/lib/cli";

const USAGE = "usage: npx tsx scripts/eval/russian.ts [pairs|sample]";
const [mode = "pairs", ...extra] = cliArgs(USAGE, {}, { positionals: true }).positionals;
if (extra.length > 0 || (mode !== "pairs" && mode !== "sample")) {
  console.error(USAGE);
  process.exit(2);
}
const CORPUS = sharedData("us-ru-statements", "us-ru-statements-dev.jsonl.gz");
const docs = gunzipSync(readFileSync(CORPUS)).toString().trim().split("\n").map((l) => JSON.parse(l)).filter((d) => d.language === "ru");
const codebook = { version: 1, compiled: compileCodebook(DEFAULT_CODEBOOK) };
const tagged: string[] = [];
for (const d of docs) {
  const a = analyseDraft({ raw: d.text, speakerCountry: "RUS", date: d.date ?? undefined }, codebook);
  if (mode === "pairs") console.log(`${d.id}\t${a.language}\tprimary=${a.pairs[0]?.counterpartIso3 ?? "-"}\tothers=${a.pairs.slice(1, 4).map((p) => p.counterpartIso3).join(",")}\ttone=${a.tone}\t${d.title.slice(0, 70)}`);
  for (const p of a.passages) {
    if (p.tags.length === 0) continue;
    const tags = p.tags.map((t) => `${t.theme}(${t.evidence.map((e) => e.phrase).join("/")})`).join("; ");
    tagged.push(`[${d.id}#${p.ordinal}] ${tags} :: ${a.text.slice(p.start, Math.min(p.end, p.start + 400)).replace(/\n/g, " ")}`);
  }
}
if (mode === "sample") for (const line of tagged.filter((_, i) => i % 6 === 0).slice(0, 45)) console.log(line);
else console.log(`${tagged.length} tagged passages`);
