import { z } from "zod";
import { usableDaySchema } from "@/lib/engine/dates";

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
export const themeSlugSchema = slug;

/** The filters shared by the dashboard, the statement list and exports, as they arrive in a URL. */
export const statementFilterSchema = z.object({
  speaker: iso3.optional(),
  counterpart: iso3.optional(),
  theme: slug.optional(),
  from: usableDaySchema.optional(),
  to: usableDaySchema.optional(),
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
