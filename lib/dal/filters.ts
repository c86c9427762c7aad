import { z } from "zod";
import { describeIssues, iso3Schema, isoDaySchema, languageSchema, pageNumberSchema, themeSlugSchema } from "@/lib/validation";
import { DalError } from "./errors";

/** A page number, or a refusal with a message (400 from a route handler, a notice on a page). */
export function parsePage(given: unknown): number {
  const value = Array.isArray(given) ? given[0] : given;
  if (value === undefined || value === null || value === "") return 1;
  const parsed = pageNumberSchema.safeParse(value);
  if (!parsed.success) throw new DalError("invalid", `That page number cannot be used: ${describeIssues(parsed.error)}.`);
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

/** The languages a filter offers; others can still be typed into the URL. */
export const LANGUAGE_CHOICES = [
  { code: "en", name: "English" },
  { code: "ru", name: "Russian" },
] as const;

export function languageName(code: string): string {
  return LANGUAGE_CHOICES.find((l) => l.code === code)?.name ?? code;
}

/** The filters shared by the dashboard, the statement list and exports, as they arrive in a URL. */
export const statementFilterSchema = z.object({
  speaker: iso3Schema.optional(),
  counterpart: iso3Schema.optional(),
  theme: themeSlugSchema.optional(),
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
  language: languageSchema.optional(),
});
export type StatementFilter = z.infer<typeof statementFilterSchema>;

/** Text matched literally inside a LIKE pattern: a typed % or _ is a character, not a wildcard. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
