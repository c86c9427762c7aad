import { index, integer, jsonb, pgTable, real, serial, unique } from "drizzle-orm/pg-core";
import type { ToneWord } from "@/lib/engine/types";
import { statements } from "./statements";

export const passages = pgTable(
  "passages",
  {
    id: serial("id").primaryKey(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    start: integer("start_offset").notNull(),
    end: integer("end_offset").notNull(),
    tone: real("tone"),
    toneWords: jsonb("tone_words").$type<ToneWord[]>().notNull().default([]),
  },
  (t) => [unique("passages_statement_ordinal").on(t.statementId, t.ordinal), index("passages_statement_idx").on(t.statementId)],
);
