import { integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";

/**
 * Re-scoring the tone of stored statements after the tone engine changed (a new lexicon or fitted model). As
 * with re-tagging, the cursor moves in the same transaction as each batch, so a restart resumes where it stopped.
 */
export const toneRescoreJobs = pgTable("tone_rescore_jobs", {
  id: serial("id").primaryKey(),
  toneVersion: varchar("tone_version", { length: 16 }).notNull(),
  status: text("status", { enum: ["running", "done", "superseded"] }).notNull().default("running"),
  cursor: integer("cursor").notNull().default(0),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
