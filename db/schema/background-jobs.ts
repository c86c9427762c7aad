import { integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";

/**
 * A pass over every statement in batches. The cursor (last statement id done) moves in the same transaction as
 * each batch's changes, so a restarted server resumes exactly where it stopped.
 */
const sweep = () => ({
  id: serial("id").primaryKey(),
  status: text("status", { enum: ["running", "done", "superseded"] })
    .notNull()
    .default("running"),
  cursor: integer("cursor").notNull().default(0),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** Re-tagging after a codebook change. */
export const retagJobs = pgTable("retag_jobs", { ...sweep(), codebookVersion: integer("codebook_version").notNull() });

/** Re-scoring the tone of stored statements after the tone engine changed (a new lexicon or fitted model). */
export const toneRescoreJobs = pgTable("tone_rescore_jobs", { ...sweep(), toneVersion: varchar("tone_version", { length: 16 }).notNull() });
