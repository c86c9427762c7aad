"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createTheme, updateTheme, updateThemeRules } from "@/lib/dal/codebook-admin";
import { previewThemeRules } from "@/lib/dal/codebook-preview";
import { checkboxSchema, themeSlugSchema } from "@/lib/validation";

const lines = z.preprocess(
  (v) =>
    String(v ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  z.array(z.string()),
);
const version = z.coerce.number().int().min(0);

const rulesSchema = z.object({
  slug: themeSlugSchema,
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

export const updateThemeRulesAction = action(
  rulesSchema.extend({ version, enabled: checkboxSchema }),
  async (ctx, { slug, version, enabled, ...rules }) => {
    const saved = await updateThemeRules(ctx, { slug, version, enabled, rules: rulesOf(rules) });
    revalidatePath("/codebook");
    return saved;
  },
);

/** What the draft rules in the form would match, before saving; reads only. */
export const previewRulesAction = action(rulesSchema, (ctx, { slug, ...rules }) => previewThemeRules(ctx, { slug, rules: rulesOf(rules) }));

/** The slug is checked by the DAL, whose wording names the theme's short name. */
const fieldsSchema = z.object({
  slug: z.string().trim().toLowerCase(),
  name: z.string(),
  color: z.string(),
  parent: z.preprocess((v) => (v ? v : null), z.string().nullable()),
  enabled: checkboxSchema,
  version,
});

export const createThemeAction = action(fieldsSchema, async (ctx, fields) => {
  const created = await createTheme(ctx, fields);
  revalidatePath("/codebook");
  return created;
});

export const updateThemeAction = action(fieldsSchema, async (ctx, fields) => {
  const updated = await updateTheme(ctx, fields);
  revalidatePath("/codebook");
  return updated;
});
