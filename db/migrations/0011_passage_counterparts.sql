CREATE TABLE "passage_counterparts" (
	"passage_id" integer NOT NULL,
	"iso3" varchar(3) NOT NULL,
	"addressed" boolean NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "passage_counterparts_passage_id_iso3_pk" PRIMARY KEY("passage_id","iso3")
);
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "counterparts_version" varchar(16);--> statement-breakpoint
ALTER TABLE "series_cells" ADD COLUMN "tone_statements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells" ADD COLUMN "cluster_sum_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells" ADD COLUMN "cluster_cross" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells" ADD COLUMN "cluster_n_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD COLUMN "tone_statements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD COLUMN "cluster_sum_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD COLUMN "cluster_cross" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_all" ADD COLUMN "cluster_n_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD COLUMN "tone_statements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD COLUMN "cluster_sum_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD COLUMN "cluster_cross" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_month" ADD COLUMN "cluster_n_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD COLUMN "tone_statements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD COLUMN "cluster_sum_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD COLUMN "cluster_cross" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series_cells_year" ADD COLUMN "cluster_n_sq" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "passage_counterparts" ADD CONSTRAINT "passage_counterparts_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_counterparts" ADD CONSTRAINT "passage_counterparts_iso3_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "passage_counterparts_iso3_idx" ON "passage_counterparts" USING btree ("iso3");