import { describe, expect, it } from "vitest";
import { fillPeriods, nextPeriod } from "@/lib/engine/periods";

describe("periods", () => {
  it("steps years and months, across a year end", () => {
    expect(nextPeriod("2001", "year")).toBe("2002");
    expect(nextPeriod("2001-09", "month")).toBe("2001-10");
    expect(nextPeriod("2001-12", "month")).toBe("2002-01");
  });

  it("fills missing periods with empty points and keeps the known ones", () => {
    const filled = fillPeriods(
      [
        { period: "2001-11", n: 2 },
        { period: "2002-02", n: 5 },
      ],
      "month",
      (period) => ({ period, n: 0 }),
    );
    expect(filled).toEqual([
      { period: "2001-11", n: 2 },
      { period: "2001-12", n: 0 },
      { period: "2002-01", n: 0 },
      { period: "2002-02", n: 5 },
    ]);
  });

  it("returns nothing for no points", () => {
    expect(fillPeriods([], "year", (period) => ({ period }))).toEqual([]);
  });
});
