CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"label" text NOT NULL,
	"country_a" varchar(3),
	"country_b" varchar(3),
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;