"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/auth/action";
import { updateThemeRules } from "@/lib/dal/codebook-admin";

const lines = z.preprocess((v) => String(v ?? "").split("\n").map((l) => l.trim()).filter(Boolean), z.array(z.string()));

const changeSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/),
  version: z.coerce.number().int().min(0),
  phrases: lines,
  exclusions: lines,
  weight: z.coerce.number(),
  threshold: z.coerce.number(),
  enabled: z.preprocess((v) => v === "on", z.boolean()),
});

export async function updateThemeRulesAction(_previous: unknown, form: FormData) {
  const parsed = changeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: "That request was not understood; nothing was changed." };
  const { slug, version, enabled, ...rules } = parsed.data;
  const result = await runAction((ctx) => updateThemeRules(ctx, { slug, version, enabled, rules }));
  if (result.ok) revalidatePath("/codebook");
  return result;
}
