CREATE TABLE "data_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_version_one_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "data_version_pending" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
INSERT INTO "data_version" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Each writing statement notes its transaction (one row per transaction, no lock shared with others);
-- the deferred trigger below moves the version once, at commit, as the transaction's last act. Moving it at
-- the first write instead would hold the one row's lock for the whole transaction and could deadlock with
-- cell upserts taken in the other order.
CREATE FUNCTION "data_version_note"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_version_pending" ("txid") VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "data_version_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1;
  DELETE FROM "data_version_pending" WHERE "txid" = NEW."txid";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_move" AFTER INSERT ON "data_version_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "data_version_move"();
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statements', 'passages', 'tags', 'tone_overrides', 'statement_pairs', 'passage_counterparts',
    'series_cells', 'series_cells_month', 'series_cells_year', 'series_cells_all', 'themes', 'codebook_versions', 'events',
    'countries', 'review_states'] LOOP
    EXECUTE format('CREATE TRIGGER data_version_note AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_version_note()', t);
  END LOOP;
END $$;
