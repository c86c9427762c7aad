import { index, integer, jsonb, pgTable, real, serial, timestamp } from "drizzle-orm/pg-core";
import type { ThemeEvidence } from "@/lib/engine/types";
import { tagOriginEnum, tagStatusEnum } from "./enums";
import { passages } from "./passages";
import { statements } from "./statements";
import { themes } from "./themes";
import { users } from "./users";

/** A theme on a statement, optionally on one passage and a span inside it. */
export const tags = pgTable(
  "tags",
  {
    id: serial("id").primaryKey(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    passageId: integer("passage_id").references(() => passages.id, { onDelete: "cascade" }),
    spanStart: integer("span_start"),
    spanEnd: integer("span_end"),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id),
    origin: tagOriginEnum("origin").notNull(),
    status: tagStatusEnum("status").notNull(),
    confidence: real("confidence"),
    evidence: jsonb("evidence").$type<ThemeEvidence[]>().notNull().default([]),
    codebookVersion: integer("codebook_version"),
    authorId: integer("author_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tags_statement_idx").on(t.statementId), index("tags_theme_statement_idx").on(t.themeId, t.statementId)],
);
