import { describe, expect, it } from "vitest";
import { describeToneStep, effectiveTones, TONE_OVERRIDE_MAX, TONE_OVERRIDE_MIN } from "@/lib/engine/tone-override";

/** Issue #17: the override picker said −2…+2 while every display said −1…+1. */
describe("a person's tone is shown on the one scale", () => {
  it("labels each step with the tone it becomes, −1 … +1", () => {
    expect(describeToneStep(TONE_OVERRIDE_MIN)).toBe("-1.00 hostile");
    expect(describeToneStep(-1)).toBe("-0.50 critical");
    expect(describeToneStep(0)).toBe("0.00 neutral");
    expect(describeToneStep(TONE_OVERRIDE_MAX)).toBe("+1.00 warm");
  });

  it("shows the value the charts then use", () => {
    for (let step = TONE_OVERRIDE_MIN; step <= TONE_OVERRIDE_MAX; step++) {
      const { statement } = effectiveTones({ machine: 0.3, override: step }, []);
      expect(describeToneStep(step).startsWith(`${statement! > 0 ? "+" : ""}${statement!.toFixed(2)}`)).toBe(true);
    }
  });
});
