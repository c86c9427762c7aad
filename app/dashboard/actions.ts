"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { addEvent } from "@/lib/dal/events";
import { blankAsNull, pairTextSchema } from "@/lib/validation";

/** The form's fields; the day and label are checked by the DAL. No pair: the event is on every chart. */
const eventForm = z.object({ day: z.string(), label: z.string(), pair: blankAsNull(pairTextSchema) });

export const addEventAction = action(eventForm, async (ctx, { day, label, pair }) => {
  const id = await addEvent(ctx, { day, label, countryA: pair?.speaker ?? null, countryB: pair?.counterpart ?? null });
  revalidatePath("/dashboard");
  return id;
});
