import { integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One-time links to set a password: an invitation for a new user, a reset by a manager, or after a restore
 * (restored users have no password). Only a SHA-256 of the secret is kept; a link works once, until it expires.
 */
export const passwordTokens = pgTable("password_tokens", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["invite", "reset", "restore"] }).notNull(),
  secretHash: varchar("secret_hash", { length: 64 }).notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
