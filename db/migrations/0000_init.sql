CREATE TYPE "public"."date_precision" AS ENUM('day', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."pair_origin" AS ENUM('metadata', 'mention', 'manual');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('analyst', 'staff', 'manager', 'admin');--> statement-breakpoint
CREATE TYPE "public"."tag_origin" AS ENUM('auto', 'human');--> statement-breakpoint
CREATE TYPE "public"."tag_status" AS ENUM('suggested', 'accepted', 'rejected');--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" DEFAULT 'analyst' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"iso3" varchar(3) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"original_text" text NOT NULL,
	"date" date,
	"date_precision" date_precision,
	"speaker_name" text,
	"speaker_title" text,
	"speaker_country" varchar(3),
	"venue" text,
	"source_url" text,
	"kind" text DEFAULT 'statement' NOT NULL,
	"language" varchar(8) DEFAULT 'en' NOT NULL,
	"content_hash" varchar(64) NOT NULL,
	"tone" real,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statements_content_hash_unique" UNIQUE("content_hash")
);
--> statement-breakpoint
CREATE TABLE "passages" (
	"id" serial PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"tone" real,
	"tone_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "passages_statement_ordinal" UNIQUE("statement_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "statement_pairs" (
	"statement_id" integer NOT NULL,
	"speaker_iso3" varchar(3) NOT NULL,
	"counterpart_iso3" varchar(3) NOT NULL,
	"origin" "pair_origin" NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"mentions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statement_pairs_statement_id_speaker_iso3_counterpart_iso3_pk" PRIMARY KEY("statement_id","speaker_iso3","counterpart_iso3")
);
--> statement-breakpoint
CREATE TABLE "codebook_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"snapshot" jsonb NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"parent_id" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"rules" jsonb NOT NULL,
	CONSTRAINT "themes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" serial PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"passage_id" integer,
	"span_start" integer,
	"span_end" integer,
	"theme_id" integer NOT NULL,
	"origin" "tag_origin" NOT NULL,
	"status" "tag_status" NOT NULL,
	"confidence" real,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"codebook_version" integer,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retag_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"codebook_version" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "series_cells" (
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
	CONSTRAINT "series_cells_speaker_iso3_counterpart_iso3_theme_id_day_precision_pk" PRIMARY KEY("speaker_iso3","counterpart_iso3","theme_id","day","precision")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" varchar(16) NOT NULL,
	"secret_hash" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_country_countries_iso3_fk" FOREIGN KEY ("speaker_country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_pairs" ADD CONSTRAINT "statement_pairs_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_pairs" ADD CONSTRAINT "statement_pairs_speaker_iso3_countries_iso3_fk" FOREIGN KEY ("speaker_iso3") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_pairs" ADD CONSTRAINT "statement_pairs_counterpart_iso3_countries_iso3_fk" FOREIGN KEY ("counterpart_iso3") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codebook_versions" ADD CONSTRAINT "codebook_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_parent_id_themes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statements_date_idx" ON "statements" USING btree ("date");--> statement-breakpoint
CREATE INDEX "statements_speaker_country_idx" ON "statements" USING btree ("speaker_country","date");--> statement-breakpoint
CREATE INDEX "statements_fts_idx" ON "statements" USING gin (to_tsvector('simple', "title" || ' ' || "text"));--> statement-breakpoint
CREATE INDEX "passages_statement_idx" ON "passages" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "statement_pairs_pair_idx" ON "statement_pairs" USING btree ("speaker_iso3","counterpart_iso3");--> statement-breakpoint
CREATE INDEX "tags_statement_idx" ON "tags" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "tags_theme_statement_idx" ON "tags" USING btree ("theme_id","statement_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "series_cells_theme_day_idx" ON "series_cells" USING btree ("theme_id","day");