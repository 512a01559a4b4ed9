ALTER TABLE "course_audio" DROP CONSTRAINT "course_audio_course_id_course_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson" ADD COLUMN "notes" jsonb;