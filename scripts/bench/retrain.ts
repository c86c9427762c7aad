/**
 * Retraining the tagger after a review: how long it takes, and the longest time a server could not answer a
 * request meanwhile — trained in one go (as before: the whole retrain) against stepwise (fitAndMeasure).
 * Reviewed passages are paragraphs of UN General Debate speeches (../shared/data) with ten themes.
 */
import { fitAndMeasure, type ReviewedPassage } from "@/lib/dal/internal/tagger-training";
import { passageFeatures, trainLogistic } from "@/lib/engine/logistic";
import { textTable } from "@/scripts/lib/text-table";
import { cliArgs, isMain } from "@/scripts/lib/cli";
import { readJsonl, sharedData } from "@/scripts/lib/data-path";

const THEMES = [
  "energy-security",
  "counterterrorism",
  "nagorno-karabakh",
  "democracy",
  "elections",
  "rule-of-law",
  "human-rights",
  "nonproliferation",
  "regional-security",
  "trade",
];

export interface RetrainBench {
  passages: number;
  blockingSeconds: number;
  stepwiseSeconds: number;
  longestPauseMs: number;
}

function reviewed(count: number): ReviewedPassage[] {
  const paragraphs = readJsonl<{ text: string }>(sharedData("ungd", "ungd-dev.jsonl.gz"))
    .flatMap((s) => s.text.split(/\n\s*\n/))
    .filter((p) => p.length > 200)
    .slice(0, count);
  // Labels from a few words stand in for people's decisions: the cost of training does not depend on them.
  return paragraphs.map((text, id) => ({
    id,
    statementId: id,
    features: passageFeatures(text),
    truth: new Set(THEMES.filter((t) => text.toLowerCase().includes(t.split("-")[0]!))),
    rules: new Set<string>(),
  }));
}

/** The longest gap between ticks of a 1 ms timer while `work` runs: how long a request would have waited. */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await work();
  clearInterval(timer);
  return Math.max(longest, performance.now() - last);
}

export async function runRetrainBench(sizes = [1000, 4000]): Promise<RetrainBench[]> {
  const results: RetrainBench[] = [];
  for (const size of sizes) {
    const passages = reviewed(size);
    const training = passages.filter((p) => p.id % 5 !== 0);
    const heldOut = passages.filter((p) => p.id % 5 === 0);
    let started = performance.now();
    for (const theme of THEMES) trainLogistic(training.map((p) => ({ features: p.features, label: p.truth.has(theme) ? 1 : 0 })));
    const blockingSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const longestPauseMs = await longestPause(() => fitAndMeasure(training, heldOut, THEMES));
    results.push({ passages: passages.length, blockingSeconds, stepwiseSeconds: (performance.now() - started) / 1000, longestPauseMs });
  }
  return results;
}

export function formatRetrainBench(results: RetrainBench[]): string {
  return [
    "Tagger retrain after a review (10 themes): in one go the server answers nothing until it ends; stepwise it pauses every 500 examples",
    textTable(
      ["reviewed passages", "in one go s (= longest wait)", "stepwise s", "stepwise longest wait ms", "wait ratio"],
      results.map((r) => [
        r.passages,
        r.blockingSeconds.toFixed(2),
        r.stepwiseSeconds.toFixed(2),
        r.longestPauseMs.toFixed(0),
        `${((r.blockingSeconds * 1000) / r.longestPauseMs).toFixed(0)}×`,
      ]),
    ),
  ].join("\n");
}

if (isMain(import.meta.url)) {
  cliArgs("usage: npx tsx scripts/bench/retrain.ts (the retraining part of npm run bench; needs ../shared/data)", {});
  void runRetrainBench().then((r) => console.log(formatRetrainBench(r)));
}
