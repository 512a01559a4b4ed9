CREATE TABLE "graduate_follow_up" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text NOT NULL,
	"observed_on" text NOT NULL,
	"position_held" text NOT NULL,
	"vietnamese_use" text NOT NULL,
	"notes" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graduate_record" (
	"candidate_id" text PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"completed_on" text,
	"notes" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_request" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"item_id" text,
	"skill" text NOT NULL,
	"response" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"criterion_scores" jsonb,
	"level" smallint,
	"comment" text,
	"rated_by" text,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recording" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "graduate_follow_up" ADD CONSTRAINT "graduate_follow_up_candidate_id_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduate_follow_up" ADD CONSTRAINT "graduate_follow_up_recorded_by_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduate_record" ADD CONSTRAINT "graduate_record_candidate_id_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduate_record" ADD CONSTRAINT "graduate_record_recorded_by_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_request" ADD CONSTRAINT "rating_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_request" ADD CONSTRAINT "rating_request_item_id_test_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_request" ADD CONSTRAINT "rating_request_rated_by_user_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording" ADD CONSTRAINT "recording_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graduate_follow_up_candidate_idx" ON "graduate_follow_up" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "rating_request_queue_idx" ON "rating_request" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_request_source_item_unique" ON "rating_request" USING btree ("source","source_id","item_id");--> statement-breakpoint
CREATE INDEX "recording_owner_idx" ON "recording" USING btree ("owner_id");