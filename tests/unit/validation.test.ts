import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { COUNTRIES } from "@/lib/engine/countries";
import { EARLIEST_YEAR, LATEST_YEAR } from "@/lib/engine/dates";
import { lookupCountry } from "@/lib/engine/gazetteer";
import {
  blankAsNull,
  checkboxSchema,
  describeIssues,
  iso3Schema,
  isoDaySchema,
  MAX_ID,
  pairTextSchema,
  recordIdSchema,
  themeSlugSchema,
} from "@/lib/validation";

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe("the shared validation blocks", () => {
  it("record ids: every whole number from 1 to 2³¹ − 1, as a number or digits, and nothing else", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ID }), fc.boolean(), (n, asText) => {
        expect(recordIdSchema.parse(asText ? ` ${n} ` : n)).toBe(n);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.maxSafeInteger().filter((n) => n < 1 || n > MAX_ID),
          fc.double({ noInteger: true }),
        ),
        (n) => !ok(recordIdSchema, n) && !ok(recordIdSchema, String(n)),
      ),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^\s*\d+\s*$/.test(s)),
        (s) => !ok(recordIdSchema, s),
      ),
    );
  });

  it("ISO3 codes: three letters in any case and spacing become upper case; anything else is refused", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{3}$/), fc.stringMatching(/^ {0,2}$/), (code, pad) => {
        expect(iso3Schema.parse(`${pad}${code}${pad}`)).toBe(code.toUpperCase());
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[A-Za-z]{3}$/.test(s.trim())),
        (s) => !ok(iso3Schema, s),
      ),
    );
    expect(iso3Schema.safeParse("AZ").error?.issues[0]?.message).toBe("a country is a three-letter ISO code");
  });

  it("theme slugs: 1 to 64 of a-z, 0-9 and -, nothing else", () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9-]{1,64}$/), (slug) => themeSlugSchema.parse(slug) === slug));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !/^[a-z0-9-]{1,64}$/.test(s.trim())),
        (s) => !ok(themeSlugSchema, s),
      ),
    );
  });

  it("days: every real day in the charted years, and no other text", () => {
    const inRange = fc.date({
      min: new Date(Date.UTC(EARLIEST_YEAR, 0, 1)),
      max: new Date(Date.UTC(LATEST_YEAR, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(fc.property(inRange, (d) => ok(isoDaySchema, d.toISOString().slice(0, 10))));
    const outside = fc.oneof(fc.integer({ min: 1000, max: EARLIEST_YEAR - 1 }), fc.integer({ min: LATEST_YEAR + 1, max: 9999 }));
    fc.assert(fc.property(outside, (year) => !ok(isoDaySchema, `${year}-06-15`)));
    fc.assert(
      fc.property(
        fc.integer({ min: EARLIEST_YEAR, max: LATEST_YEAR }),
        (year) => ok(isoDaySchema, `${year}-02-29`) === new Date(Date.UTC(year, 1, 29)).getUTCDate() > 1,
      ),
    );
    expect(isoDaySchema.safeParse("2020-02-30").error?.issues[0]?.message).toBe("2020-02-30 does not exist");
  });

  it("pair text: any two countries by code or English name, joined by > or →, in any case", () => {
    const named = COUNTRIES.filter((c) => lookupCountry(c.name)?.iso3 === c.iso3);
    const country = fc.constantFrom(...named);
    const side = (c: (typeof named)[number]) => fc.constantFrom(c.iso3, c.iso3.toLowerCase(), c.name, c.name.toUpperCase());
    fc.assert(
      fc.property(
        country.chain((a) =>
          country.chain((b) => fc.tuple(fc.constant(a), fc.constant(b), side(a), side(b), fc.constantFrom(">", " > ", "→", " → "))),
        ),
        ([a, b, left, right, join]) => {
          expect(pairTextSchema.parse(`${left}${join}${right}`)).toEqual({ speaker: a.iso3, counterpart: b.iso3 });
        },
      ),
    );
    fc.assert(
      fc.property(country, country, (a, b) => {
        expect(pairTextSchema.parse(`${a.iso3}-${b.iso3}`)).toEqual({ speaker: a.iso3, counterpart: b.iso3 });
      }),
    );
    expect(pairTextSchema.safeParse("Narnia > Azerbaijan").error?.issues[0]?.message).toMatch(/speaker is not a country Dyad knows/);
    expect(pairTextSchema.safeParse("Armenia").error?.issues[0]?.message).toMatch(/write a speaker and a counterpart/);
  });

  it("blank form fields are null; a checkbox is ticked only by 'on'", () => {
    fc.assert(fc.property(fc.stringMatching(/^\s*$/), (blank) => blankAsNull(iso3Schema).parse(blank) === null));
    expect(blankAsNull(iso3Schema).parse(" aze")).toBe("AZE");
    expect(blankAsNull(iso3Schema).safeParse("Azerbaijan").success).toBe(false);
    expect(checkboxSchema.parse("on")).toBe(true);
    fc.assert(fc.property(fc.option(fc.string().filter((s) => s !== "on")), (v) => checkboxSchema.parse(v ?? undefined) === false));
  });

  it("describeIssues names every field and problem once, in one line", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }), (fields) => {
        const schema = z.object(Object.fromEntries(fields.map((f) => [f, iso3Schema])));
        const error = schema.safeParse(Object.fromEntries(fields.map((f) => [f, "??"]))).error!;
        const line = describeIssues(error);
        expect(line).not.toContain("\n");
        for (const f of fields) expect(line).toContain(`${f}: a country is a three-letter ISO code`);
        expect(line.split("; ")).toHaveLength(fields.length);
      }),
    );
    expect(describeIssues(iso3Schema.safeParse(4).error!)).toMatch(/^Invalid input/);
  });
});
