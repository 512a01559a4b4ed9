ALTER TABLE "lesson" ADD COLUMN "skill_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "lesson" SET "skill_counts" = COALESCE((SELECT jsonb_object_agg("skill", "n") FROM (SELECT "e"->>'skill' AS "skill", count(*)::int AS "n" FROM jsonb_array_elements("lesson"."exercises") AS "e" GROUP BY 1) AS "per_skill"), '{}'::jsonb);
