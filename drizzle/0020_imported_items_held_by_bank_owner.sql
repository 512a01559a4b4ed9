-- Items imported from Moodle XML or QTI before the importing organization was recorded as their holder:
-- the organization owning their bank holds them (without a holder they read as seed items, whose keys
-- every instructor sees).
UPDATE "test_item" SET "owner_organization_id" = "item_bank"."owner_organization_id" FROM "item_bank" WHERE "test_item"."bank_id" = "item_bank"."id" AND "test_item"."owner_organization_id" IS NULL AND "item_bank"."owner_organization_id" IS NOT NULL;
