"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { addEvent } from "@/lib/dal/events";

/** The form's fields; the event itself is checked by the DAL. */
const eventForm = z.object({
  day: z.string(),
  label: z.string(),
  pair: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[A-Z]{3}>[A-Z]{3}$/).optional()),
});

export async function addEventAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = eventForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const [countryA, countryB] = parsed.data.pair?.split(">") ?? [];
  const result = await runAction((ctx) => addEvent(ctx, { day: parsed.data.day, label: parsed.data.label, countryA: countryA ?? null, countryB: countryB ?? null }));
  if (result.ok) revalidatePath("/dashboard");
  return result;
}
