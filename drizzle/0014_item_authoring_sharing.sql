CREATE TABLE "item_collection" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_collection_item" (
	"collection_id" text NOT NULL,
	"item_id" text NOT NULL,
	CONSTRAINT "item_collection_item_collection_id_item_id_pk" PRIMARY KEY("collection_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "item_collection_share" (
	"collection_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"mode" text NOT NULL,
	"shared_by" text,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_collection_share_collection_id_organization_id_pk" PRIMARY KEY("collection_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "owner_organization_id" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "author_id" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "explanation" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "passage_key" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "copied_from_id" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "calibrated_by" text;--> statement-breakpoint
ALTER TABLE "test_item" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "item_collection" ADD CONSTRAINT "item_collection_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection" ADD CONSTRAINT "item_collection_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection_item" ADD CONSTRAINT "item_collection_item_collection_id_item_collection_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."item_collection"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection_item" ADD CONSTRAINT "item_collection_item_item_id_test_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."test_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection_share" ADD CONSTRAINT "item_collection_share_collection_id_item_collection_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."item_collection"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection_share" ADD CONSTRAINT "item_collection_share_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_collection_share" ADD CONSTRAINT "item_collection_share_shared_by_user_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_item" ADD CONSTRAINT "test_item_owner_organization_id_organization_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_item" ADD CONSTRAINT "test_item_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_item" ADD CONSTRAINT "test_item_approved_by_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_item" ADD CONSTRAINT "test_item_calibrated_by_user_id_fk" FOREIGN KEY ("calibrated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "test_item_owner_idx" ON "test_item" USING btree ("owner_organization_id");