-- NOT VALID: a database that already holds an unusable date still migrates; new and edited rows are checked, and charts read only the usable years.
ALTER TABLE "import_jobs" ADD COLUMN "heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_date_usable" CHECK ("statements"."date" between '1800-01-01' and '2100-12-31') NOT VALID;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_day_usable" CHECK ("events"."day" between '1800-01-01' and '2100-12-31') NOT VALID;