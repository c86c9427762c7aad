import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, reviewStates, statements, tags, taggerModels, themes, type ThemeQuality } from "@/db/schema";
import { encodeInSteps, passageFeatures, precisionRecall, predict, trainLogisticInSteps, type LogisticModel } from "@/lib/engine/logistic";
import { yieldToRequests } from "./background";
import { enqueueJob } from "./job-queue";

/** One passage in five (by id) is held out of training, to measure rules, model and both against people. */
export const isHeldOut = (passageId: number) => passageId % 5 === 0;
export const MODEL_THRESHOLD = 0.5;

export interface ReviewedPassage {
  id: number;
  statementId: number;
  features: string[];
  /** Themes people accepted (or left standing) on it after review. */
  truth: Set<string>;
  /** Themes the rules suggested, whatever people then decided. */
  rules: Set<string>;
}

/** Passages of reviewed statements, with what people settled and what the rules had said; in passage order. */
export async function reviewedPassages(db: Db): Promise<ReviewedPassage[]> {
  const rows = await db
    .select({
      id: passages.id,
      statementId: passages.statementId,
      text: sql<string>`substr(${statements.text}, ${passages.start} + 1, ${passages.end} - ${passages.start})`,
    })
    .from(passages)
    .innerJoin(statements, eq(statements.id, passages.statementId))
    .innerJoin(reviewStates, eq(reviewStates.statementId, passages.statementId))
    .where(isNotNull(reviewStates.reviewedAt))
    .orderBy(asc(passages.id));
  if (rows.length === 0) return [];
  const tagRows = await db
    .select({ passageId: tags.passageId, theme: themes.slug, origin: tags.origin, status: tags.status })
    .from(tags)
    .innerJoin(themes, eq(themes.id, tags.themeId))
    .innerJoin(reviewStates, eq(reviewStates.statementId, tags.statementId))
    .where(and(isNotNull(reviewStates.reviewedAt), isNotNull(tags.passageId)));
  const byPassage = new Map<number, ReviewedPassage>();
  for (const [i, r] of rows.entries()) {
    if (i % 500 === 499) await yieldToRequests(); // reading features of thousands of passages takes a second or more
    byPassage.set(r.id, {
      id: r.id,
      statementId: r.statementId,
      features: passageFeatures(r.text),
      truth: new Set<string>(),
      rules: new Set<string>(),
    });
  }
  for (const t of tagRows) {
    const p = byPassage.get(t.passageId!);
    if (!p) continue;
    if (t.status !== "rejected") p.truth.add(t.theme);
    if (t.origin === "auto") p.rules.add(t.theme);
  }
  return [...byPassage.values()];
}

/** Runs a stepwise computation, letting waiting requests run at each pause. */
async function inSteps<T>(steps: Generator<void, T, void>): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await yieldToRequests();
  }
}

/**
 * Trains one model per theme on `training` and measures rules, model and both against people on `heldOut`.
 * It pauses every few hundred examples: on a server, pages are answered while it trains.
 */
export async function fitAndMeasure(training: ReviewedPassage[], heldOut: ReviewedPassage[], themes: string[]) {
  const models: Record<string, LogisticModel> = {};
  const quality: ThemeQuality[] = [];
  const encoded = await inSteps(encodeInSteps(training.map((p) => p.features)));
  for (const slug of themes) {
    const model = await inSteps(
      trainLogisticInSteps(
        encoded,
        training.map((p) => (p.truth.has(slug) ? 1 : 0)),
      ),
    );
    models[slug] = model;
    const actual = heldOut.map((p) => p.truth.has(slug));
    const byRules = heldOut.map((p) => p.rules.has(slug));
    const byModel: boolean[] = [];
    for (const p of heldOut) {
      if (byModel.length % 200 === 199) await yieldToRequests();
      byModel.push(predict(model, p.features) >= MODEL_THRESHOLD);
    }
    quality.push({
      theme: slug,
      rules: precisionRecall(byRules, actual),
      model: precisionRecall(byModel, actual),
      both: precisionRecall(
        byRules.map((r, i) => r || byModel[i]!),
        actual,
      ),
    });
  }
  return { models, quality };
}

/**
 * Trains one model per enabled theme on reviewed passages not held out, measures rules, model and both on the
 * held-out ones, and stores the lot. Returns the stored model's id, or null with nothing reviewed yet.
 */
export async function trainTagger(db: Db): Promise<number | null> {
  const [reviewed, themeRows] = await Promise.all([
    reviewedPassages(db),
    db.select({ slug: themes.slug }).from(themes).where(eq(themes.enabled, true)),
  ]);
  const training = reviewed.filter((p) => !isHeldOut(p.id));
  const heldOut = reviewed.filter((p) => isHeldOut(p.id));
  if (training.length === 0) return null;
  const { models, quality } = await fitAndMeasure(
    training,
    heldOut,
    themeRows.map((t) => t.slug),
  );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taggerModels)
      .values({ trainingPassages: training.length, heldOutPassages: heldOut.length, models, quality })
      .returning({ id: taggerModels.id });
    // Only the newest model is read; on thousands of long passages each weighs tens of megabytes, once per review.
    await tx.delete(taggerModels).where(lt(taggerModels.id, row!.id));
    return row!.id;
  });
}

/**
 * Retrains off the request path: queues a job and returns. A request while training runs queues one more run
 * (one queued job absorbs the rest), so the newest decisions count. Whichever worker is running claims it: the
 * loop inside `npm start`, `npm run worker`, or the tick route.
 */
export async function retrainInBackground(db: Db): Promise<void> {
  try {
    await enqueueJob(db, "retrain");
  } catch (error) {
    console.error("[dyad] queueing the tagger's training failed; it is queued again on the next review", error);
  }
}

/** The model's suggestions for some passages: themes it gives at least even odds, with the probability. */
export async function modelSuggestions(
  db: Db,
  passageTexts: { id: number; text: string }[],
): Promise<Map<number, { theme: string; probability: number }[]>> {
  const result = new Map<number, { theme: string; probability: number }[]>();
  const [latest] = await db.select({ models: taggerModels.models }).from(taggerModels).orderBy(desc(taggerModels.id)).limit(1);
  if (!latest) return result;
  const live = new Set(
    (
      await db
        .select({ slug: themes.slug })
        .from(themes)
        .where(inArray(themes.slug, Object.keys(latest.models).length > 0 ? Object.keys(latest.models) : [""]))
    ).map((t) => t.slug),
  );
  for (const p of passageTexts) {
    const features = passageFeatures(p.text);
    const found = Object.entries(latest.models)
      .filter(([theme]) => live.has(theme))
      .map(([theme, model]) => ({ theme, probability: predict(model, features) }))
      .filter((s) => s.probability >= MODEL_THRESHOLD)
      .sort((a, b) => b.probability - a.probability);
    if (found.length > 0) result.set(p.id, found);
  }
  return result;
}
