-- One database per subgraph (docker compose runs this once, on an empty volume).
CREATE DATABASE agora_accounts;
CREATE DATABASE agora_inventory;
CREATE DATABASE agora_reviews;
CREATE DATABASE agora_cart;
CREATE DATABASE agora_orders;
CREATE DATABASE agora_payments;
CREATE DATABASE agora_events;
CREATE DATABASE agora_search;
CREATE DATABASE agora_recommendations;
CREATE DATABASE agora_notifications;
