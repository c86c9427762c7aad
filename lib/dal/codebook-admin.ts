import { desc, eq, sql } from "drizzle-orm";
import { codebookVersions, themes } from "@/db/schema";
import { themeRulesSchema } from "@/lib/engine/codebook";
import type { ThemeRules } from "@/lib/engine/types";
import { writeAudit } from "./audit";
import { themeDefinitions } from "./codebook";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { queueRetag, runRetagInBackground } from "./retag";

export async function listCodebook(ctx: DalContext) {
  await requirePermission(ctx, "statements:read");
  const [latest] = await ctx.db.select().from(codebookVersions).orderBy(desc(codebookVersions.version)).limit(1);
  return { version: latest?.version ?? 0, changedAt: latest?.createdAt ?? null, themes: await themeDefinitions(ctx.db) };
}

export interface ThemeRuleChange {
  slug: string;
  rules: ThemeRules;
  enabled: boolean;
  /** The codebook version the manager edited; a newer one means someone else changed it first. */
  version: number;
}

/**
 * Changes a theme's rules: validated (literal phrases only), saved as a new codebook version with a snapshot,
 * audited, and followed by a background re-tag that leaves people's accepted and rejected tags alone.
 */
export async function updateThemeRules(ctx: DalContext, change: ThemeRuleChange): Promise<{ version: number }> {
  const actor = await requirePermission(ctx, "codebook:manage");
  const parsed = themeRulesSchema.safeParse(change.rules);
  if (!parsed.success) throw new DalError("invalid", parsed.error.issues.map((i) => `${i.path.join(" ")}: ${i.message}`).join("; "));
  const version = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`lock table codebook_versions in exclusive mode`);
    const [latest] = await tx.select({ version: codebookVersions.version }).from(codebookVersions).orderBy(desc(codebookVersions.version)).limit(1);
    const current = latest?.version ?? 0;
    if (current !== change.version) {
      throw new DalError("conflict", `The codebook changed while you were editing (you had version ${change.version}, it is now version ${current}). Reload; nothing of yours was saved.`);
    }
    const [before] = await tx.select().from(themes).where(eq(themes.slug, change.slug));
    if (!before) throw new DalError("not_found", `There is no theme "${change.slug}".`);
    await tx.update(themes).set({ rules: parsed.data, enabled: change.enabled }).where(eq(themes.slug, change.slug));
    const next = current + 1;
    await tx.insert(codebookVersions).values({ version: next, snapshot: await themeDefinitions(tx), note: `${change.slug} rules changed`, createdBy: actor.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "codebook.update_theme",
      entityType: "theme",
      entityId: change.slug,
      before: { rules: before.rules, enabled: before.enabled },
      after: { rules: parsed.data, enabled: change.enabled, codebookVersion: next },
    });
    await queueRetag(tx, next);
    return next;
  });
  void runRetagInBackground(ctx.db);
  return { version };
}
