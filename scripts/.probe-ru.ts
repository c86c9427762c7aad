import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { compileCodebook } from "@/lib/engine/tag";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { readStatement } from "@/lib/engine/read";
const docs = gunzipSync(readFileSync("/work/shared/data/us-ru-statements/us-ru-statements-dev.jsonl.gz")).toString().trim().split("\n").map((l) => JSON.parse(l)).filter((d) => d.language === "ru");
const cb = compileCodebook(DEFAULT_CODEBOOK);
for (const d of docs) {
  const r = readStatement(d.text, cb, { speakerIso3: "RUS", language: "ru", date: d.date });
  console.log(`## ${d.id} ${d.date} ${d.title.slice(0, 60)} | top: ${r.counterparts.slice(0, 3).map((c) => c.iso3 + ":" + c.mentions).join(",")} | tone ${r.tone.score}`);
  if (process.argv[2] === "tags") r.tags.passages.forEach((p, i) => { if (p.tags.length) { const ps = r.passages[i]!; console.log(`  [${d.id}#${p.ordinal}] ${p.tags.map((t) => t.theme + "(" + t.evidence.map((e) => e.phrase).join("/") + ")").join("; ")} :: ${r.text.slice(ps.start, Math.min(ps.end, ps.start + 260)).replace(/\n/g, " ")}`); } });
}
