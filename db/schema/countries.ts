import { jsonb, pgTable, text, varchar } from "drizzle-orm/pg-core";

export const countries = pgTable("countries", {
  iso3: varchar("iso3", { length: 3 }).primaryKey(),
  name: text("name").notNull(),
  aliases: jsonb("aliases").$type<string[]>().notNull().default([]),
});
