import { datePrecisionEnum } from "./enums";
import { date, doublePrecision, index, integer, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";

/** Theme id used for a pair's cells over all of its statements (the denominator of shares). */
export const ALL_THEMES = 0;

/**
 * Pre-aggregated counts and tone per pair × theme × day, kept in step with every write in the same
 * transaction, so charts never scan raw rows. A statement dated only by year sits on January 1st, marked so.
 * Tone of a theme = tone of the passages tagged with it.
 */
export const seriesCells = pgTable(
  "series_cells",
  {
    speakerIso3: varchar("speaker_iso3", { length: 3 }).notNull(),
    counterpartIso3: varchar("counterpart_iso3", { length: 3 }).notNull(),
    themeId: integer("theme_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** How precisely the statements were dated: a year-only date must not pose as a January in a monthly chart. */
    precision: datePrecisionEnum("precision").notNull(),
    statements: integer("statements").notNull(),
    passages: integer("passages").notNull(),
    toneSum: doublePrecision("tone_sum").notNull(),
    toneSumSq: doublePrecision("tone_sum_sq").notNull(),
    toneN: integer("tone_n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.speakerIso3, t.counterpartIso3, t.themeId, t.day, t.precision] }),
    index("series_cells_theme_day_idx").on(t.themeId, t.day),
  ],
);
