import { z } from "zod";
import { pairSeriesQuerySchema, type PairSeriesQuery } from "./pair-series";
import { DalError } from "./errors";

/**
 * Reads a series query from URL parameters, the form shared by the dashboard and /api/v1/series:
 * pair=USA>AZE (repeatable, up to 4; or speaker=USA&counterpart=AZE), theme=energy-security (repeatable), both=1, from, to, interval,
 * measure=statements|passages, scale=count|share.
 */
export function seriesQueryFromParams(params: URLSearchParams): PairSeriesQuery {
  const named = params.getAll("pair");
  if (named.length === 0 && params.get("speaker") && params.get("counterpart")) named.push(`${params.get("speaker")}>${params.get("counterpart")}`);
  const raw = {
    pairs: named.map((p) => {
      const [speaker, counterpart] = p.split(/>|→|-/);
      return { speaker, counterpart };
    }),
    bothDirections: params.get("both") === "1" || params.get("both") === "true",
    themes: params.getAll("theme"),
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    interval: params.get("interval") || undefined,
    measure: params.get("measure") || undefined,
    scale: params.get("scale") || undefined,
  };
  const parsed = pairSeriesQuerySchema.safeParse(raw);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
}
