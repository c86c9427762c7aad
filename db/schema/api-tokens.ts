import { integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Personal API tokens: only a SHA-256 of the secret is kept; the token acts with its owner's current role, narrowed
 * to its scopes (lib/dal/permissions.ts), until it expires or is revoked. The DAL reads back only the scopes it
 * knows (isTokenScope), so the schema needs nothing from above it.
 */
export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  prefix: varchar("prefix", { length: 16 }).notNull(),
  secretHash: varchar("secret_hash", { length: 64 }).notNull().unique(),
  scopes: text("scopes").array().$type<string[]>().notNull().default(["read"]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
