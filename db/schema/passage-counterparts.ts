import { boolean, index, integer, jsonb, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import type { CounterpartEvidence } from "@/lib/engine/types";
import { countries } from "./countries";
import { passages } from "./passages";

/**
 * A country a passage speaks to (addressed) or only names in passing, with the evidence: the mentions and how
 * they name it, or the statement context it was inherited from. What the text says; staff's pairs are in
 * statement_pairs.
 */
export const passageCounterparts = pgTable(
  "passage_counterparts",
  {
    passageId: integer("passage_id")
      .notNull()
      .references(() => passages.id, { onDelete: "cascade" }),
    iso3: varchar("iso3", { length: 3 })
      .notNull()
      .references(() => countries.iso3),
    addressed: boolean("addressed").notNull(),
    evidence: jsonb("evidence").$type<CounterpartEvidence[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.passageId, t.iso3] }), index("passage_counterparts_iso3_idx").on(t.iso3)],
);
