import { integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

export interface RejectedRow {
  row: number;
  reason: string;
}

/** A bulk import: its progress while it runs and its report when it ends. */
export const importJobs = pgTable("import_jobs", {
  id: serial("id").primaryKey(),
  source: text("source").notNull(),
  status: text("status", { enum: ["running", "done", "failed"] })
    .notNull()
    .default("running"),
  processed: integer("processed").notNull().default(0),
  imported: integer("imported").notNull().default(0),
  duplicates: integer("duplicates").notNull().default(0),
  rejected: jsonb("rejected").$type<RejectedRow[]>().notNull().default([]),
  error: text("error"),
  createdBy: integer("created_by").references(() => users.id),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  /** Moved with every progress save while the import runs: a running job that stops moving was interrupted. */
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
