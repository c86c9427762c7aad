"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { createTheme, updateTheme, updateThemeRules } from "@/lib/dal/codebook-admin";
import { previewThemeRules } from "@/lib/dal/codebook-preview";

const NOT_UNDERSTOOD = { ok: false as const, error: "That request was not understood; nothing was changed." };
const lines = z.preprocess((v) => String(v ?? "").split("\n").map((l) => l.trim()).filter(Boolean), z.array(z.string()));
const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);
const checkbox = z.preprocess((v) => v === "on", z.boolean());

const rulesSchema = z.object({
  slug,
  phrases: lines,
  aliases: lines,
  exclusions: lines,
  ruPhrases: lines,
  ruExclusions: lines,
  weight: z.coerce.number(),
  threshold: z.coerce.number(),
});

/** The form's fields as rules: English phrases at the top level, the Russian ones under `ru` (ThemeRules). */
function rulesOf({ ruPhrases, ruExclusions, ...rules }: Omit<z.infer<typeof rulesSchema>, "slug">) {
  return { ...rules, ru: { phrases: ruPhrases, exclusions: ruExclusions } };
}

export async function updateThemeRulesAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = rulesSchema.extend({ version: z.coerce.number().int().min(0), enabled: checkbox }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const { slug, version, enabled, ...rules } = parsed.data;
  const result = await runAction((ctx) => updateThemeRules(ctx, { slug, version, enabled, rules: rulesOf(rules) }));
  if (result.ok) revalidatePath("/codebook");
  return result;
}

/** What the draft rules in the form would match, before saving; reads only. */
export async function previewRulesAction(form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = rulesSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const { slug, ...rules } = parsed.data;
  return runAction((ctx) => previewThemeRules(ctx, { slug, rules: rulesOf(rules) }));
}

const fieldsSchema = z.object({
  slug: z.string().trim().toLowerCase(),
  name: z.string(),
  color: z.string(),
  parent: z.preprocess((v) => (v ? v : null), z.string().nullable()),
  enabled: checkbox,
  version: z.coerce.number().int().min(0),
});

export async function createThemeAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = fieldsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const result = await runAction((ctx) => createTheme(ctx, parsed.data));
  if (result.ok) revalidatePath("/codebook");
  return result;
}

export async function updateThemeAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = fieldsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const result = await runAction((ctx) => updateTheme(ctx, parsed.data));
  if (result.ok) revalidatePath("/codebook");
  return result;
}
