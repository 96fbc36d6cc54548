ALTER TABLE "order_items" DROP CONSTRAINT "order_items_unit_amount_not_negative";--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_total_not_negative";--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "cart_item_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cart_settled_at" timestamp (3) with time zone;--> statement-breakpoint
-- Orders placed before the cart had a checkout lock hold none: there is nothing of theirs to settle.
UPDATE "orders" SET "cart_settled_at" = "updated_at";--> statement-breakpoint
CREATE INDEX "orders_cart_unsettled_idx" ON "orders" USING btree ("updated_at") WHERE "orders"."cart_settled_at" is null;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_unit_amount_within_bound" CHECK ("order_items"."unit_amount" between 0 and 100000000);--> statement-breakpoint
-- NOT VALID: checked for every new or changed order; a FAILED order of a cart that went over the bound before it was enforced stays as it was.
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_within_bound" CHECK ("orders"."total_amount" between 0 and 100000000) NOT VALID;