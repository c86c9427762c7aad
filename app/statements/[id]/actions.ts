"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction, type ActionResult } from "@/lib/auth/action";
import { recordIdSchema } from "@/lib/dal/filters";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";

const tagChangeSchema = z.object({
  statementId: recordIdSchema,
  theme: z.string().regex(/^[a-z0-9-]{1,64}$/),
  version: recordIdSchema,
  change: z.enum(["add", "remove"]),
});

export async function changeThemeTag(_previous: ActionResult<{ version: number }> | null, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = tagChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: "That request was not understood; nothing was changed." };
  const { change, ...input } = parsed.data;
  const result = await runAction((ctx) => (change === "add" ? addThemeTag(ctx, input) : removeThemeTag(ctx, input)));
  if (result.ok) revalidatePath(`/statements/${input.statementId}`);
  return result;
}
