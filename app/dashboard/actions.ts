"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/auth/action";
import { addEvent } from "@/lib/dal/events";

const eventSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "give the date as YYYY-MM-DD"),
  label: z.string().trim().min(1, "describe the event").max(200),
  pair: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[A-Z]{3}>[A-Z]{3}$/).optional()),
});

export async function addEventAction(_previous: unknown, form: FormData) {
  const parsed = eventSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const [countryA, countryB] = parsed.data.pair?.split(">") ?? [];
  const result = await runAction((ctx) => addEvent(ctx, { day: parsed.data.day, label: parsed.data.label, countryA, countryB }));
  if (result.ok) revalidatePath("/dashboard");
  return result;
}
