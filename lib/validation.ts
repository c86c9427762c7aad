import { z } from "zod";
import { THEME_SLUG } from "@/lib/engine/codebook";
import { usableDaySchema } from "@/lib/engine/dates";
import { lookupCountry } from "@/lib/engine/gazetteer";

/**
 * The building blocks every entry (page, route handler, server action, DAL, reader) parses its input with, and
 * the one way zod's refusals are put into words.
 */

/** zod's problems as one line a person can read: "label: describe the event; day: dates are written YYYY-MM-DD". */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message));
  return [...new Set(lines)].join("; ") || "that value was not understood";
}

export const MAX_PAGE = 100_000;
/** Ids are Postgres integers: past 2³¹ − 1 no record can exist, and the query itself would fail. */
export const MAX_ID = 2 ** 31 - 1;

/** A page number from a URL or form: a whole number from 1 to MAX_PAGE ("1e22", "0", "x" are refused). */
export const pageNumberSchema = z.coerce
  .number({ error: "a page number is a number" })
  .int("a page number is a whole number")
  .min(1, "pages start at 1")
  .max(MAX_PAGE, `there are at most ${MAX_PAGE.toLocaleString("en")} pages`);

/** A statement's language as stored (statements.language): an ISO 639 code such as en, ru, az. */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, "a language is a two- or three-letter code such as en or ru");

/** A record's id from a URL, a form or a call: digits only, 1 to MAX_ID ("1e3", "0x10", "4.0" are refused). */
export const recordIdSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,12}$/, "an id is a whole number"),
  ])
  .transform(Number)
  .pipe(z.number().int("an id is a whole number").min(1, "ids start at 1").max(MAX_ID, "no record has an id that large"));

/** An id, or null when it is not one any record could have (the caller answers 404 or "no such record"). */
export function parseId(value: unknown): number | null {
  const parsed = recordIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Free text as the database can store it: Postgres refuses NUL bytes, so they are refused here with a message. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !v.includes("\u0000"), "text cannot contain NUL characters");

const ISO3 = /^[A-Z]{3}$/;

/** A country as its ISO 3166 alpha-3 code, any case and spacing given ("aze " → "AZE"). */
export const iso3Schema = z.string().trim().toUpperCase().regex(ISO3, "a country is a three-letter ISO code");

/** A theme by its slug (energy-security). */
export const themeSlugSchema = z
  .string()
  .trim()
  .regex(THEME_SLUG, "a theme is given by its slug: 1 to 64 lower-case letters, digits and hyphens");

/** A YYYY-MM-DD day inside the range Dyad charts (lib/engine/dates.ts). */
export const isoDaySchema = usableDaySchema;

/** A form's checkbox: "on" when ticked, absent when not. */
export const checkboxSchema = z.preprocess((v) => v === "on" || v === true, z.boolean());

/** An optional form field: empty or blank text is null, anything else must pass `schema`. */
export const blankAsNull = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
    schema.nullable(),
  ) as unknown as z.ZodType<z.output<S> | null, z.input<S> | null | undefined>;

export interface CountryPair {
  speaker: string;
  counterpart: string;
}

/**
 * A pair as typed in a pair field: speaker and counterpart by name or ISO code, joined by > or →
 * ("Armenia > Azerbaijan", "united states→AZE"; ISO codes may also be joined by -, "USA-AZE"), as ISO codes;
 * or why it is not one. The problem names the side, never echoes the text sent.
 */
export function readPair(text: string): { pair: CountryPair } | { problem: string } {
  const sides = /[>→]/.test(text) ? text.split(/[>→]/) : text.split("-");
  if (sides.length !== 2 || sides.some((s) => s.trim() === "")) {
    return { problem: "write a speaker and a counterpart, by name or ISO code, joined by >, e.g. Armenia > Azerbaijan or USA>AZE" };
  }
  const [speaker, counterpart] = sides.map((s) => lookupCountry(s)?.iso3);
  for (const [side, found] of [
    ["speaker", speaker],
    ["counterpart", counterpart],
  ] as const) {
    if (!found) return { problem: `the ${side} is not a country Dyad knows; use its English name (Armenia) or ISO code (ARM)` };
  }
  return { pair: { speaker: speaker!, counterpart: counterpart! } };
}

/** A pair field's text as a pair of ISO codes (see readPair). */
export const pairTextSchema = z.string().transform((text, ctx): CountryPair => {
  const read = readPair(text);
  if ("pair" in read) return read.pair;
  ctx.addIssue({ code: "custom", message: read.problem });
  return z.NEVER;
});
