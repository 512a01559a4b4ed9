CREATE TABLE "learner_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"daily_goal_minutes" smallint DEFAULT 10 NOT NULL,
	"text_size" smallint DEFAULT 0 NOT NULL,
	"high_contrast" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_attempt" ADD COLUMN "active_seconds" integer;--> statement-breakpoint
ALTER TABLE "learner_settings" ADD CONSTRAINT "learner_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;