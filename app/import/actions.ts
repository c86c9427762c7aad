"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { draftFromSource, importDraft, previewDraft, type ImportSource } from "@/lib/dal/imports";
import { LIMITS } from "@/lib/ingest/limits";
import { checkboxSchema, iso3Schema, isoDaySchema } from "@/lib/validation";

const sourceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("paste"), text: z.string().max(LIMITS.statementChars), html: checkboxSchema }),
    z.object({ kind: z.literal("file"), file: z.instanceof(File, { error: "choose a file" }) }),
    z.object({ kind: z.literal("url"), url: z.string().trim().min(1, "give a web address").max(2000) }),
  ],
  { error: "paste some text, choose a file or give a web address" },
);

/** Step 1: read the source and show what the engine makes of it. Nothing is saved. */
export const previewImportAction = action(sourceSchema, async (ctx, given) => {
  const source: ImportSource =
    given.kind === "file" ? { kind: "file", name: given.file.name, bytes: new Uint8Array(await given.file.arrayBuffer()) } : given;
  return previewDraft(ctx, await draftFromSource(ctx, source));
});

const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const draftSchema = z.object({
  raw: z.string().min(1).max(LIMITS.statementChars),
  format: z.enum(["text", "html"]),
  title: optional(z.string().trim().max(500)),
  date: optional(isoDaySchema),
  datePrecision: z.enum(["day", "month", "year"]).default("day"),
  speakerName: optional(z.string().trim().max(200)),
  speakerTitle: optional(z.string().trim().max(200)),
  speakerCountry: optional(iso3Schema),
  counterparts: z.preprocess(
    (v) =>
      String(v ?? "")
        .split(/[\s,;]+/)
        .filter(Boolean),
    z.array(iso3Schema).max(30),
  ),
  venue: optional(z.string().trim().max(200)),
  sourceUrl: optional(z.string().trim().max(2000)), // checked with every other entry in the pipeline (sourceProblem)
  kind: optional(z.string().trim().max(50)),
  language: optional(z.string().trim().max(8)),
  withoutSpeakerCountry: checkboxSchema,
});

/** Step 2: save the reviewed statement in one transaction. */
export const saveImportAction = action(draftSchema, (ctx, { withoutSpeakerCountry, ...draft }) =>
  importDraft(ctx, draft, { allowNoSpeaker: withoutSpeakerCountry }),
);
