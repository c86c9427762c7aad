"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/action";
import type { DalContext } from "@/lib/dal/context";
import { recordIdSchema } from "@/lib/dal/filters";
import type { EditResult } from "@/lib/dal/history";
import { restoreStatement } from "@/lib/dal/history";
import { markReviewed } from "@/lib/dal/review";
import { setPairs, updateMetadata } from "@/lib/dal/statement-edits";
import { acceptSuggestions, addSpanTag, decideTag, togglePassageTheme } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";

const positive = recordIdSchema;
const target = { statementId: positive, version: positive };
const theme = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Every edit here: parse, one DAL call carrying the version it was made against, refresh the pages that show it. */
async function edit<S extends z.ZodType>(schema: S, input: unknown, call: (ctx: DalContext, value: z.infer<S>) => Promise<EditResult>): Promise<ActionResult<EditResult>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: `That request was not understood (${parsed.error.issues[0]?.message ?? "invalid"}); nothing was changed.` };
  const result = await runAction((ctx) => call(ctx, parsed.data));
  if (result.ok) {
    const statementId = (parsed.data as { statementId: number }).statementId;
    revalidatePath(`/review/${statementId}`);
    revalidatePath(`/statements/${statementId}`);
  }
  return result;
}

export async function decideTagAction(input: unknown) {
  const schema = z.object({ ...target, tagId: positive, decision: z.enum(["accepted", "rejected"]) });
  return edit(schema, input, decideTag);
}

export async function acceptSuggestionsAction(input: unknown) {
  return edit(z.object({ ...target, passageId: positive.nullable() }), input, acceptSuggestions);
}

export async function togglePassageThemeAction(input: unknown) {
  return edit(z.object({ ...target, passageId: positive, theme }), input, togglePassageTheme);
}

export async function addSpanTagAction(input: unknown) {
  const offset = z.number().int();
  return edit(z.object({ ...target, passageId: positive, theme, start: offset, end: offset }), input, addSpanTag);
}

export async function setToneAction(input: unknown) {
  const schema = z.object({ ...target, passageId: positive.nullable(), value: z.number().int().min(-2).max(2).nullable(), note: z.string().max(2000).nullable().optional() });
  return edit(schema, input, setToneOverride);
}

export async function updateMetadataAction(input: unknown) {
  const nullableText = z.string().nullable();
  const schema = z.object({
    ...target,
    metadata: z.object({
      title: z.string(),
      date: nullableText,
      datePrecision: z.enum(["day", "month", "year"]).nullable(),
      speakerName: nullableText,
      speakerTitle: nullableText,
      speakerCountry: nullableText,
      venue: nullableText,
      sourceUrl: nullableText,
      kind: z.string(),
    }),
  });
  return edit(schema, input, updateMetadata);
}

export async function setPairsAction(input: unknown) {
  const pair = z.object({ speakerIso3: z.string().max(20), counterpartIso3: z.string().max(20), isPrimary: z.boolean() });
  return edit(z.object({ ...target, pairs: z.array(pair).max(100) }), input, setPairs);
}

export async function markReviewedAction(input: unknown) {
  return edit(z.object(target), input, markReviewed);
}

/** Undo and restore: puts back the state recorded before an audited change. */
export async function restoreAction(input: unknown) {
  return edit(z.object({ ...target, auditId: positive }), input, restoreStatement);
}
