CREATE TABLE "tone_rescore_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"tone_version" varchar(16) NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "tone_version" varchar(16);