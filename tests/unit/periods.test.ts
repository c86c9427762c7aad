import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EARLIEST_DAY, isUsableDay, LATEST_DAY } from "@/lib/engine/dates";
import { fillPeriods, INTERVALS, maxPeriods, nextPeriod, periodAt, periodIndex, periodOf, periodRange } from "@/lib/engine/periods";

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
    expect(periodRange("2001", "year")).toEqual({ from: "2001-01-01", until: "2002-01-01" });
    expect(periodRange("2001-Q4", "quarter")).toEqual({ from: "2001-10-01", until: "2002-01-01" });
    expect(periodRange("2001-12", "month")).toEqual({ from: "2001-12-01", until: "2002-01-01" });
    expect(periodRange("2001-12-31", "week")).toEqual({ from: "2001-12-31", until: "2002-01-07" });
  });
});

const usableDay = fc
  .date({ min: new Date(`${EARLIEST_DAY}T00:00:00Z`), max: new Date(`${LATEST_DAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const interval = fc.constantFrom(...INTERVALS);

describe("periods on arbitrary dates (property-based)", () => {
  it("places every usable day in exactly one period, whose range holds it", () => {
    fc.assert(
      fc.property(usableDay, interval, (day, every) => {
        const period = periodOf(day, every);
        const { from, until } = periodRange(period, every);
        expect(from <= day && day < until).toBe(true);
        expect(periodIndex(nextPeriod(period, every), every)).toBe(periodIndex(period, every) + 1);
        expect(periodAt(periodIndex(period, every), every)).toBe(period);
      }),
      { numRuns: 2000 },
    );
  });

  it("fills any set of usable days into consecutive periods, no longer than the usable span", () => {
    fc.assert(
      fc.property(fc.array(usableDay, { minLength: 1, maxLength: 30 }), interval, (days, every) => {
        const filled = fillPeriods(
          days.map((day) => ({ period: periodOf(day, every) })),
          every,
          (period) => ({ period }),
        );
        expect(filled.length).toBeLessThanOrEqual(maxPeriods(every));
        const indexes = filled.map((p) => periodIndex(p.period, every));
        expect(indexes.every((index, i) => i === 0 || index === indexes[i - 1]! + 1)).toBe(true);
        const labels = new Set(filled.map((p) => p.period));
        expect(days.every((day) => labels.has(periodOf(day, every)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses days outside the usable years and anything that is not a day", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          fc.string(),
        ),
        interval,
        (text, every) => {
          if (isUsableDay(text)) expect(() => periodOf(text, every)).not.toThrow();
          else expect(() => periodOf(text, every)).toThrow(RangeError);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never walks a span longer than the usable years, whatever the labels", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.stringMatching(/^[+-]?\d{4,6}(-(Q[1-4]|\d{2})(-\d{2})?)?$/)), { maxLength: 5 }),
        interval,
        (labels, every) => {
          try {
            expect(
              fillPeriods(
                labels.map((period) => ({ period })),
                every,
                (period) => ({ period }),
              ).length,
            ).toBeLessThanOrEqual(maxPeriods(every));
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses the far-future weeks that once hung the server (9999 → +010000)", () => {
    expect(() => fillPeriods([{ period: "9999-12-27" }, { period: "+010000-01-03" }], "week", (period) => ({ period }))).toThrow(
      RangeError,
    );
    expect(() => fillPeriods([{ period: "2001" }, { period: "9999" }], "year", (period) => ({ period }))).toThrow(/longer than/);
    expect(() => periodOf("9999-12-31", "week")).toThrow(/outside 1800–2100/);
  });
});
