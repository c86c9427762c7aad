"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { deleteView, replaceFeedToken, saveView } from "@/lib/dal/saved-views";
import { shortLinkFor } from "@/lib/dal/short-links";
import { recordIdSchema as id } from "@/lib/validation";

const query = z.string().max(4000, "those filters are too long to save");

export const saveViewAction = action(z.object({ name: z.string().default(""), query }), async (ctx, input) => {
  const saved = await saveView(ctx, input);
  revalidatePath("/dashboard");
  return saved;
});

export const deleteViewAction = action(z.object({ id }), async (ctx, { id }) => {
  await deleteView(ctx, id);
  revalidatePath("/views");
  revalidatePath("/dashboard");
});

export const replaceFeedTokenAction = action(z.object({ id }), (ctx, { id }) => replaceFeedToken(ctx, id));

export const shortLinkAction = action(z.object({ query }), (ctx, { query }) => shortLinkFor(ctx, query));
