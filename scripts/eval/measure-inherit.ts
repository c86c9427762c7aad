// `npx tsx scripts/eval/measure-inherit.ts [sample]`: how the two rules for passages that name no country compare on
// the UN General Debate developer set (../shared/data/ungd), with a sample of inherited passages to read.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { clean } from "@/lib/engine/clean";
import { addressedCountries, passageCounterparts } from "@/lib/engine/counterparts";
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { segment } from "@/lib/engine/segment";
import { sharedData } from "@/scripts/lib/data-path";
import { cliArgs, numberArg } from "@/scripts/lib/cli";

const FILE = sharedData("ungd", "ungd-dev.jsonl.gz");
const USAGE = "usage: npx tsx scripts/eval/measure-inherit.ts [SAMPLE] (inherited passages to print; default 20)";
const [sampleArg, ...extra] = cliArgs(USAGE, {}, { positionals: true }).positionals;
if (extra.length > 0) throw new Error(USAGE);
const sampleSize = numberArg(sampleArg, "sample", 20);

const rows = gunzipSync(readFileSync(FILE))
  .toString("utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; country_iso3: string; text: string });
let passages = 0;
let named = 0;
let unnamed = 0;
let inherited = 0;
let bilateral = 0;
let pairsNone = 0;
let passingOnly = 0;
const samples: string[] = [];
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (const row of rows) {
  const { text } = clean(row.text);
  const segments = segment(text);
  const mentions = findCountryMentions(text);
  const input = { text, passages: segments, mentions, speaker: row.country_iso3 };
  const none = passageCounterparts(input, "none");
  const previous = passageCounterparts(input, "previous");
  const addressed = addressedCountries(none);
  if (addressed.size === 1) bilateral++;
  pairsNone += addressed.size;
  const everNamed = new Set(none.flat().map((c) => c.iso3));
  passingOnly += [...everNamed].filter((c) => !addressed.has(c)).length;
  passages += segments.length;
  none.forEach((cs, i) => {
    if (cs.some((c) => c.addressed)) named++;
    else unnamed++;
    const took = previous[i]!.find((c) => c.evidence.some((e) => e.via === "context" && e.rule === "previous"));
    if (took) {
      inherited++;
      if (random() < 0.02 && samples.length < sampleSize) {
        const before = segments[i - 1]!;
        samples.push(
          `${row.id} → ${took.iso3}\n  BEFORE: ${text.slice(before.start, before.end).slice(0, 220)}\n  PASSAGE: ${text.slice(segments[i]!.start, segments[i]!.end).slice(0, 300)}`,
        );
      }
    }
  });
}
console.log(`${rows.length} speeches, ${passages} passages: ${named} address a country by name or context, ${unnamed} none`);
console.log(`speeches addressing one country only (bilateral rule): ${bilateral}`);
console.log(`speech × country pairs: ${pairsNone} addressed; ${passingOnly} named only in passing (no pair)`);
console.log(
  `"previous" rule: ${inherited} passages (${((100 * inherited) / passages).toFixed(1)}%) would take the country of the passage before`,
);
console.log(`\nsample of inherited passages:\n${samples.join("\n\n")}`);
