CREATE TABLE "review_claims" (
	"statement_id" integer PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_states" (
	"statement_id" integer PRIMARY KEY NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"codebook_version" integer,
	"disputed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tone_baselines" (
	"id" serial PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"passage_id" integer,
	"tone" real,
	CONSTRAINT "tone_baselines_target" UNIQUE NULLS NOT DISTINCT("statement_id","passage_id")
);
--> statement-breakpoint
CREATE TABLE "tone_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"passage_id" integer,
	"value" smallint NOT NULL,
	"note" text,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tone_overrides_target" UNIQUE NULLS NOT DISTINCT("statement_id","passage_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coding_answers" (
	"assignment_id" integer NOT NULL,
	"passage_id" integer NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tone" smallint,
	CONSTRAINT "coding_answers_assignment_id_passage_id_pk" PRIMARY KEY("assignment_id","passage_id")
);
--> statement-breakpoint
CREATE TABLE "coding_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"sample_id" integer NOT NULL,
	"statement_id" integer NOT NULL,
	"coder_id" integer NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "coding_assignments_once" UNIQUE("sample_id","statement_id","coder_id")
);
--> statement-breakpoint
CREATE TABLE "sample_statements" (
	"sample_id" integer NOT NULL,
	"statement_id" integer NOT NULL,
	"adjudicated_by" integer,
	"adjudicated_at" timestamp with time zone,
	CONSTRAINT "sample_statements_sample_id_statement_id_pk" PRIMARY KEY("sample_id","statement_id")
);
--> statement-breakpoint
CREATE TABLE "tagger_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"training_passages" integer NOT NULL,
	"held_out_passages" integer NOT NULL,
	"models" jsonb NOT NULL,
	"quality" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_claims" ADD CONSTRAINT "review_claims_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_claims" ADD CONSTRAINT "review_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_states" ADD CONSTRAINT "review_states_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_states" ADD CONSTRAINT "review_states_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_baselines" ADD CONSTRAINT "tone_baselines_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_baselines" ADD CONSTRAINT "tone_baselines_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_overrides" ADD CONSTRAINT "tone_overrides_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_overrides" ADD CONSTRAINT "tone_overrides_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_overrides" ADD CONSTRAINT "tone_overrides_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_samples" ADD CONSTRAINT "agreement_samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_answers" ADD CONSTRAINT "coding_answers_assignment_id_coding_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coding_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_answers" ADD CONSTRAINT "coding_answers_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_assignments" ADD CONSTRAINT "coding_assignments_sample_id_agreement_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."agreement_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_assignments" ADD CONSTRAINT "coding_assignments_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_assignments" ADD CONSTRAINT "coding_assignments_coder_id_users_id_fk" FOREIGN KEY ("coder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_statements" ADD CONSTRAINT "sample_statements_sample_id_agreement_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."agreement_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_statements" ADD CONSTRAINT "sample_statements_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_statements" ADD CONSTRAINT "sample_statements_adjudicated_by_users_id_fk" FOREIGN KEY ("adjudicated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tone_overrides_statement_idx" ON "tone_overrides" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "coding_assignments_coder_idx" ON "coding_assignments" USING btree ("coder_id");