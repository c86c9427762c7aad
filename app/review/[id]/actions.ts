"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import type { DalContext } from "@/lib/dal/context";
import { restoreStatement, type EditResult } from "@/lib/dal/history";
import { markReviewed } from "@/lib/dal/review";
import { metadataSchema, pairsSchema, setPairs, updateMetadata } from "@/lib/dal/statement-edits";
import { acceptSuggestions, addSpanTag, decideTag, togglePassageTheme } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { recordIdSchema as positive, themeSlugSchema as theme } from "@/lib/validation";

const target = { statementId: positive, version: positive };

/** Every edit here: one DAL call carrying the version it was made against, then a refresh of the pages that show it. */
function edit<S extends z.ZodObject<typeof target>>(schema: S, call: (ctx: DalContext, value: z.output<S>) => Promise<EditResult>) {
  return inputAction(schema, async (ctx, value) => {
    const result = await call(ctx, value);
    revalidatePath(`/review/${value.statementId}`);
    revalidatePath(`/statements/${value.statementId}`);
    return result;
  });
}

export const decideTagAction = edit(z.object({ ...target, tagId: positive, decision: z.enum(["accepted", "rejected"]) }), decideTag);

export const acceptSuggestionsAction = edit(z.object({ ...target, passageId: positive.nullable() }), acceptSuggestions);

export const togglePassageThemeAction = edit(z.object({ ...target, passageId: positive, theme }), togglePassageTheme);

const offset = z.number().int();
export const addSpanTagAction = edit(z.object({ ...target, passageId: positive, theme, start: offset, end: offset }), addSpanTag);

export const setToneAction = edit(
  z.object({
    ...target,
    passageId: positive.nullable(),
    value: z.number().int().min(-2).max(2).nullable(),
    note: z.string().max(2000).nullable().optional(),
  }),
  setToneOverride,
);

export const updateMetadataAction = edit(z.object({ ...target, metadata: metadataSchema }), updateMetadata);

export const setPairsAction = edit(z.object({ ...target, pairs: pairsSchema }), setPairs);

export const markReviewedAction = edit(z.object(target), markReviewed);

/** Undo and restore: puts back the state recorded before an audited change. */
export const restoreAction = edit(z.object({ ...target, auditId: positive }), restoreStatement);
