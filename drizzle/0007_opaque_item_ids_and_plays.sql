CREATE TABLE "item_play" (
	"attempt_id" text NOT NULL,
	"item_id" text NOT NULL,
	"plays" integer NOT NULL,
	"last_played_at" timestamp with time zone NOT NULL,
	CONSTRAINT "item_play_attempt_id_item_id_pk" PRIMARY KEY("attempt_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "attempt" ADD COLUMN "item_key" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "item_play" ADD CONSTRAINT "item_play_attempt_id_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_play" ADD CONSTRAINT "item_play_item_id_test_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;