import { boolean, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: roleEnum("role").notNull().default("analyst"),
  disabled: boolean("disabled").notNull().default(false),
  /** Carried in every session cookie; bumping it (reset, disable, role change, sign-out) ends all sessions. */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
