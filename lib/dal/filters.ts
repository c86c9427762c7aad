import { z } from "zod";
import { usableDaySchema } from "@/lib/engine/dates";
import { DalError } from "./errors";

/** The building blocks every entry (page, route handler, action, DAL) parses its numbers and free text with. */
export const MAX_PAGE = 100_000;
/** Ids are Postgres integers: past 2³¹ − 1 no record can exist, and the query itself would fail. */
export const MAX_ID = 2 ** 31 - 1;

/** A page number from a URL or form: a whole number from 1 to MAX_PAGE ("1e22", "0", "x" are refused). */
export const pageNumberSchema = z.coerce
  .number({ error: "a page number is a number" })
  .int("a page number is a whole number")
  .min(1, "pages start at 1")
  .max(MAX_PAGE, `there are at most ${MAX_PAGE.toLocaleString("en")} pages`);

/** A record's id from a URL or form: digits only, 1 to MAX_ID. */
export const recordIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d{1,12}$/, "an id is a whole number")])
  .transform(Number)
  .pipe(z.number().int("an id is a whole number").min(1, "ids start at 1").max(MAX_ID, "no record has an id that large"));

/** Free text as the database can store it: Postgres refuses NUL bytes, so they are refused here with a message. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !v.includes("\u0000"), "text cannot contain NUL characters");

/** An id, or null when it is not one any record could have (the caller answers 404 or "no such record"). */
export function parseId(value: unknown): number | null {
  const parsed = recordIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A page number, or a refusal with a message (400 from a route handler, a notice on a page). */
export function parsePage(given: unknown): number {
  const value = Array.isArray(given) ? given[0] : given;
  if (value === undefined || value === null || value === "") return 1;
  const parsed = pageNumberSchema.safeParse(value);
  if (!parsed.success) throw new DalError("invalid", `That page number cannot be used: ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

/** For a page: its page number, or the message to show instead of the list. */
export function pageOrProblem(value: unknown): { page: number; problem: null } | { page: null; problem: string } {
  try {
    return { page: parsePage(value), problem: null };
  } catch (error) {
    if (error instanceof DalError) return { page: null, problem: error.message };
    throw error;
  }
}

/** The first problem zod found, as one line a person can read: "actor: text cannot contain NUL characters". */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "value"}: ${issue.message}` : "that value was not understood";
}

const iso3 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "a country is a three-letter ISO code");
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,64}$/, "a theme is given by its slug");
export const iso3Schema = iso3;
/** A statement's language as stored (statements.language): an ISO 639 code such as en, ru, az. */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, "a language is a two- or three-letter code such as en or ru");
/** The languages a filter offers; others can still be typed into the URL. */
export const LANGUAGE_CHOICES = [
  { code: "en", name: "English" },
  { code: "ru", name: "Russian" },
] as const;

export function languageName(code: string): string {
  return LANGUAGE_CHOICES.find((l) => l.code === code)?.name ?? code;
}
export const themeSlugSchema = slug;

/** The filters shared by the dashboard, the statement list and exports, as they arrive in a URL. */
export const statementFilterSchema = z.object({
  speaker: iso3.optional(),
  counterpart: iso3.optional(),
  theme: slug.optional(),
  from: usableDaySchema.optional(),
  to: usableDaySchema.optional(),
  language: languageSchema.optional(),
});
export type StatementFilter = z.infer<typeof statementFilterSchema>;

/** Text matched literally inside a LIKE pattern: a typed % or _ is a character, not a wildcard. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page's searchParams as URLSearchParams, repeated keys kept and empty values left out. */
export function toUrlParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) if (v) url.append(key, v);
  return url;
}

/**
 * Reads URL search params strictly: a value the schema refuses is a DalError("invalid") naming the field, so a
 * route handler answers 400 and a page can say what was wrong. Unknown keys and empty values are left out.
 */
export function readSearchParams<T extends z.ZodObject>(
  schema: T,
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): z.infer<T> {
  const entries =
    params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const given = Object.fromEntries(entries.filter(([key, value]) => typeof key === "string" && value !== undefined && value !== "" && key in schema.shape));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

/** Reads URL search params leniently: an invalid value is dropped rather than failing the page. */
export function parseSearchParams<T extends z.ZodObject>(
  schema: T,
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): z.infer<T> {
  const entries =
    params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const clean: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (typeof key !== "string" || value === undefined || value === "" || !(key in schema.shape)) continue;
    const field = schema.shape[key] as z.ZodType;
    const parsed = field.safeParse(value);
    if (parsed.success) clean[key] = parsed.data;
  }
  return schema.parse(clean);
}
