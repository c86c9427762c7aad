CREATE TABLE "series_cells_all" (
	"speaker_iso3" varchar(3) NOT NULL,
	"counterpart_iso3" varchar(3) NOT NULL,
	"theme_id" integer NOT NULL,
	"day" date NOT NULL,
	"precision" date_precision NOT NULL,
	"statements" integer NOT NULL,
	"passages" integer NOT NULL,
	"tone_sum" double precision NOT NULL,
	"tone_sum_sq" double precision NOT NULL,
	"tone_n" integer NOT NULL,
	CONSTRAINT "series_cells_all_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","day","precision")
);
--> statement-breakpoint
CREATE TABLE "series_cells_month" (
	"speaker_iso3" varchar(3) NOT NULL,
	"counterpart_iso3" varchar(3) NOT NULL,
	"theme_id" integer NOT NULL,
	"day" date NOT NULL,
	"precision" date_precision NOT NULL,
	"statements" integer NOT NULL,
	"passages" integer NOT NULL,
	"tone_sum" double precision NOT NULL,
	"tone_sum_sq" double precision NOT NULL,
	"tone_n" integer NOT NULL,
	CONSTRAINT "series_cells_month_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","day","precision")
);
--> statement-breakpoint
CREATE TABLE "series_cells_year" (
	"speaker_iso3" varchar(3) NOT NULL,
	"counterpart_iso3" varchar(3) NOT NULL,
	"theme_id" integer NOT NULL,
	"day" date NOT NULL,
	"precision" date_precision NOT NULL,
	"statements" integer NOT NULL,
	"passages" integer NOT NULL,
	"tone_sum" double precision NOT NULL,
	"tone_sum_sq" double precision NOT NULL,
	"tone_n" integer NOT NULL,
	CONSTRAINT "series_cells_year_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","day","precision")
);
--> statement-breakpoint
CREATE INDEX "series_cells_all_theme_day_idx" ON "series_cells_all" USING btree ("theme_id","day");--> statement-breakpoint
CREATE INDEX "series_cells_month_theme_day_idx" ON "series_cells_month" USING btree ("theme_id","day");--> statement-breakpoint
CREATE INDEX "series_cells_year_theme_day_idx" ON "series_cells_year" USING btree ("theme_id","day");--> statement-breakpoint
-- Fill the coarser grains from the day cells, so an existing database charts correctly right after migrating.
INSERT INTO "series_cells_month" SELECT "speaker_iso3", "counterpart_iso3", "theme_id", date_trunc('month', "day"::timestamp)::date, greatest("precision", 'month'::date_precision), sum("statements")::int, sum("passages")::int, sum("tone_sum")::float8, sum("tone_sum_sq")::float8, sum("tone_n")::int FROM "series_cells" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "series_cells_year" SELECT "speaker_iso3", "counterpart_iso3", "theme_id", date_trunc('year', "day"::timestamp)::date, greatest("precision", 'year'::date_precision), sum("statements")::int, sum("passages")::int, sum("tone_sum")::float8, sum("tone_sum_sq")::float8, sum("tone_n")::int FROM "series_cells" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "series_cells_all" SELECT "speaker_iso3", "counterpart_iso3", "theme_id", '0001-01-01'::date, greatest("precision", 'year'::date_precision), sum("statements")::int, sum("passages")::int, sum("tone_sum")::float8, sum("tone_sum_sq")::float8, sum("tone_n")::int FROM "series_cells" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
