import { index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { passages } from "./passages";
import { statements } from "./statements";
import { users } from "./users";

/** A sample of statements a manager gave to two or more coders, to measure how consistently they code. */
export const agreementSamples = pgTable("agreement_samples", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A statement in a sample, and when its disagreements were settled. */
export const sampleStatements = pgTable(
  "sample_statements",
  {
    sampleId: integer("sample_id")
      .notNull()
      .references(() => agreementSamples.id, { onDelete: "cascade" }),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    adjudicatedBy: integer("adjudicated_by").references(() => users.id),
    adjudicatedAt: timestamp("adjudicated_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.statementId] })],
);

/** One coder's copy of one sampled statement; coders never see each other's answers. */
export const codingAssignments = pgTable(
  "coding_assignments",
  {
    id: serial("id").primaryKey(),
    sampleId: integer("sample_id")
      .notNull()
      .references(() => agreementSamples.id, { onDelete: "cascade" }),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    coderId: integer("coder_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [unique("coding_assignments_once").on(t.sampleId, t.statementId, t.coderId), index("coding_assignments_coder_idx").on(t.coderId)],
);

/** A coder's themes and tone (−2..+2, or none) for one passage. */
export const codingAnswers = pgTable(
  "coding_answers",
  {
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => codingAssignments.id, { onDelete: "cascade" }),
    passageId: integer("passage_id")
      .notNull()
      .references(() => passages.id, { onDelete: "cascade" }),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    tone: smallint("tone"),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.passageId] })],
);
