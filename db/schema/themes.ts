import { boolean, integer, jsonb, pgTable, serial, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { ThemeDefinition, ThemeRules } from "@/lib/engine/types";
import { users } from "./users";

export const themes = pgTable("themes", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  color: text("color").notNull(),
  parentId: integer("parent_id").references((): AnyPgColumn => themes.id),
  enabled: boolean("enabled").notNull().default(true),
  rules: jsonb("rules").$type<ThemeRules>().notNull(),
});

/** Every codebook change makes a new version; tags record the version that produced them. */
export const codebookVersions = pgTable("codebook_versions", {
  version: integer("version").primaryKey(),
  snapshot: jsonb("snapshot").$type<ThemeDefinition[]>().notNull(),
  note: text("note"),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
