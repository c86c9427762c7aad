import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { compileCodebook } from "@/lib/engine/tag";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { analyseDraft } from "@/lib/ingest/pipeline";
const docs = gunzipSync(readFileSync("/work/shared/data/us-ru-statements/us-ru-statements-dev.jsonl.gz")).toString().trim().split("\n").map((l) => JSON.parse(l)).filter((d) => d.language === "ru");
const codebook = { version: 1, compiled: compileCodebook(DEFAULT_CODEBOOK) };
for (const d of docs) {
  const a = analyseDraft({ raw: d.text, speakerCountry: "RUS", date: d.date ?? undefined }, codebook);
  console.log(`${d.id} lang=${a.language} note=${a.languageNote} pairs=${a.pairs.slice(0, 4).map((p) => p.counterpartIso3 + (p.isPrimary ? "*" : "") + p.mentions).join(",")} tone=${a.tone}\n   ${d.title.slice(0, 90)} | ${d.text.slice(0, 220).replace(/\n/g, " ")}`);
}
