"use server";

import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { draftFromSource, importDraft, previewDraft, type ImportSource } from "@/lib/dal/imports";
import type { StatementDraft } from "@/lib/ingest/draft";
import { usableDaySchema } from "@/lib/engine/dates";
import { LIMITS } from "@/lib/ingest/limits";

const sourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("paste"), text: z.string().max(LIMITS.statementChars), html: z.coerce.boolean().default(false) }),
  z.object({ kind: z.literal("file"), file: z.instanceof(File) }),
  z.object({ kind: z.literal("url"), url: z.string().trim().min(1).max(2000) }),
]);

/** Step 1: read the source and show what the engine makes of it. Nothing is saved. */
export async function previewImportAction(form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = sourceSchema.safeParse({
    kind: form.get("kind"),
    text: form.get("text") ?? undefined,
    html: form.get("html") === "on",
    file: form.get("file") ?? undefined,
    url: form.get("url") ?? undefined,
  });
  if (!parsed.success) return { ok: false as const, error: "Paste some text, choose a file or give a web address." };
  return runAction(async (ctx) => {
    const source: ImportSource =
      parsed.data.kind === "file"
        ? { kind: "file", name: parsed.data.file.name, bytes: new Uint8Array(await parsed.data.file.arrayBuffer()) }
        : parsed.data;
    return previewDraft(ctx, await draftFromSource(ctx, source));
  });
}

const iso3 = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "countries are three-letter ISO codes");
const optional = (schema: z.ZodString) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const draftSchema = z.object({
  raw: z.string().min(1).max(LIMITS.statementChars),
  format: z.enum(["text", "html"]),
  title: optional(z.string().trim().max(500)),
  date: optional(usableDaySchema),
  datePrecision: z.enum(["day", "month", "year"]).default("day"),
  speakerName: optional(z.string().trim().max(200)),
  speakerTitle: optional(z.string().trim().max(200)),
  speakerCountry: optional(iso3),
  counterparts: z.preprocess((v) => String(v ?? "").split(/[\s,;]+/).filter(Boolean), z.array(iso3).max(30)),
  venue: optional(z.string().trim().max(200)),
  sourceUrl: optional(z.string().trim().max(2000)), // checked with every other entry in the pipeline (sourceProblem)
  kind: optional(z.string().trim().max(50)),
  language: optional(z.string().trim().max(8)),
});

/** Step 2: save the reviewed statement in one transaction. */
export async function saveImportAction(form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = draftSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false as const, error: issue ? `${issue.path.join(".")}: ${issue.message}` : "That request was not understood." };
  }
  const draft: StatementDraft = parsed.data;
  return runAction((ctx) => importDraft(ctx, draft, { allowNoSpeaker: form.get("withoutSpeakerCountry") === "on" }));
}
