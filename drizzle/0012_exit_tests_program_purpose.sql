ALTER TABLE "program" ADD COLUMN "purpose" text DEFAULT 'screening' NOT NULL;--> statement-breakpoint
ALTER TABLE "cohort" ADD COLUMN "exit_program_id" text;--> statement-breakpoint
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_exit_program_id_program_id_fk" FOREIGN KEY ("exit_program_id") REFERENCES "public"."program"("id") ON DELETE set null ON UPDATE no action;