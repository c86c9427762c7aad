import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Re-tagging after a codebook change. The cursor (last statement id done) moves in the same transaction as
 * each batch's tags, so a restarted server resumes exactly where it stopped.
 */
export const retagJobs = pgTable("retag_jobs", {
  id: serial("id").primaryKey(),
  codebookVersion: integer("codebook_version").notNull(),
  status: text("status", { enum: ["running", "done", "superseded"] }).notNull().default("running"),
  cursor: integer("cursor").notNull().default(0),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
