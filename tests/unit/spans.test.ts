import { describe, expect, it } from "vitest";
import { spanProblem, splitsCharacter } from "@/lib/engine/spans";
import { aggregateTone } from "@/lib/engine/tone";
import { effectiveTones } from "@/lib/engine/tone-override";

describe("hand-made spans", () => {
  const text = "Peace 🕊 now, 和平 too";
  const dove = text.indexOf("🕊");

  it("accepts whole characters inside the passage", () => {
    expect(spanProblem(text, { start: 0, end: 5 })).toBeNull();
    expect(spanProblem(text, { start: dove, end: dove + 2 })).toBeNull();
    expect(spanProblem(text, { start: text.indexOf("和"), end: text.indexOf("和") + 2 })).toBeNull();
  });

  it("refuses offsets between the halves of a surrogate pair", () => {
    expect(splitsCharacter(text, dove + 1)).toBe(true);
    expect(splitsCharacter(text, dove)).toBe(false);
    expect(spanProblem(text, { start: dove + 1, end: dove + 4 })).toMatch(/cut a character in half/);
    expect(spanProblem(text, { start: 0, end: dove + 1 })).toMatch(/cut a character in half/);
  });

  it("refuses spans out of range, empty, reversed, fractional or blank", () => {
    expect(spanProblem(text, { start: -1, end: 3 })).toMatch(/outside/);
    expect(spanProblem(text, { start: 2, end: text.length + 1 })).toMatch(/outside/);
    expect(spanProblem(text, { start: 0, end: 5 }, { start: 2, end: 10 })).toMatch(/outside the passage \(2–10\)/);
    expect(spanProblem(text, { start: 4, end: 4 })).toMatch(/empty/);
    expect(spanProblem(text, { start: 5, end: 2 })).toMatch(/empty/);
    expect(spanProblem(text, { start: 1.5, end: 3 })).toMatch(/whole numbers/);
    expect(spanProblem(text, { start: 5, end: 6 })).toMatch(/only spaces/);
  });
});

describe("tone overrides", () => {
  const passages = [
    { id: 1, machine: 0.5, evaluation: 2, override: null },
    { id: 2, machine: -0.25, evaluation: 1, override: null },
    { id: 3, machine: null, evaluation: 0, override: null },
  ];

  it("leave the machine's tones alone when there are none", () => {
    const t = effectiveTones({ machine: 0.25, override: null }, passages);
    expect(t.statement).toBe(0.25);
    expect([...t.passages.values()]).toEqual([0.5, -0.25, null]);
  });

  it("a passage override wins on its passage and weighs in the statement at least once", () => {
    const t = effectiveTones({ machine: 0.25, override: null }, [passages[0]!, passages[1]!, { ...passages[2]!, override: -2 }]);
    expect([...t.passages.values()]).toEqual([0.5, -0.25, -1]);
    expect(t.statement).toBe(Math.round(((0.5 * 2 - 0.25 - 1) / 4) * 1000) / 1000);
  });

  it("weighs passages as the engine does, by their evaluation, so an override that agrees with the machine changes nothing", () => {
    const word = (weight: number) => ({ word: "w", weight, start: 0, end: 1 });
    const machine = [
      { score: 0.5, words: [word(2), word(1)] },
      { score: -0.8, words: [word(-3), word(-0.5), word(-0.5)] },
    ];
    const t = effectiveTones({ machine: aggregateTone(machine), override: null }, [
      { id: 1, machine: 0.5, evaluation: 3, override: 1 },
      { id: 2, machine: -0.8, evaluation: 4, override: null },
    ]);
    expect(t.statement).toBe(aggregateTone(machine));
  });

  it("a statement override wins everywhere except on passages with their own", () => {
    const t = effectiveTones({ machine: 0.25, override: 2 }, [passages[0]!, { ...passages[1]!, override: -1 }, passages[2]!]);
    expect(t.statement).toBe(1);
    expect([...t.passages.values()]).toEqual([1, -0.5, 1]);
  });
});
