import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { countries } from "./countries";
import { statements } from "./statements";
import { users } from "./users";

/**
 * A followed source: an RSS/Atom feed or a sitemap of press releases, polled by the job runner (kind
 * `feed-poll`). What the last poll found and when the next one is due are kept here for the staff page.
 */
export const feedSources = pgTable("feed_sources", {
  id: serial("id").primaryKey(),
  url: text("url").notNull().unique(),
  /** What the last successful poll found there; null until then. */
  kind: text("kind", { enum: ["rss", "atom", "sitemap", "sitemap-index"] }),
  speakerCountry: varchar("speaker_country", { length: 3 })
    .notNull()
    .references(() => countries.iso3),
  language: varchar("language", { length: 8 }).notNull().default("en"),
  intervalMinutes: integer("interval_minutes").notNull().default(60),
  paused: boolean("paused").notNull().default(false),
  /** Validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag: text("etag"),
  lastModified: text("last_modified"),
  lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
  lastResult: text("last_result", { enum: ["new", "unchanged", "error"] }),
  lastError: text("last_error"),
  /** Failed polls in a row: each doubles the wait before the next one. */
  failures: integer("failures").notNull().default(0),
  nextPollAt: timestamp("next_poll_at", { withTimezone: true }).notNull().defaultNow(),
  lastPollNew: integer("last_poll_new").notNull().default(0),
  lastPollImported: integer("last_poll_imported").notNull().default(0),
  itemsImported: integer("items_imported").notNull().default(0),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every item a source has listed, once (by guid, else link): what was imported, skipped as a duplicate, or failed and why. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: serial("id").primaryKey(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => feedSources.id, { onDelete: "cascade" }),
    /** The item's guid (Atom id) when it has one, else its link. */
    key: text("key").notNull(),
    link: text("link").notNull(),
    title: text("title"),
    day: text("day"),
    state: text("state", { enum: ["pending", "imported", "duplicate", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    statementId: integer("statement_id").references(() => statements.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("feed_items_source_key_idx").on(t.sourceId, t.key), index("feed_items_source_state_idx").on(t.sourceId, t.state)],
);
