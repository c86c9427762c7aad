import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * An analyst's named dashboard filters, shown on their front page with what changed, and readable as an Atom
 * feed at a secret address: only a SHA-256 of the feed token is kept (shown once, replaceable).
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filters: jsonb("filters").notNull(),
    feedTokenHash: varchar("feed_token_hash", { length: 64 }).notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_views_user_name").on(t.userId, t.name)],
);

/** Short shareable addresses (/v/<code>) for a dashboard view: the code stands for the view's query string. */
export const shortLinks = pgTable(
  "short_links",
  {
    code: varchar("code", { length: 16 }).primaryKey(),
    query: text("query").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("short_links_query").on(t.query)],
);
