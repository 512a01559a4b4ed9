ALTER TABLE "recording" ADD COLUMN "client_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "recording_owner_client_idx" ON "recording" USING btree ("owner_id","client_id");