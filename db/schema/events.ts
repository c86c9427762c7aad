import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { USABLE_DAYS } from "./usable-days";
import { users } from "./users";

/** A dated event drawn on charts: for one pair (either direction), or for every chart when no pair is given. */
export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    day: date("day", { mode: "string" }).notNull(),
    label: text("label").notNull(),
    countryA: varchar("country_a", { length: 3 }),
    countryB: varchar("country_b", { length: 3 }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("events_day_usable", sql`${t.day} between ${sql.raw(`'${USABLE_DAYS.from}'`)} and ${sql.raw(`'${USABLE_DAYS.to}'`)}`)],
);
