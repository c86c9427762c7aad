import { integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** A named report a manager saved to run again later, on whatever data there is by then. */
export const reportDefinitions = pgTable("report_definitions", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  spec: jsonb("spec").notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
