DROP INDEX "statements_fts_idx";--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "statements"."title" || ' ' || "statements"."text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "statements_search_idx" ON "statements" USING gin ("search_vector");