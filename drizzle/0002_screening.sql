CREATE TABLE "admission_decision" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text NOT NULL,
	"decision" text NOT NULL,
	"override" boolean DEFAULT false NOT NULL,
	"reason" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attempt" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text NOT NULL,
	"status" text NOT NULL,
	"cat_state" jsonb NOT NULL,
	"pending_item_id" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"bank_version" text NOT NULL,
	"engine_config" jsonb NOT NULL,
	"theta" double precision,
	"standard_error" double precision,
	"overall_level" smallint,
	"skill_levels" jsonb,
	"passed" boolean,
	"verification_code" text,
	"valid_until" timestamp with time zone,
	CONSTRAINT "attempt_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "attempt_answer" (
	"attempt_id" text NOT NULL,
	"item_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"response" jsonb NOT NULL,
	"correct" boolean,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"reason" text,
	"details" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"user_id" text,
	"full_name" text NOT NULL,
	"position" text,
	"sending_organization" text,
	"date_of_birth" text,
	"phone" text,
	"invitation_code" text NOT NULL,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_invitation_code_unique" UNIQUE("invitation_code")
);
--> statement-breakpoint
CREATE TABLE "program" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"intake" text NOT NULL,
	"bank_id" text NOT NULL,
	"min_overall_level" smallint NOT NULL,
	"skill_minimums" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rated_sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"window_opens_at" timestamp with time zone NOT NULL,
	"window_closes_at" timestamp with time zone NOT NULL,
	"time_limit_minutes" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"retake_cooldown_days" integer NOT NULL,
	"result_validity_months" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_candidate_id_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt" ADD CONSTRAINT "attempt_candidate_id_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt" ADD CONSTRAINT "attempt_pending_item_id_test_item_id_fk" FOREIGN KEY ("pending_item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_answer" ADD CONSTRAINT "attempt_answer_attempt_id_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_answer" ADD CONSTRAINT "attempt_answer_item_id_test_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_bank_id_item_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."item_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_decision_candidate_idx" ON "admission_decision" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "attempt_candidate_idx" ON "attempt" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attempt_one_active_per_candidate" ON "attempt" USING btree ("candidate_id") WHERE "attempt"."status" = 'in_progress';--> statement-breakpoint
CREATE UNIQUE INDEX "attempt_answer_unique" ON "attempt_answer" USING btree ("attempt_id","item_id");--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "candidate_program_idx" ON "candidate" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_program_user_unique" ON "candidate" USING btree ("program_id","user_id");--> statement-breakpoint
CREATE INDEX "program_org_idx" ON "program" USING btree ("organization_id");