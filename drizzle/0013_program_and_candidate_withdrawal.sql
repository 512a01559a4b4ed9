ALTER TABLE "candidate" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "candidate" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "withdrawal_reason" text;