import { describeIssues, readPair, type CountryPair } from "@/lib/validation";
import { changesQuerySchema, type ChangesQuery } from "@/lib/dal/changes";
import { pairSeriesQuerySchema, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { DalError } from "@/lib/dal/errors";

/**
 * Reads a series query from URL parameters, the form shared by the dashboard, /api/v1/series, saved views and short
 * links; the DAL takes only the typed query this returns:
 * pair=USA>AZE (repeatable, up to 4; or speaker=USA&counterpart=AZE), theme=energy-security (repeatable), both=1, from, to, interval,
 * measure=statements|passages, scale=count|share, language=en|ru (statements in that language only).
 */
export function seriesQueryFromParams(params: URLSearchParams): PairSeriesQuery {
  const named = params.getAll("pair");
  if (named.length === 0 && params.get("speaker") && params.get("counterpart"))
    named.push(`${params.get("speaker")}>${params.get("counterpart")}`);
  const raw = {
    pairs: named.map((text, i) => pairFromText(text, i)),
    bothDirections: params.get("both") === "1" || params.get("both") === "true",
    themes: params.getAll("theme"),
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    interval: params.get("interval") || undefined,
    measure: params.get("measure") || undefined,
    scale: params.get("scale") || undefined,
    language: params.get("language") || undefined,
  };
  const parsed = pairSeriesQuerySchema.safeParse(raw);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

/** A pair field's text (see readPair) as ISO codes, or a refusal naming the pair by its place, not the text sent. */
export function pairFromText(text: string, index = 0): CountryPair {
  const read = readPair(text);
  if ("problem" in read) throw new DalError("invalid", `Pair ${index + 1}: ${read.problem}.`);
  return read.pair;
}

/** The same parameters with each pair= written as ISO codes (USA>AZE), for parsers that read only codes. */
export function withIsoPairs(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  let i = 0;
  for (const [key, value] of params) {
    if (key !== "pair" || value.trim() === "") out.append(key, value);
    else {
      const { speaker, counterpart } = pairFromText(value, i++);
      out.append(key, `${speaker}>${counterpart}`);
    }
  }
  return out;
}

/** Query parameters of /api/v1/changes: pair=ARM>AZE (repeatable), theme (repeatable), from, to, interval, limit. */
export function changesQueryFromParams(params: URLSearchParams): ChangesQuery {
  const raw = {
    pairs: params.getAll("pair").map((p) => {
      const [speaker, counterpart] = p.split(/>|→|-/);
      return { speaker, counterpart };
    }),
    themes: params.getAll("theme"),
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    interval: params.get("interval") || undefined,
    limit: params.get("limit") ? Number(params.get("limit")) : undefined,
  };
  const parsed = changesQuerySchema.safeParse(raw);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}
