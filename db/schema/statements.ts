import { sql, type SQL } from "drizzle-orm";
import { check, customType, date, index, integer, pgTable, real, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { USABLE_DAYS } from "./usable-days";
import { countries } from "./countries";
import { datePrecisionEnum } from "./enums";
import { users } from "./users";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const statements = pgTable(
  "statements",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    /** The cleaned text that passages, tags and evidence offsets point into. */
    text: text("text").notNull(),
    /** The text as it arrived, before cleaning. */
    originalText: text("original_text").notNull(),
    date: date("date", { mode: "string" }),
    datePrecision: datePrecisionEnum("date_precision"),
    speakerName: text("speaker_name"),
    speakerTitle: text("speaker_title"),
    speakerCountry: varchar("speaker_country", { length: 3 }).references(() => countries.iso3),
    venue: text("venue"),
    sourceUrl: text("source_url"),
    kind: text("kind").notNull().default("statement"),
    language: varchar("language", { length: 8 }).notNull().default("en"),
    contentHash: varchar("content_hash", { length: 64 }).notNull().unique(),
    tone: real("tone"),
    /** The tone engine that scored it (TONE_VERSION); another engine's tone is re-scored in the background. */
    toneVersion: varchar("tone_version", { length: 16 }),
    /** The tagger that tagged it (TAGGER_VERSION); another tagger's statements are re-tagged in the background. */
    taggerVersion: varchar("tagger_version", { length: 16 }),
    /** The counterpart classifier that read its passages (COUNTERPARTS_VERSION); another one's are re-read in the background. */
    counterpartsVersion: varchar("counterparts_version", { length: 16 }),
    /** Optimistic lock: every write bumps it, and an edit made against an older value is refused. */
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Stored, so ranking and counting search hits read it instead of re-parsing every matching text. Russian
     * statements by the 'russian' configuration (Snowball stems: Азербайджана finds Азербайджан), every other
     * language by 'simple' (lib/dal/search.ts reads the query the same way).
     */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`to_tsvector(case when ${statements.language} = 'ru' then 'russian'::regconfig else 'simple'::regconfig end, ${statements.title} || ' ' || ${statements.text})`,
      ),
  },
  (t) => [
    index("statements_date_idx").on(t.date),
    index("statements_speaker_country_idx").on(t.speakerCountry, t.date),
    index("statements_search_idx").using("gin", t.searchVector),
    // The last guard of the usable years (lib/engine/dates.ts), under every entry that already checks them.
    check("statements_date_usable", sql`${t.date} between ${sql.raw(`'${USABLE_DAYS.from}'`)} and ${sql.raw(`'${USABLE_DAYS.to}'`)}`),
  ],
);
