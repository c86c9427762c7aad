"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { action } from "@/lib/auth/action";
import { deleteView, replaceFeedToken, saveView } from "@/lib/dal/saved-views";
import { shortLinkFor } from "@/lib/dal/short-links";
import { recordIdSchema as id } from "@/lib/validation";

const query = z.string().max(4000, "those filters are too long to save");

export const saveViewAction = action(z.object({ name: z.string().default(""), query }), async (ctx, { name, query }) => {
  const saved = await saveView(ctx, { name, filters: seriesQueryFromParams(new URLSearchParams(query)) });
  revalidatePath("/dashboard");
  return saved;
});

export const deleteViewAction = action(z.object({ id }), async (ctx, { id }) => {
  await deleteView(ctx, id);
  revalidatePath("/views");
  revalidatePath("/dashboard");
});

export const replaceFeedTokenAction = action(z.object({ id }), (ctx, { id }) => replaceFeedToken(ctx, id));

export const shortLinkAction = action(z.object({ query }), (ctx, { query }) =>
  shortLinkFor(ctx, seriesQueryFromParams(new URLSearchParams(query))),
);
