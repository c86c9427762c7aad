import { integer, jsonb, pgTable, serial, timestamp } from "drizzle-orm/pg-core";
import type { LogisticModel, Quality } from "@/lib/engine/logistic";

export interface ThemeQuality {
  theme: string;
  rules: Quality;
  model: Quality;
  both: Quality;
}

/** A per-theme model trained from staff decisions, with its quality on reviewed passages held out from training. */
export const taggerModels = pgTable("tagger_models", {
  id: serial("id").primaryKey(),
  trainedAt: timestamp("trained_at", { withTimezone: true }).notNull().defaultNow(),
  trainingPassages: integer("training_passages").notNull(),
  heldOutPassages: integer("held_out_passages").notNull(),
  models: jsonb("models").$type<Record<string, LogisticModel>>().notNull(),
  quality: jsonb("quality").$type<ThemeQuality[]>().notNull(),
});
