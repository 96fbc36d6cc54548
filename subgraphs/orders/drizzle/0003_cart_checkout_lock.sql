ALTER TABLE "order_items" ADD COLUMN "cart_item_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cart_settled_at" timestamp (3) with time zone;--> statement-breakpoint
-- Orders placed before the cart had a checkout lock hold none: there is nothing of theirs to settle.
UPDATE "orders" SET "cart_settled_at" = "updated_at";--> statement-breakpoint
CREATE INDEX "orders_cart_unsettled_idx" ON "orders" USING btree ("updated_at") WHERE "orders"."cart_settled_at" is null;