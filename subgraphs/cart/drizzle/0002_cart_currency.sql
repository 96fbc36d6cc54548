-- A cart from before this column has lines but no currency. Its lines keep no price, so the
-- currency of its oldest line is known only to the catalog: the cart service records it (the
-- currency the cart was shown in until now) the first time it prices such a cart.
ALTER TABLE "carts" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_currency_iso_4217" CHECK ("carts"."currency" ~ '^[A-Z]{3}$');
