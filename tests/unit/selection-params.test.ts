import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { selectionToParams } from "@/lib/engine/selection-params";
import { INTERVALS } from "@/lib/engine/periods";
import { REPORT_SECTIONS, specFromParams } from "@/lib/export/report-spec";

const COUNTRIES = ["USA", "AZE", "ARM", "RUS", "GEO", "TUR", "IRN", "FRA"];
const pair = fc
  .record({ speaker: fc.constantFrom(...COUNTRIES), counterpart: fc.constantFrom(...COUNTRIES) })
  .filter((p) => p.speaker !== p.counterpart);
const day = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const selection = fc.record({
  pairs: fc.array(pair, { minLength: 1, maxLength: 4 }),
  themes: fc.uniqueArray(fc.constantFrom("energy-security", "democracy", "nagorno-karabakh", "counterterrorism"), { minLength: 1 }),
  bothDirections: fc.boolean(),
  from: fc.option(day, { nil: undefined }),
  to: fc.option(day, { nil: undefined }),
  interval: fc.constantFrom(...INTERVALS),
  measure: fc.constantFrom("statements" as const, "passages" as const),
});

describe("selectionToParams: one URL form for the dashboard, saved views, short links and reports", () => {
  it("is read back unchanged as a dashboard query", () => {
    fc.assert(
      fc.property(selection, fc.constantFrom("count" as const, "share" as const), (s, scale) => {
        const query = { ...s, scale };
        expect(seriesQueryFromParams(selectionToParams(query))).toEqual(query);
      }),
    );
  });

  it("is read back unchanged as a report spec, sections and top included", () => {
    fc.assert(
      fc.property(
        selection.filter((s) => !s.from || !s.to || s.from <= s.to),
        fc.uniqueArray(fc.constantFrom(...REPORT_SECTIONS), { minLength: 1 }),
        fc.integer({ min: 1, max: 20 }),
        (s, sections, passagesPerTheme) => {
          const spec = { ...s, sections, passagesPerTheme };
          const parsed = specFromParams(selectionToParams(spec));
          expect(parsed.success && parsed.data).toEqual(spec);
        },
      ),
    );
  });

  it("writes the dashboard's parameters in the order short links were made with", () => {
    const params = selectionToParams({
      pairs: [{ speaker: "USA", counterpart: "AZE" }],
      themes: ["democracy"],
      bothDirections: true,
      interval: "year",
      measure: "statements",
      scale: "count",
    });
    expect(params.toString()).toBe("pair=USA%3EAZE&theme=democracy&both=1&interval=year&measure=statements&scale=count");
  });
});
