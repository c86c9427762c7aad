import { z } from "zod";
import { INTERVALS } from "@/lib/engine/periods";
import { usableDaySchema } from "@/lib/engine/dates";
import { iso3Schema, languageSchema, themeSlugSchema } from "@/lib/validation";

export const REPORT_SECTIONS = ["summary", "charts", "passages", "tone", "method", "codebook"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_LABELS: Record<ReportSection, string> = {
  summary: "Summary",
  charts: "Charts",
  passages: "Top passages per theme",
  tone: "Tone table",
  method: "Method notes",
  codebook: "Codebook appendix",
};

export const REPORT_FORMATS = ["pdf", "xlsx", "csv-statements", "csv-series", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report covers and which sections it has; saved as JSON, so a saved report runs on the data of the day. */
export const reportSpecSchema = z
  .object({
    pairs: z
      .array(z.object({ speaker: iso3Schema, counterpart: iso3Schema }))
      .min(1, "choose at least one country pair")
      .max(4, "at most four pairs"),
    bothDirections: z.boolean().default(false),
    themes: z.array(themeSlugSchema).min(1, "choose at least one theme").max(12, "at most twelve themes"),
    from: usableDaySchema.optional(),
    to: usableDaySchema.optional(),
    interval: z.enum(INTERVALS).default("year"),
    measure: z.enum(["statements", "passages"]).default("statements"),
    sections: z
      .array(z.enum(REPORT_SECTIONS))
      .min(1, "choose at least one section")
      .default([...REPORT_SECTIONS]),
    passagesPerTheme: z.number().int().min(1).max(20).default(5),
    /** Only statements in this language (statements.language); none: every language. */
    language: languageSchema.optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: "the period ends before it starts", path: ["to"] });
export type ReportSpec = z.infer<typeof reportSpecSchema>;

/**
 * A spec from its URL form (written by selectionToParams, lib/engine/selection-params.ts), shared by the builder
 * and the export route: section=… (repeatable; none means all), top=5.
 */
export function specFromParams(params: URLSearchParams): z.ZodSafeParseResult<ReportSpec> {
  const sections = params.getAll("section");
  return reportSpecSchema.safeParse({
    pairs: params
      .getAll("pair")
      .filter(Boolean)
      .map((p) => {
        const [speaker, counterpart] = p.split(/>|→/);
        return { speaker, counterpart };
      }),
    bothDirections: params.get("both") === "1",
    themes: params.getAll("theme"),
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    interval: params.get("interval") || undefined,
    measure: params.get("measure") || undefined,
    sections: sections.length > 0 ? sections : undefined,
    passagesPerTheme: params.get("top") ? Number(params.get("top")) : undefined,
    language: params.get("language") || undefined,
  });
}
