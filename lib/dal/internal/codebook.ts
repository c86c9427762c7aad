import { asc, desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { codebookVersions, themes } from "@/db/schema";
import { compileCodebook } from "@/lib/engine/tag";
import type { ThemeDefinition } from "@/lib/engine/types";
import type { ActiveCodebook } from "@/lib/ingest/pipeline";

/** The themes as the engine sees them, with parents by slug. */
export async function themeDefinitions(db: Db): Promise<ThemeDefinition[]> {
  const rows = await db.select().from(themes).orderBy(asc(themes.id));
  const slugById = new Map(rows.map((r) => [r.id, r.slug]));
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    color: r.color,
    parent: r.parentId === null ? null : (slugById.get(r.parentId) ?? null),
    enabled: r.enabled,
    rules: r.rules,
  }));
}

const compiled = new WeakMap<Db, ActiveCodebook>();

/** The latest codebook version, compiled once per version (and database). */
export async function activeCodebook(db: Db): Promise<ActiveCodebook> {
  const [latest] = await db
    .select({ version: codebookVersions.version })
    .from(codebookVersions)
    .orderBy(desc(codebookVersions.version))
    .limit(1);
  const version = latest?.version ?? 0;
  const cached = compiled.get(db);
  if (cached?.version === version) return cached;
  const active = { version, compiled: compileCodebook((await themeDefinitions(db)).filter((t) => t.enabled)) };
  compiled.set(db, active);
  return active;
}
