import { boolean, index, integer, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import { countries } from "./countries";
import { pairOriginEnum } from "./enums";
import { statements } from "./statements";

/** A directed country pair a statement speaks to: speaker's country → counterpart. */
export const statementPairs = pgTable(
  "statement_pairs",
  {
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    speakerIso3: varchar("speaker_iso3", { length: 3 })
      .notNull()
      .references(() => countries.iso3),
    counterpartIso3: varchar("counterpart_iso3", { length: 3 })
      .notNull()
      .references(() => countries.iso3),
    origin: pairOriginEnum("origin").notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
    mentions: integer("mentions").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.speakerIso3, t.counterpartIso3] }),
    index("statement_pairs_pair_idx").on(t.speakerIso3, t.counterpartIso3),
  ],
);
