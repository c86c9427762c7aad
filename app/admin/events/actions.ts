"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { deleteEvent, updateEvent } from "@/lib/dal/events";
import { blankAsNull, iso3Schema, recordIdSchema as id } from "@/lib/validation";

/** The day and label are checked by the DAL, which words what is wrong with them. */
const country = blankAsNull(iso3Schema);

export const updateEventAction = action(
  z.object({ id, day: z.string(), label: z.string(), countryA: country, countryB: country }),
  async (ctx, { id, ...event }) => {
    await updateEvent(ctx, id, event);
    revalidatePath("/admin/events");
    return "Saved.";
  },
);

export const deleteEventAction = action(z.object({ id }), async (ctx, { id }) => {
  await deleteEvent(ctx, id);
  revalidatePath("/admin/events");
  return "Deleted.";
});
