import type { z } from "zod";
import { DalError } from "@/lib/dal/errors";
import { describeIssues } from "@/lib/validation";

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
  const entries = entriesOf(params);
  const given = Object.fromEntries(
    entries.filter(([key, value]) => typeof key === "string" && value !== undefined && value !== "" && key in schema.shape),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

/** Reads URL search params leniently: an invalid value is dropped rather than failing the page. */
export function parseSearchParams<T extends z.ZodObject>(
  schema: T,
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): z.infer<T> {
  const entries = entriesOf(params);
  const clean: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (typeof key !== "string" || value === undefined || value === "" || !(key in schema.shape)) continue;
    const field = schema.shape[key] as z.ZodType;
    const parsed = field.safeParse(value);
    if (parsed.success) clean[key] = parsed.data;
  }
  return schema.parse(clean);
}

/** The (key, value) pairs of a URL's params or a page's searchParams (of a repeated page key, its first value). */
function entriesOf(params: Record<string, string | string[] | undefined> | URLSearchParams): [string, string | undefined][] {
  return params instanceof URLSearchParams
    ? [...params.entries()]
    : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
}
