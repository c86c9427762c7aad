import { datePrecisionEnum } from "./enums";
import { date, doublePrecision, index, integer, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";

/** Theme id used for a pair's cells over all of its statements (the denominator of shares). */
export const ALL_THEMES = 0;

/**
 * Counterpart of a speaker's own cells: everything the speaker said in the period, to anyone (the coverage
 * that tells a period with nothing said apart from one with nothing said on the theme). Theme ALL_THEMES only.
 */
export const ANY_COUNTERPART = "";

/** The grains cells are kept at: a query reads the coarsest ones that fit its period and range. */
export const CELL_GRAINS = ["day", "month", "year", "all"] as const;
export type CellGrain = (typeof CELL_GRAINS)[number];

/**
 * Pre-aggregated counts and tone per pair × theme × period, kept in step with every write in the same
 * transaction, so charts never scan raw rows. `day` is the first day of the cell's period. A statement dated
 * only by year sits on January 1st, marked so. A pair × theme cell holds the passages that carry both the theme
 * and the counterpart, and the statements they are in; its tone is theirs. Beside the passages' tone sums, the
 * per-statement sums (T_s = a statement's tone sum in the cell, n_s = its toned passages) are kept as
 * Σ T_s², Σ T_s·n_s, Σ n_s² and S: additive, and enough for a cluster-robust interval of the mean.
 */
function cellsTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      speakerIso3: varchar("speaker_iso3", { length: 3 }).notNull(),
      counterpartIso3: varchar("counterpart_iso3", { length: 3 }).notNull(),
      themeId: integer("theme_id").notNull(),
      /** The statements' language (statements.language): a chart filtered by language reads its cells only, one unfiltered sums them. */
      language: varchar("language", { length: 8 }).notNull().default("en"),
      day: date("day", { mode: "string" }).notNull(),
      /**
       * How precisely the statements were dated (at most as precise as the cell's grain): a year-only date must
       * not pose as a January in a monthly chart.
       */
      precision: datePrecisionEnum("precision").notNull(),
      statements: integer("statements").notNull(),
      passages: integer("passages").notNull(),
      toneSum: doublePrecision("tone_sum").notNull(),
      toneSumSq: doublePrecision("tone_sum_sq").notNull(),
      toneN: integer("tone_n").notNull(),
      /** S: statements with a toned passage in the cell. */
      toneStatements: integer("tone_statements").notNull().default(0),
      /** Σ over statements of T_s². */
      clusterSumSq: doublePrecision("cluster_sum_sq").notNull().default(0),
      /** Σ over statements of T_s · n_s. */
      clusterCross: doublePrecision("cluster_cross").notNull().default(0),
      /** Σ over statements of n_s². */
      clusterNSq: doublePrecision("cluster_n_sq").notNull().default(0),
    },
    (t) => [
      primaryKey({ columns: [t.speakerIso3, t.counterpartIso3, t.themeId, t.language, t.day, t.precision] }),
      index(`${name}_theme_day_idx`).on(t.themeId, t.day),
    ],
  );
}

/** Pair × theme × day: what a weekly chart or a range edge needs. */
export const seriesCells = cellsTable("series_cells");
/** Pair × theme × month (day = the 1st): monthly and quarterly charts, ~10× fewer rows than days. */
export const seriesCellsMonth = cellsTable("series_cells_month");
/** Pair × theme × year (day = January 1st): yearly charts and the all-pairs overview. */
export const seriesCellsYear = cellsTable("series_cells_year");

/** Pair × theme over all time (day = ALL_TIME): the overview of an unbounded range, a few thousand rows. */
export const seriesCellsAll = cellsTable("series_cells_all");

/** The `day` of every all-time cell. */
export const ALL_TIME = "0001-01-01";

/** Table name per grain, for the SQL that reads and keeps them. */
export const CELL_TABLES: Record<CellGrain, string> = {
  day: "series_cells",
  month: "series_cells_month",
  year: "series_cells_year",
  all: "series_cells_all",
};
