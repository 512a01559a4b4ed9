CREATE TABLE "rating" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"rater_id" text,
	"round" smallint NOT NULL,
	"criterion_scores" jsonb NOT NULL,
	"level" smallint NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "two_raters" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_request" ADD COLUMN "ratings_needed" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "rating" ADD CONSTRAINT "rating_request_id_rating_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rating_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating" ADD CONSTRAINT "rating_rater_id_user_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_request_rater_unique" ON "rating" USING btree ("request_id","rater_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_request_round_unique" ON "rating" USING btree ("request_id","round");--> statement-breakpoint
CREATE INDEX "rating_rater_idx" ON "rating" USING btree ("rater_id","rated_at");--> statement-breakpoint
-- Ratings given before this migration become the first (and only) rating of their answer.
INSERT INTO "rating" ("id", "request_id", "rater_id", "round", "criterion_scores", "level", "comment", "rated_at")
SELECT "id", "id", "rated_by", 1, "criterion_scores", "level", "comment", "rated_at"
FROM "rating_request"
WHERE "status" = 'rated' AND "criterion_scores" IS NOT NULL AND "level" IS NOT NULL AND "rated_at" IS NOT NULL;
