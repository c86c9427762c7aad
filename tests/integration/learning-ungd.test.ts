import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passages } from "@/db/schema";
import type { DalContext } from "@/lib/dal/context";
import { isHeldOut, reviewedPassages } from "@/lib/dal/internal/tagger-training";
import {
  CORPUS,
  evaluateLearning,
  LABELLED_THEMES,
  labelDrift,
  readLabels,
  speechOrder,
  type LearningEvaluation,
} from "@/scripts/lib/ungd-learning";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";
import { hasShared, sharedFile, skipMessage } from "../support/shared-data";

const labels = readLabels();

describe("the UNGD labels file", () => {
  it("labels every passage of each speech once, with the four core themes only", () => {
    expect(labels.length).toBeGreaterThanOrEqual(400);
    for (const speech of speechOrder(labels)) {
      expect(labels.filter((l) => l.speech === speech).map((l) => l.passage)).toEqual([
        ...labels.filter((l) => l.speech === speech).keys(),
      ]);
    }
    for (const l of labels) {
      expect(l.sha256).toMatch(/^[0-9a-f]{64}$/);
      for (const theme of l.themes) expect(LABELLED_THEMES).toContain(theme);
    }
    for (const theme of LABELLED_THEMES) expect(labels.filter((l) => l.themes.includes(theme)).length).toBeGreaterThanOrEqual(15);
  });
});

// One driver: this measures learning, not the driver; the DAL calls it makes are covered on every driver elsewhere.
describe.skipIf(!hasShared(CORPUS))(`the tagger learns from reviewed UNGD speeches (${skipMessage(CORPUS)})`, () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let result: LearningEvaluation;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase("pglite"));
    result = await evaluateLearning(people.staff, labels, sharedFile(CORPUS));
  }, 900_000);
  afterAll(() => database?.close());

  /** Label of each stored passage, by passage id. */
  async function labelsById() {
    const ordinalOf = new Map([...result.statementIds].map(([speech, id]) => [id, speech]));
    const rows = await database.db
      .select({ id: passages.id, statementId: passages.statementId, ordinal: passages.ordinal })
      .from(passages)
      .where(inArray(passages.statementId, [...result.statementIds.values()]));
    return new Map(rows.map((r) => [r.id, labels.find((l) => l.speech === ordinalOf.get(r.statementId) && l.passage === r.ordinal)!]));
  }

  it("finds the labelled passages where the labels say, with the same text", async () => {
    expect(await labelDrift(database.db, result.statementIds, labels)).toEqual([]);
  });

  it("leaves every labelled passage reviewed with exactly the labelled themes standing", async () => {
    const reviewed = await reviewedPassages(database.db);
    expect(reviewed).toHaveLength(labels.length);
    const byId = await labelsById();
    for (const p of reviewed) {
      const standing = LABELLED_THEMES.filter((t) => p.truth.has(t));
      expect(standing, `passage ${p.id}`).toEqual(byId.get(p.id)!.themes);
    }
    const positives = labels.reduce((n, l) => n + l.themes.length, 0);
    expect(result.review.accepted + result.review.added).toBe(positives);
    expect(result.review.rejected).toBeGreaterThan(0);
  });

  it("measures rules, model and both on the held-out passages only", async () => {
    const byId = await labelsById();
    const heldOut = [...byId.keys()].filter(isHeldOut);
    const { panel } = result;
    expect(panel.heldOutPassages).toBe(heldOut.length);
    expect(panel.trainingPassages + panel.heldOutPassages).toBe(labels.length);
    for (const theme of LABELLED_THEMES) {
      const actual = heldOut.filter((id) => byId.get(id)!.themes.includes(theme)).length;
      const q = panel.quality.find((x) => x.theme === theme)!;
      for (const source of [q.rules, q.model, q.both]) {
        expect(source.actual).toBe(actual);
        expect(source.predicted).toBeLessThanOrEqual(heldOut.length);
        expect(source.truePositives).toBeLessThanOrEqual(Math.min(source.predicted, actual));
      }
      expect(q.both.truePositives).toBeGreaterThanOrEqual(Math.max(q.rules.truePositives, q.model.truePositives));
    }
  });

  it("draws a learning curve on one fixed held-out set whose last point is the quality panel", () => {
    const { curve, panel } = result;
    expect(curve.points.length).toBeGreaterThanOrEqual(3);
    expect(curve.heldOut).toBe(panel.heldOutPassages);
    const trained = curve.points.map((p) => p.trainingPassages);
    expect(trained).toEqual([...trained].sort((a, b) => a - b));
    expect(curve.points[0]!.reviewedPassages).toBeGreaterThanOrEqual(100);
    const last = curve.points.at(-1)!;
    expect(last.trainingPassages).toBe(panel.trainingPassages);
    for (const theme of LABELLED_THEMES) {
      expect(last.quality.find((q) => q.theme === theme)).toEqual(panel.quality.find((q) => q.theme === theme));
    }
  });
});
