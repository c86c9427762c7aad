import { describe, expect, it } from "vitest";
import { fillPeriods, nextPeriod, periodOf } from "@/lib/engine/periods";

describe("periods", () => {
  it("labels a day in each interval", () => {
    expect(periodOf("2001-09-12", "year")).toBe("2001");
    expect(periodOf("2001-09-12", "quarter")).toBe("2001-Q3");
    expect(periodOf("2001-09-12", "month")).toBe("2001-09");
    expect(periodOf("2001-09-12", "week")).toBe("2001-09-10"); // a Wednesday; its week starts Monday the 10th
    expect(periodOf("2001-09-16", "week")).toBe("2001-09-10"); // Sunday still belongs to it
  });

  it("steps every interval, across a year end", () => {
    expect(nextPeriod("2001", "year")).toBe("2002");
    expect(nextPeriod("2001-09", "month")).toBe("2001-10");
    expect(nextPeriod("2001-12", "month")).toBe("2002-01");
    expect(nextPeriod("2001-Q4", "quarter")).toBe("2002-Q1");
    expect(nextPeriod("2001-12-31", "week")).toBe("2002-01-07");
  });

  it("fills missing periods with empty points and keeps the known ones", () => {
    const filled = fillPeriods(
      [
        { period: "2002-02", n: 5 },
        { period: "2001-11", n: 2 },
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

describe("period ranges", () => {
  it("gives the first day of each period and of the next", async () => {
    const { periodRange } = await import("@/lib/engine/periods");
    expect(periodRange("2001", "year")).toEqual({ from: "2001-01-01", until: "2002-01-01" });
    expect(periodRange("2001-Q4", "quarter")).toEqual({ from: "2001-10-01", until: "2002-01-01" });
    expect(periodRange("2001-12", "month")).toEqual({ from: "2001-12-01", until: "2002-01-01" });
    expect(periodRange("2001-12-31", "week")).toEqual({ from: "2001-12-31", until: "2002-01-07" });
  });
});
