CREATE TABLE "item_bank" (
	"id" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"version" text NOT NULL,
	"owner_organization_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_response" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"respondent_id" text NOT NULL,
	"correct" smallint NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_item" (
	"id" text PRIMARY KEY NOT NULL,
	"bank_id" text NOT NULL,
	"skill" text NOT NULL,
	"level" smallint NOT NULL,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"answer_key" jsonb,
	"a" double precision NOT NULL,
	"b" double precision NOT NULL,
	"c" double precision DEFAULT 0 NOT NULL,
	"provisional" boolean DEFAULT true NOT NULL,
	"a_standard_error" double precision,
	"b_standard_error" double precision,
	"calibrated_at" timestamp with time zone,
	"calibration_responses" integer,
	"status" text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "item_bank" ADD CONSTRAINT "item_bank_owner_organization_id_organization_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_response" ADD CONSTRAINT "item_response_item_id_test_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_item" ADD CONSTRAINT "test_item_bank_id_item_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."item_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "item_response_respondent_item_unique" ON "item_response" USING btree ("respondent_id","item_id");--> statement-breakpoint
CREATE INDEX "item_response_item_idx" ON "item_response" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "test_item_bank_idx" ON "test_item" USING btree ("bank_id");