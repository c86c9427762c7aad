import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The work queue every instance shares: a worker claims a job with FOR UPDATE SKIP LOCKED and holds it by a
 * lease it renews while working; a job whose lease ran out (its worker died) is taken over by the next claim.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: serial("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /** At most one queued job per key: asking again for work already queued adds nothing. */
    dedupeKey: text("dedupe_key"),
    state: text("state", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    /** Not claimed before this: the backoff after a failed attempt. */
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    progress: jsonb("progress").$type<Record<string, unknown>>(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_claimable_idx").on(t.state, t.runAfter, t.id),
    uniqueIndex("jobs_one_queued_per_key_idx")
      .on(t.dedupeKey)
      .where(sql`${t.state} = 'queued'`),
  ],
);
