CREATE TABLE "completed_checkouts" (
	"cart_id" uuid NOT NULL,
	"checkout_key" text NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "completed_checkouts_cart_id_checkout_key_pk" PRIMARY KEY("cart_id","checkout_key")
);
--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "checkout_key" text;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "checkout_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "completed_checkouts" ADD CONSTRAINT "completed_checkouts_cart_id_carts_id_fk" FOREIGN KEY ("cart_id") REFERENCES "public"."carts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_checkout_lock_whole" CHECK (("carts"."checkout_key" is null) = ("carts"."checkout_expires_at" is null));