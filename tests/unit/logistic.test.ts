import { describe, expect, it } from "vitest";
import { fitAndMeasure, type ReviewedPassage } from "@/lib/dal/internal/tagger-training";
import { encodeInSteps, passageFeatures, precisionRecall, predict, trainLogistic, trainLogisticInSteps } from "@/lib/engine/logistic";

const ENERGY = [
  "The pipeline will carry gas from the Caspian to Europe.",
  "Energy security depends on diverse gas routes.",
  "We discussed oil and gas exports and the new pipeline.",
  "Liquefied natural gas terminals strengthen energy security.",
  "Our energy partnership brings Caspian oil to world markets.",
  "The gas corridor is vital for European energy supply.",
];
const OTHER = [
  "Free and fair elections are the basis of democracy.",
  "We condemn the terrorist attack in the capital.",
  "Human rights defenders must be released from prison.",
  "The ceasefire along the line of contact must hold.",
  "Trade between our countries grew by ten percent.",
  "The rule of law requires independent courts.",
];

describe("per-theme logistic regression", () => {
  const examples = [
    ...ENERGY.map((t) => ({ features: passageFeatures(t), label: 1 as const })),
    ...OTHER.map((t) => ({ features: passageFeatures(t), label: 0 as const })),
  ];

  it("reads words and word pairs, folded", () => {
    expect(passageFeatures("Energy SECURITY of Qarabağ")).toEqual(
      expect.arrayContaining(["energy", "security", "energy security", "qarabag", "of qarabag"]),
    );
    expect(passageFeatures("of an")).not.toContain("of");
  });

  it("learns to tell the theme's passages apart, including unseen ones", () => {
    const model = trainLogistic(examples);
    for (const e of examples) expect(predict(model, e.features) >= 0.5).toBe(e.label === 1);
    expect(predict(model, passageFeatures("A new gas pipeline for energy security."))).toBeGreaterThan(0.5);
    expect(predict(model, passageFeatures("Elections and the independence of courts."))).toBeLessThan(0.5);
  });

  it("is deterministic for the same decisions", () => {
    expect(trainLogistic(examples)).toEqual(trainLogistic(examples));
  });

  it("trains in steps to the same model, pausing every few hundred examples", () => {
    const many = Array.from({ length: 40 }, () => examples).flat(); // 480 examples × 30 epochs
    const encoding = encodeInSteps(many.map((e) => e.features));
    let encoded = encoding.next();
    while (!encoded.done) encoded = encoding.next();
    const steps = trainLogisticInSteps(
      encoded.value,
      many.map((e) => e.label),
    );
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(20);
    expect(step.value).toEqual(trainLogistic(many));
  });

  it("lets other work run while a retrain fits its models", async () => {
    const passages: ReviewedPassage[] = Array.from({ length: 600 }, (_, i) => ({
      id: i,
      statementId: i,
      features: passageFeatures((i % 2 ? ENERGY : OTHER)[i % 6]!),
      truth: new Set(i % 2 ? ["energy-security"] : []),
      rules: new Set<string>(),
    }));
    let finished = false;
    let ranDuring = false;
    const training = fitAndMeasure(passages, passages.slice(0, 50), ["energy-security", "democracy"]).then(
      (result) => ((finished = true), result),
    );
    setTimeout(() => (ranDuring = !finished), 0);
    const { models } = await training;
    expect(ranDuring).toBe(true);
    expect(predict(models["energy-security"]!, passageFeatures(ENERGY[0]!))).toBeGreaterThan(0.5);
  });

  it("measures precision and recall", () => {
    expect(precisionRecall([true, true, false, false], [true, false, true, false])).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(precisionRecall([false], [false])).toMatchObject({ precision: null, recall: null });
  });
});
