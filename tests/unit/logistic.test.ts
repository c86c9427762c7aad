import { describe, expect, it } from "vitest";
import { passageFeatures, precisionRecall, predict, trainLogistic } from "@/lib/engine/logistic";

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
  const examples = [...ENERGY.map((t) => ({ features: passageFeatures(t), label: 1 as const })), ...OTHER.map((t) => ({ features: passageFeatures(t), label: 0 as const }))];

  it("reads words and word pairs, folded", () => {
    expect(passageFeatures("Energy SECURITY of Qarabağ")).toEqual(expect.arrayContaining(["energy", "security", "energy security", "qarabag", "of qarabag"]));
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

  it("measures precision and recall", () => {
    expect(precisionRecall([true, true, false, false], [true, false, true, false])).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(precisionRecall([false], [false])).toMatchObject({ precision: null, recall: null });
  });
});
