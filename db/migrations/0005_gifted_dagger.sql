CREATE TABLE "tagger_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"training_passages" integer NOT NULL,
	"held_out_passages" integer NOT NULL,
	"models" jsonb NOT NULL,
	"quality" jsonb NOT NULL
);
