"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { deleteEvent, updateEvent } from "@/lib/dal/events";
import { recordIdSchema } from "@/lib/dal/filters";

const NOT_UNDERSTOOD = { ok: false as const, error: "That request was not understood; nothing was changed." };
const country = z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().toUpperCase() : null), z.string().nullable());

export async function updateEventAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z
    .object({ id: recordIdSchema, day: z.string(), label: z.string(), countryA: country, countryB: country })
    .safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const { id, ...event } = parsed.data;
  const result = await runAction((ctx) => updateEvent(ctx, id, event).then(() => "Saved."));
  if (result.ok) revalidatePath("/admin/events");
  return result;
}

export async function deleteEventAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ id: recordIdSchema }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const result = await runAction((ctx) => deleteEvent(ctx, parsed.data.id).then(() => "Deleted."));
  if (result.ok) revalidatePath("/admin/events");
  return result;
}
