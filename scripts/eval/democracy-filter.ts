/**
 * `npx tsx scripts/eval/democracy-filter.ts [--json]`: the experiment of issue 16's fifth round — can a small
 * learned filter over a democracy-tagged passage's features tell the passages the labelling guide calls democracy
 * (✓) from those it does not (✗)? Examples are every passage today's rules tag democracy among
 * docs/eval-samples/democracy-judged.txt (samples A–D, judged by hand) and tests/fixtures/ungd-reviewed (its
 * labels decide ✓). A regularised logistic regression (lib/engine/logistic.ts), and a Bernoulli naive Bayes beside
 * it, are cross-validated in folds of whole speeches (no speech in both training and test); the printout is the
 * precision of the tags each keeps and the share of ✓ it keeps at several thresholds, and the fixture's recall of
 * democracy with the filter. Docs: docs/evaluation.md, "Fifth round".
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { passageFeatures, predict, trainLogistic, type Example } from "@/lib/engine/logistic";
import { readStatement } from "@/lib/engine/read";
import { compileCodebook } from "@/lib/engine/tag";
import { tokenize } from "@/lib/engine/tokens";
import { sharedData } from "@/scripts/lib/data-path";
import { readLabels } from "@/scripts/lib/ungd-learning";
import { textTable } from "@/scripts/lib/text-table";
import { cliArgs } from "@/scripts/lib/cli";
import { mean, rocAuc } from "@/lib/engine/stats";

const JUDGED = "docs/eval-samples/democracy-judged.txt";
const FOLDS = 10;
const codebook = compileCodebook(DEFAULT_CODEBOOK);
const CHILDREN = new Set(DEFAULT_CODEBOOK.filter((t) => t.parent === "democracy").map((t) => t.slug));

// The fourth round's lists (docs/evaluation.md, "Fourth round"), as counts rather than rules.
const WORLD = [
  "united nations",
  "international community",
  "world",
  "global",
  "multilateral",
  "universal",
  "member states",
  "secretary general",
  "humanity",
  "mankind",
  "all nations",
  "international law",
  "security council",
  "general assembly",
  "organization",
  "charter",
  "reform",
];
const POLITY = [
  "my country",
  "our country",
  "my government",
  "our government",
  "our people",
  "our nation",
  "national",
  "parliament",
  "constitution",
  "domestic",
  "at home",
  "president",
  "citizens",
  "opposition",
  "people",
];

interface Item {
  id: string;
  speech: string;
  source: "judged" | "fixture";
  right: boolean;
  group: string;
  features: Record<string, string[]>;
}

function speeches(): Map<string, { id: string; year: number; text: string }> {
  const bytes = readFileSync(sharedData("ungd", "ungd-dev.jsonl.gz"));
  const rows = gunzipSync(bytes)
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; year: number; text: string });
  return new Map(rows.map((r) => [r.id, r]));
}

const folded = (text: string) =>
  ` ${tokenize(text)
    .map((t) => t.key)
    .join(" ")} `;
const count = (text: string, list: string[]) => list.reduce((n, w) => n + (text.split(` ${w}`).length - 1), 0);
const bin = (n: number) => (n >= 3 ? "3+" : String(n));

/** Every feature family of one tagged passage, each a list of named binary features. */
function describe(reading: ReturnType<typeof readStatement>, index: number): Record<string, string[]> | null {
  const tags = reading.tags.passages[index]!.tags;
  const tag = tags.find((t) => t.theme === "democracy");
  if (!tag) return null;
  const passage = reading.passages[index]!;
  const childStarts = new Set(tags.filter((t) => CHILDREN.has(t.theme)).flatMap((t) => t.evidence.map((e) => e.start)));
  const own = tag.evidence.filter((e) => !childStarts.has(e.start));
  const sentenceOf = (pos: number) => passage.sentences.findIndex((s) => pos >= s.start && pos < s.end);
  const evSentences = [...new Set(tag.evidence.map((e) => sentenceOf(e.start)))].filter((i) => i >= 0);
  const near = [...new Set(evSentences.flatMap((i) => [i - 1, i + 1]))].filter(
    (i) => i >= 0 && i < passage.sentences.length && !evSentences.includes(i),
  );
  const textOf = (ids: number[]) => ids.map((i) => reading.text.slice(passage.sentences[i]!.start, passage.sentences[i]!.end)).join(" ");
  const sentenceText = folded(textOf(evSentences));
  const nearText = folded(textOf(near));
  const world = count(sentenceText, WORLD);
  const polity = count(sentenceText, POLITY);
  return {
    phrases: [...new Set(tag.evidence.map((e) => `phrase:${e.phrase}`))],
    structure: [
      own.length === 0 ? "child-only" : own.length === tag.evidence.length ? "own-only" : "own+child",
      ...tags.filter((t) => CHILDREN.has(t.theme)).map((t) => `child:${t.theme}`),
      `mentions:${bin(tag.evidence.length)}`,
      `own:${bin(own.length)}`,
      `sentences:${bin(evSentences.length)}`,
      `share:${evSentences.length / passage.sentences.length > 0.5 ? "most" : "few"}`,
      evSentences.includes(0) ? "in-first-sentence" : "not-first-sentence",
    ],
    lists: [
      `world:${bin(world)}`,
      `polity:${bin(polity)}`,
      world > polity ? "world>polity" : polity > world ? "polity>world" : "world=polity",
      `near-world:${bin(count(nearText, WORLD))}`,
    ],
    words: passageFeatures(textOf(evSentences)).map((f) => `s:${f}`),
    near: passageFeatures(textOf(near))
      .filter((f) => !f.includes(" "))
      .map((f) => `n:${f}`),
  };
}

function collect(): Item[] {
  const judged = readFileSync(JUDGED, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const [id, verdict, group] = l.trim().split(/\s+/);
      const [speech, passage] = id!.split("#");
      return { id: id!, speech: speech!, passage: Number(passage), right: verdict === "right", group: group ?? "all" };
    });
  const fixture = readLabels().map((l) => ({
    id: `${l.speech}#${l.passage}`,
    speech: l.speech,
    passage: l.passage,
    right: l.themes.includes("democracy"),
    group: "fixture",
  }));
  const all = speeches();
  const readings = new Map<string, ReturnType<typeof readStatement>>();
  const items: Item[] = [];
  for (const [source, list] of [
    ["judged", judged],
    ["fixture", fixture],
  ] as const)
    for (const j of list) {
      const s = all.get(j.speech)!;
      if (!readings.has(s.id)) readings.set(s.id, readStatement(s.text, codebook, { date: String(s.year) }));
      const features = describe(readings.get(s.id)!, j.passage);
      if (features) items.push({ id: j.id, speech: j.speech, source, right: j.right, group: j.group, features });
    }
  return items;
}

/** Speeches dealt into folds in a seeded order, so each fold holds whole speeches. */
function folds(items: Item[], seed: number): Map<string, number> {
  const ids = [...new Set(items.map((i) => i.speech))].sort();
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return new Map(ids.map((id, i) => [id, i % FOLDS]));
}

const flat = (item: Item, families: string[]) => families.flatMap((f) => item.features[f] ?? []);

/** Out-of-fold probability that each item is ✓, the model trained on the other folds' speeches. */
function crossValidate(items: Item[], families: string[], l2: number, seed: number, fit: Fit): number[] {
  const fold = folds(items, seed);
  const p = new Array<number>(items.length);
  for (let k = 0; k < FOLDS; k++) {
    const train: Example[] = items
      .filter((i) => fold.get(i.speech) !== k)
      .map((i) => ({ features: flat(i, families), label: i.right ? 1 : 0 }));
    const score =
      fit === "naive Bayes"
        ? naiveBayes(train)
        : (
            (m) => (f: string[]) =>
              predict(m, f)
          )(trainLogistic(train, { l2, ...fit, seed: 7 }));
    items.forEach((item, n) => {
      if (fold.get(item.speech) === k) p[n] = score(flat(item, families));
    });
  }
  return p;
}

const VARIANTS: { name: string; families: string[] }[] = [
  { name: "structure + lists", families: ["structure", "lists"] },
  { name: "phrases + structure + lists", families: ["phrases", "structure", "lists"] },
  { name: "… + evidence-sentence words", families: ["phrases", "structure", "lists", "words"] },
  { name: "… + neighbour words", families: ["phrases", "structure", "lists", "words", "near"] },
];
type Fit = { epochs: number; learningRate: number } | "naive Bayes";
const FITS: Fit[] = [{ epochs: 40, learningRate: 0.1 }, { epochs: 100, learningRate: 0.5 }, "naive Bayes"];
const fitName = (fit: Fit) => (fit === "naive Bayes" ? fit : `${fit.epochs}×${fit.learningRate}`);

/** Bernoulli naive Bayes over the features present, add-one smoothed: the posterior of ✓. */
function naiveBayes(train: Example[]): (features: string[]) => number {
  const n = [0, 0];
  const seen = [new Map<string, number>(), new Map<string, number>()];
  for (const e of train) {
    n[e.label]!++;
    for (const f of new Set(e.features)) seen[e.label]!.set(f, (seen[e.label]!.get(f) ?? 0) + 1);
  }
  const vocabulary = new Set([...seen[0]!.keys(), ...seen[1]!.keys()]);
  const logOdds = (f: string) =>
    Math.log(((seen[1]!.get(f) ?? 0) + 1) / (n[1]! + 2)) - Math.log(((seen[0]!.get(f) ?? 0) + 1) / (n[0]! + 2));
  const prior = Math.log((n[1]! + 1) / (n[0]! + 1));
  return (features) => {
    const z = [...new Set(features)].filter((f) => vocabulary.has(f)).reduce((s, f) => s + logOdds(f), prior);
    return 1 / (1 + Math.exp(-z));
  };
}
const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85];
const L2 = [0.001, 0.01, 0.05];
const SEEDS = [1, 2, 3];

/** What a model fitted on every example leans on: its largest weights either way. */
function heaviest(items: Item[]): string {
  const families = ["phrases", "structure", "lists"];
  const model = trainLogistic(
    items.map((i) => ({ features: flat(i, families), label: i.right ? 1 : 0 })),
    { l2: 0.01, epochs: 40, learningRate: 0.1, seed: 7 },
  );
  const sorted = Object.entries(model.weights).sort((a, b) => b[1] - a[1]);
  const show = (list: [string, number][]) => list.map(([f, w]) => `${f} ${w >= 0 ? "+" : ""}${w.toFixed(2)}`).join(", ");
  return `towards ✓ ${show(sorted.slice(0, 6))}; towards ✗ ${show(sorted.slice(-6).reverse())}`;
}

function main() {
  const { values } = cliArgs("usage: npx tsx scripts/eval/democracy-filter.ts [--json]", { json: { type: "boolean", default: false } });
  const items = collect();
  const judged = items.filter((i) => i.source === "judged");
  const fixture = items.filter((i) => i.source === "fixture");
  const fixtureLabelled = readLabels().filter((l) => l.themes.includes("democracy")).length;
  const jRight = judged.filter((i) => i.right).length;
  const rows: (string | number)[][] = [];
  const results = [];
  for (const v of VARIANTS)
    for (const fit of FITS)
      for (const l2 of fit === "naive Bayes" ? [0] : L2) {
        // every figure is the mean over three deals of speeches into folds, so one lucky split does not decide
        const runs = SEEDS.map((seed) => crossValidate(items, v.families, l2, seed, fit));
        const judgedIdx = items.map((it, n) => (it.source === "judged" ? n : -1)).filter((n) => n >= 0);
        const auc = mean(
          runs.map((p) =>
            rocAuc(
              judgedIdx.map((n) => p[n]!),
              judgedIdx.map((n) => items[n]!.right),
            ),
          ),
        );
        for (const t of THRESHOLDS) {
          let kr = 0,
            kw = 0,
            fh = 0;
          for (const p of runs)
            items.forEach((item, n) => {
              if (p[n]! < t) return;
              if (item.source === "fixture") fh += item.right ? 1 : 0;
              else if (item.right) kr++;
              else kw++;
            });
          kr /= runs.length;
          kw /= runs.length;
          fh /= runs.length;
          const r = {
            variant: v.name,
            fit: fitName(fit),
            l2,
            auc,
            threshold: t,
            rightKept: kr,
            wrongKept: kw,
            precision: kr / (kr + kw),
            rightShare: kr / jRight,
            fixtureHits: fh,
            fixtureRecall: fh / fixtureLabelled,
          };
          results.push(r);
          rows.push([
            v.name,
            r.fit,
            l2,
            auc.toFixed(2),
            t,
            kr.toFixed(1),
            kw.toFixed(1),
            r.precision.toFixed(2),
            r.rightShare.toFixed(2),
            fh.toFixed(1),
            r.fixtureRecall.toFixed(2),
          ]);
        }
      }
  const fHits = fixture.filter((i) => i.right).length;
  const go = results.filter((r) => r.precision >= 0.85 && r.rightShare >= 0.8 && r.fixtureHits >= 39);
  if (values.json) return console.log(JSON.stringify({ judged: judged.length, fixture: fixture.length, results, go }));
  const best = [...results].filter((r) => r.rightShare >= 0.8).sort((a, b) => b.precision - a.precision)[0]!;
  console.log(
    [
      `Democracy-tagged passages: judged ${judged.length} (${jRight} ✓, ${judged.length - jRight} ✗; rules alone: precision ${(jRight / judged.length).toFixed(2)}), fixture ${fixture.length} (${fHits} ✓ of ${fixtureLabelled} labelled: recall ${(fHits / fixtureLabelled).toFixed(2)})`,
      `Logistic regression (fit: epochs × learning rate), ${FOLDS}-fold cross-validation by speech, judged and fixture passages together, mean of fold deals ${SEEDS.join(", ")}; AUC on the judged passages; a tag is kept when p(✓) ≥ threshold`,
      textTable(
        ["features", "fit", "L2", "AUC", "threshold", "✓ kept", "✗ kept", "precision", "share of ✓ kept", "fixture hits", "fixture recall"],
        rows,
      ),
      `Best precision with ≥ 80% of ✓ kept (threshold chosen on these very figures, so optimistic): ${best.precision.toFixed(2)} (${best.variant}, fit ${best.fit}, L2 ${best.l2}, threshold ${best.threshold}; fixture recall ${best.fixtureRecall.toFixed(2)})`,
      `Heaviest weights of the structure + lists + phrases model fitted on all ${items.length} passages (40×0.1, L2 0.01): ${heaviest(items)}`,
      `Settings meeting the go condition (precision ≥ 0.85, ≥ 80% of ✓ kept, ≥ 39 fixture hits): ${go.length}`,
    ].join("\n"),
  );
}

main();
