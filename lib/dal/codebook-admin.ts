import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { codebookVersions, themes } from "@/db/schema";
import { themeRulesSchema, validateCodebook } from "@/lib/engine/codebook";
import type { ThemeRules } from "@/lib/engine/types";
import { z } from "zod";
import { writeAudit } from "./internal/audit";
import { themeDefinitions } from "./internal/codebook";
import { requirePermission, type Actor, type DalContext } from "./context";
import { DalError } from "./errors";
import { wakeJobRunners } from "./internal/job-queue";
import { queueRetag } from "./internal/retag";
import { describeIssues, themeSlugSchema } from "@/lib/validation";

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
  const rules = parseRules(change.rules);
  return saveCodebookChange(ctx.db, actor, change.version, `${change.slug} rules changed`, async (tx) => {
    const before = await themeRow(tx, change.slug);
    await tx.update(themes).set({ rules, enabled: change.enabled }).where(eq(themes.slug, change.slug));
    return {
      retag: true,
      audit: {
        action: "codebook.update_theme",
        entityId: change.slug,
        before: { rules: before.rules, enabled: before.enabled },
        after: { rules, enabled: change.enabled },
      },
    };
  });
}

export interface ThemeFields {
  slug: string;
  name: string;
  color: string;
  parent: string | null;
  enabled: boolean;
  version: number;
}

const fieldsSchema = z.object({
  slug: themeSlugSchema,
  name: z.string().trim().min(1, "give the theme a name").max(80, "a theme name is at most 80 characters"),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "pick a colour like #1f77b4"),
  parent: z.string().nullable(),
  enabled: z.boolean(),
  version: z.number().int().min(0),
});

function parseFields(input: ThemeFields): ThemeFields {
  const parsed = fieldsSchema.safeParse(input);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

/** A new theme (with no rules yet, so it tags nothing until a manager gives it phrases). */
export async function createTheme(ctx: DalContext, fields: ThemeFields): Promise<{ version: number }> {
  const actor = await requirePermission(ctx, "codebook:manage");
  const input = parseFields(fields);
  return saveCodebookChange(ctx.db, actor, input.version, `theme ${input.slug} created`, async (tx) => {
    const [taken] = await tx.select({ id: themes.id }).from(themes).where(eq(themes.slug, input.slug));
    if (taken) throw new DalError("conflict", `There is already a theme "${input.slug}".`);
    const rules: ThemeRules = { phrases: [], exclusions: [], weight: 1 };
    await tx.insert(themes).values({
      slug: input.slug,
      name: input.name.trim(),
      color: input.color,
      parentId: await parentId(tx, input.parent),
      enabled: input.enabled,
      rules,
    });
    return {
      retag: false,
      audit: {
        action: "codebook.create_theme",
        entityId: input.slug,
        after: { name: input.name.trim(), color: input.color, parent: input.parent, enabled: input.enabled },
      },
    };
  });
}

/** Renames, recolours, moves under another parent, or switches a theme on or off. */
export async function updateTheme(ctx: DalContext, fields: ThemeFields): Promise<{ version: number }> {
  const actor = await requirePermission(ctx, "codebook:manage");
  const input = parseFields(fields);
  return saveCodebookChange(ctx.db, actor, input.version, `theme ${input.slug} changed`, async (tx) => {
    const before = await themeRow(tx, input.slug);
    const beforeParent = (await themeDefinitions(tx)).find((t) => t.slug === input.slug)?.parent ?? null;
    await tx
      .update(themes)
      .set({ name: input.name.trim(), color: input.color, parentId: await parentId(tx, input.parent), enabled: input.enabled })
      .where(eq(themes.slug, input.slug));
    return {
      // Parents and switching on or off change which tags exist; a name or a colour does not.
      retag: beforeParent !== input.parent || before.enabled !== input.enabled,
      audit: {
        action: "codebook.update_theme",
        entityId: input.slug,
        before: { name: before.name, color: before.color, parent: beforeParent, enabled: before.enabled },
        after: { name: input.name.trim(), color: input.color, parent: input.parent, enabled: input.enabled },
      },
    };
  });
}

interface CodebookChange {
  retag: boolean;
  audit: { action: string; entityId: string; before?: unknown; after: Record<string, unknown> };
}

/**
 * One codebook edit: refused if the codebook moved on since the editor loaded it (stale edit), the whole
 * resulting codebook validated (names, colours, parents, no cycles), saved as the next version with a
 * snapshot and an audit row, all in one transaction; then a background re-tag when tagging changed.
 */
async function saveCodebookChange(
  db: Db,
  actor: Actor,
  editedVersion: number,
  note: string,
  change: (tx: Db) => Promise<CodebookChange>,
): Promise<{ version: number }> {
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`lock table codebook_versions in exclusive mode`);
    const [latest] = await tx
      .select({ version: codebookVersions.version })
      .from(codebookVersions)
      .orderBy(desc(codebookVersions.version))
      .limit(1);
    const current = latest?.version ?? 0;
    if (current !== editedVersion) {
      throw new DalError(
        "conflict",
        `The codebook changed while you were editing (you had version ${editedVersion}, it is now version ${current}). Reload; nothing of yours was saved.`,
      );
    }
    const { retag, audit } = await change(tx);
    const snapshot = await themeDefinitions(tx);
    const valid = validateCodebook(snapshot);
    if (!valid.ok) throw new DalError("invalid", valid.errors.join("; "));
    const next = current + 1;
    await tx.insert(codebookVersions).values({ version: next, snapshot, note, createdBy: actor.id });
    await writeAudit(tx, { actorId: actor.id, entityType: "theme", ...audit, after: { ...audit.after, codebookVersion: next } });
    if (retag) await queueRetag(tx, next);
    return { version: next, retag };
  });
  if (result.retag) wakeJobRunners(); // queued in the transaction; a worker of this process may start at once
  return { version: result.version };
}

export function parseRules(rules: unknown): ThemeRules {
  const parsed = themeRulesSchema.safeParse(rules);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  return parsed.data;
}

async function themeRow(db: Db, slug: string) {
  const [row] = await db.select().from(themes).where(eq(themes.slug, slug));
  if (!row) throw new DalError("not_found", `There is no theme "${slug}".`);
  return row;
}

async function parentId(db: Db, parent: string | null): Promise<number | null> {
  if (parent === null) return null;
  return (await themeRow(db, parent)).id;
}
