"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { recordIdSchema, themeSlugSchema } from "@/lib/validation";

const tagChangeSchema = z.object({
  statementId: recordIdSchema,
  theme: themeSlugSchema,
  version: recordIdSchema,
  change: z.enum(["add", "remove"]),
});

export const changeThemeTag = action(tagChangeSchema, async (ctx, { change, ...input }) => {
  const result = await (change === "add" ? addThemeTag(ctx, input) : removeThemeTag(ctx, input));
  revalidatePath(`/statements/${input.statementId}`);
  return result;
});
