/**
 * Does the tagger learn from people on real speeches? UN General Debate speeches are imported, reviewed through
 * the DAL as a staff member would by the hand-written labels in tests/fixtures/ungd-reviewed (see its README),
 * the tagger is trained, and the quality panel is read; a learning curve trains on the first k reviewed
 * statements and measures on one fixed held-out set. Used by `npm run eval:learning` and its integration test.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, statements } from "@/db/schema";
import type { DalContext } from "@/lib/dal/context";
import { importDraft } from "@/lib/dal/imports";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { fitAndMeasure, isHeldOut, reviewedPassages, trainTagger } from "@/lib/dal/internal/tagger-training";
import { taggerQuality } from "@/lib/dal/tagger-quality";
import { markReviewed, reviewStatement } from "@/lib/dal/review";
import { decideTag, togglePassageTheme } from "@/lib/dal/tags";
import { CORE_THEMES, DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import type { ThemeQuality } from "@/db/schema";
import { guessMapping, recordToDraft } from "@/lib/ingest/bulk";
import { sharedData } from "@/scripts/lib/data-path";

export const LABELS_FILE = path.join(process.cwd(), "tests", "fixtures", "ungd-reviewed", "labels.jsonl");
export const CORPUS = "ungd/ungd-dev.jsonl.gz";
export const CORPUS_FILE = sharedData(CORPUS);

/** The themes the labels decide; every other theme's suggestions are left as the rules made them. */
export const LABELLED_THEMES = CORE_THEMES;
/** A child theme implies its parent, so a passage that is not about democracy is about none of its children. */
const DEMOCRACY_CHILDREN = new Set(DEFAULT_CODEBOOK.filter((t) => t.parent === "democracy").map((t) => t.slug));

/** One passage of one speech as the app segments it, with the themes a reader gave it. */
export interface PassageLabel {
  speech: string;
  passage: number;
  start: number;
  end: number;
  sha256: string;
  themes: string[];
}

export function readLabels(file = LABELS_FILE): PassageLabel[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PassageLabel);
}

/** Speeches in the order they are reviewed: the order of the labels file. */
export function speechOrder(labels: PassageLabel[]): string[] {
  return [...new Set(labels.map((l) => l.speech))];
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Imports the labelled speeches through the app's own import (clean, segment, tag, tone), in review order. */
export async function importSpeeches(ctx: DalContext, speeches: string[], corpusFile = CORPUS_FILE): Promise<Map<string, number>> {
  if (!existsSync(corpusFile)) throw new Error(`the UN General Debate corpus is not at ${corpusFile}`);
  const wanted = new Set(speeches);
  const records = new Map<string, Record<string, unknown>>();
  for (const line of gunzipSync(readFileSync(corpusFile)).toString("utf8").split("\n")) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    if (wanted.has(String(record.id))) records.set(String(record.id), record);
  }
  const ids = new Map<string, number>();
  for (const speech of speeches) {
    const record = records.get(speech);
    if (!record) throw new Error(`speech ${speech} of the labels is not in ${corpusFile}`);
    const mapping = guessMapping(Object.keys(record))!;
    const { id } = await importDraft(ctx, recordToDraft(record, mapping));
    ids.set(speech, id);
  }
  return ids;
}

/** Where the stored passages differ from the labelled ones (count, offsets or text): empty when the labels still fit. */
export async function labelDrift(db: Db, statementIds: Map<string, number>, labels: PassageLabel[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [speech, statementId] of statementIds) {
    const [statement] = await db.select({ text: statements.text }).from(statements).where(eq(statements.id, statementId));
    const stored = await db
      .select({ ordinal: passages.ordinal, start: passages.start, end: passages.end })
      .from(passages)
      .where(eq(passages.statementId, statementId))
      .orderBy(asc(passages.ordinal));
    const own = labels.filter((l) => l.speech === speech);
    if (stored.length !== own.length) problems.push(`${speech}: ${stored.length} passages stored, ${own.length} labelled`);
    for (const label of own) {
      const passage = stored[label.passage];
      if (!passage || passage.start !== label.start || passage.end !== label.end) {
        problems.push(
          `${speech} passage ${label.passage}: stored at ${passage ? `${passage.start}–${passage.end}` : "nowhere"}, labelled at ${label.start}–${label.end}`,
        );
      } else if (sha256(statement!.text.slice(passage.start, passage.end)) !== label.sha256) {
        problems.push(`${speech} passage ${label.passage}: its text differs from the text that was labelled`);
      }
    }
  }
  return problems;
}

export interface ReviewCounts {
  accepted: number;
  rejected: number;
  added: number;
}

/**
 * Reviews one statement as staff do in the reader: accept the suggestions of labelled themes the label agrees
 * with, reject the others (and democracy's children where democracy is rejected), tag what the rules missed,
 * then mark it reviewed. Suggestions of themes the labels do not decide are left standing.
 */
export async function reviewByLabels(ctx: DalContext, statementId: number, labels: PassageLabel[]): Promise<ReviewCounts> {
  const statement = await reviewStatement(ctx, statementId);
  const counts: ReviewCounts = { accepted: 0, rejected: 0, added: 0 };
  let version = statement.version;
  for (const passage of statement.passages) {
    const want = new Set(labels.find((l) => l.passage === passage.ordinal)?.themes ?? []);
    for (const tag of passage.tags) {
      if (tag.status !== "suggested") continue;
      const decided = LABELLED_THEMES.includes(tag.theme) || (DEMOCRACY_CHILDREN.has(tag.theme) && !want.has("democracy"));
      if (!decided) continue;
      const decision = want.has(tag.theme) ? "accepted" : "rejected";
      ({ version } = await decideTag(ctx, { statementId, version, tagId: tag.id, decision }));
      counts[decision]++;
    }
    for (const theme of want) {
      if (passage.tags.some((t) => t.theme === theme && t.status !== "rejected")) continue;
      ({ version } = await togglePassageTheme(ctx, { statementId, version, passageId: passage.id, theme }));
      counts.added++;
    }
  }
  await markReviewed(ctx, { statementId, version });
  return counts;
}

export interface CurvePoint {
  statements: number;
  reviewedPassages: number;
  trainingPassages: number;
  quality: ThemeQuality[];
}

/**
 * Trains on the passages (not held out) of the first k reviewed statements, for each k, and measures on every
 * held-out passage of all of them: one fixed test set, so the points differ only in what the model learned from.
 */
export async function learningCurve(db: Db, order: number[], checkpoints: number[]): Promise<{ heldOut: number; points: CurvePoint[] }> {
  const reviewed = await reviewedPassages(db);
  const rank = new Map(order.map((id, i) => [id, i]));
  const heldOut = reviewed.filter((p) => isHeldOut(p.id));
  const points: CurvePoint[] = [];
  for (const k of checkpoints) {
    const seen = reviewed.filter((p) => (rank.get(p.statementId) ?? Infinity) < k);
    const training = seen.filter((p) => !isHeldOut(p.id));
    points.push({
      statements: k,
      reviewedPassages: seen.length,
      trainingPassages: training.length,
      quality: (await fitAndMeasure(training, heldOut, LABELLED_THEMES)).quality,
    });
  }
  return { heldOut: heldOut.length, points };
}

/** The smallest k whose first k statements hold at least n passages, for each n, then all statements. */
export function checkpointsFor(passagesPerStatement: number[], steps: number[]): number[] {
  let sum = 0;
  const cumulative = passagesPerStatement.map((n) => (sum += n));
  const ks = steps.map((n) => cumulative.findIndex((c) => c >= n) + 1).filter((k) => k > 0);
  return [...new Set([...ks, passagesPerStatement.length])].sort((a, b) => a - b);
}

export interface LearningEvaluation {
  /** Statement id of each speech, in review order. */
  statementIds: Map<string, number>;
  review: ReviewCounts;
  panel: NonNullable<Awaited<ReturnType<typeof taggerQuality>>>;
  curve: { heldOut: number; points: CurvePoint[] };
  seconds: { import: number; review: number; train: number; curve: number };
}

/** The whole pipeline on an empty, seeded database, done by `staff` (a staff member's context). */
export async function evaluateLearning(staff: DalContext, labels = readLabels(), corpusFile = CORPUS_FILE): Promise<LearningEvaluation> {
  const clock = () => performance.now() / 1000;
  let t = clock();
  const order = speechOrder(labels);
  const ids = await importSpeeches(staff, order, corpusFile);
  const seconds = { import: clock() - t, review: 0, train: 0, curve: 0 };
  const drift = await labelDrift(staff.db, ids, labels);
  if (drift.length > 0) {
    throw new Error(
      `the labels no longer fit the passages the app makes of these speeches (segmenting or corpus changed):\n  ${drift.slice(0, 20).join("\n  ")}`,
    );
  }

  t = clock();
  const review: ReviewCounts = { accepted: 0, rejected: 0, added: 0 };
  for (const speech of order) {
    const counts = await reviewByLabels(
      staff,
      ids.get(speech)!,
      labels.filter((l) => l.speech === speech),
    );
    review.accepted += counts.accepted;
    review.rejected += counts.rejected;
    review.added += counts.added;
  }
  await runJobsUntilIdle(staff.db); // the retrains each review queued, finished before the last one runs
  seconds.review = clock() - t;

  t = clock();
  await trainTagger(staff.db);
  const panel = (await taggerQuality(staff))!;
  seconds.train = clock() - t;

  t = clock();
  const perStatement = order.map((speech) => labels.filter((l) => l.speech === speech).length);
  const curve = await learningCurve(
    staff.db,
    order.map((speech) => ids.get(speech)!),
    checkpointsFor(perStatement, [100, 200, 300, 400, 500]),
  );
  seconds.curve = clock() - t;
  return { statementIds: ids, review, panel, curve, seconds };
}
