import { boolean, index, integer, pgTable, real, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { passages } from "./passages";
import { statements } from "./statements";
import { users } from "./users";

/** Who is working a statement now, so two people do not review it unknowingly. Expires on its own. */
export const reviewClaims = pgTable("review_claims", {
  statementId: integer("statement_id")
    .primaryKey()
    .references(() => statements.id, { onDelete: "cascade" }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** A statement a person has marked reviewed, against the codebook version it then carried. */
export const reviewStates = pgTable("review_states", {
  statementId: integer("statement_id")
    .primaryKey()
    .references(() => statements.id, { onDelete: "cascade" }),
  reviewedBy: integer("reviewed_by").references(() => users.id),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  /** The newest codebook version among its tags when reviewed: a later re-tag sends it back to the queue. */
  codebookVersion: integer("codebook_version"),
  /** Coders disagreed on it and nobody has adjudicated yet. */
  disputed: boolean("disputed").notNull().default(false),
});

/**
 * A person's tone (−2..+2) for a passage or, with no passage, for the whole statement. Overrides win: the
 * passage tone the charts read is rewritten from them, and the machine's tone is kept in toneBaselines.
 */
export const toneOverrides = pgTable(
  "tone_overrides",
  {
    id: serial("id").primaryKey(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    passageId: integer("passage_id").references(() => passages.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    note: text("note"),
    authorId: integer("author_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("tone_overrides_target").on(t.statementId, t.passageId).nullsNotDistinct(),
    index("tone_overrides_statement_idx").on(t.statementId),
  ],
);

/** The machine's tone of a statement (no passage) and of each of its passages, saved before the first override. */
export const toneBaselines = pgTable(
  "tone_baselines",
  {
    id: serial("id").primaryKey(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    passageId: integer("passage_id").references(() => passages.id, { onDelete: "cascade" }),
    tone: real("tone"),
  },
  (t) => [unique("tone_baselines_target").on(t.statementId, t.passageId).nullsNotDistinct()],
);
