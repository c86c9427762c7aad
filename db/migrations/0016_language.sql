-- The series cells are split by language from here on; cells that summed every language cannot be split, so they are emptied and rebuilt from raw rows at start-up (queueToneRescore).
DELETE FROM "series_cells";--> statement-breakpoint
DELETE FROM "series_cells_month";--> statement-breakpoint
DELETE FROM "series_cells_year";--> statement-breakpoint
DELETE FROM "series_cells_all";--> statement-breakpoint
ALTER TABLE "series_cells" DROP CONSTRAINT "series_cells_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk";--> statement-breakpoint
ALTER TABLE "series_cells_all" DROP CONSTRAINT "series_cells_all_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk";--> statement-breakpoint
ALTER TABLE "series_cells_month" DROP CONSTRAINT "series_cells_month_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk";--> statement-breakpoint
ALTER TABLE "series_cells_year" DROP CONSTRAINT "series_cells_year_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk";--> statement-breakpoint
ALTER TABLE "series_cells" ADD COLUMN "language" varchar(8) DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD COLUMN "language" varchar(8) DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD COLUMN "language" varchar(8) DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD COLUMN "language" varchar(8) DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells" ADD CONSTRAINT "series_cells_speaker_iso3_counterpart_iso3_theme_id_language_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","language","day","precision");--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD CONSTRAINT "series_cells_all_speaker_iso3_counterpart_iso3_theme_id_language_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","language","day","precision");--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD CONSTRAINT "series_cells_month_speaker_iso3_counterpart_iso3_theme_id_language_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","language","day","precision");--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD CONSTRAINT "series_cells_year_speaker_iso3_counterpart_iso3_theme_id_language_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","language","day","precision");--> statement-breakpoint
ALTER TABLE "statements" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector(case when "statements"."language" = 'ru' then 'russian'::regconfig else 'simple'::regconfig end, "statements"."title" || ' ' || "statements"."text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "statements_search_idx" ON "statements" USING gin ("search_vector");
