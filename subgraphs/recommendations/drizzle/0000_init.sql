CREATE TABLE "cancelled_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"cancelled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_purchases" (
	"product_id" text NOT NULL,
	"other_product_id" text NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "co_purchases_product_id_other_product_id_pk" PRIMARY KEY("product_id","other_product_id"),
	CONSTRAINT "co_purchases_orders_not_negative" CHECK ("co_purchases"."orders" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deleted_products" (
	"product_id" text PRIMARY KEY NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handled_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handled_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"order_id" text NOT NULL,
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "order_lines_order_id_product_id_pk" PRIMARY KEY("order_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "product_categories" (
	"product_id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_sales" (
	"product_id" text PRIMARY KEY NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "product_sales_units_not_negative" CHECK ("product_sales"."units" >= 0)
);
--> statement-breakpoint
CREATE INDEX "order_lines_user_idx" ON "order_lines" USING btree ("user_id","product_id");--> statement-breakpoint
CREATE INDEX "product_categories_category_idx" ON "product_categories" USING btree ("category_id");