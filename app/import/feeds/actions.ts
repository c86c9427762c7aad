"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { deleteFeed, FEED_INTERVAL_MINUTES, pollFeedNow, setFeedPaused, subscribeFeed } from "@/lib/dal/feeds";
import { checkboxSchema, iso3Schema, languageSchema, recordIdSchema as id } from "@/lib/validation";

const interval = z.coerce
  .number()
  .int("the interval is a whole number of minutes")
  .min(FEED_INTERVAL_MINUTES.min, `a source is polled at most every ${FEED_INTERVAL_MINUTES.min} minutes`)
  .max(FEED_INTERVAL_MINUTES.max, "a source is polled at least once a week");

export const subscribeFeedAction = action(
  z.object({
    url: z.string().max(2000, "that address is too long"),
    speakerCountry: iso3Schema,
    language: languageSchema,
    intervalMinutes: interval,
  }),
  async (ctx, input) => {
    await subscribeFeed(ctx, input);
    revalidatePath("/import/feeds");
    return "Followed: the first poll runs as soon as a worker is free.";
  },
);

export const pollFeedNowAction = action(z.object({ id }), async (ctx, { id }) => {
  await pollFeedNow(ctx, id);
  revalidatePath("/import/feeds");
  return "Poll queued.";
});

export const pauseFeedAction = action(z.object({ id, paused: checkboxSchema }), async (ctx, { id, paused }) => {
  await setFeedPaused(ctx, id, paused);
  revalidatePath("/import/feeds");
  return paused ? "Paused." : "Resumed.";
});

export const deleteFeedAction = action(z.object({ id }), async (ctx, { id }) => {
  await deleteFeed(ctx, id);
  revalidatePath("/import/feeds");
  return "Deleted.";
});
