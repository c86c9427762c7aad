import { sql } from "drizzle-orm";
import { bigint, check, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * One row: a number that moves with every committed write to what a chart, series, drill, statement list or
 * export could show. Caches key their entries by it (lib/dal/read-cache.ts). Triggers in the migration move it
 * at commit of any transaction that wrote statements, passages, tags, tone overrides, pairs, cells, themes,
 * codebook versions, events or countries; no application code has to remember to.
 */
export const dataVersion = pgTable(
  "data_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "bigint" })
      .notNull()
      .default(sql`1`),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("data_version_one_row", sql`${t.id} = 1`)],
);

/** Transactions that wrote and have not committed yet: one row each, removed as the version moves at commit. */
export const dataVersionPending = pgTable("data_version_pending", {
  txid: bigint("txid", { mode: "bigint" }).primaryKey(),
});
