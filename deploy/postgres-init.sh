#!/bin/sh
# docker compose: the postgres image runs this once, on an empty volume. For each
# /run/secrets/<name>_database_url (postgres://<role>:<password>@host:port/<database>)
# it creates that role and that database, owned by the role; only the owner (and the
# superuser) may connect to it, so no service can open another service's database.
set -eu

for secret in /run/secrets/*_database_url; do
  url="$(tr -d '[:space:]' < "$secret")"
  role="$(printf '%s' "$url" | sed -E 's#^postgres(ql)?://([^:]+):.*#\2#')"
  password="$(printf '%s' "$url" | sed -E 's#^postgres(ql)?://[^:]+:([^@]+)@.*#\2#')"
  database="$(printf '%s' "$url" | sed -E 's#^.*/([^/?]+)(\?.*)?$#\1#')"
  echo "postgres-init: role $role owns database $database"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
REVOKE CONNECT, TEMPORARY ON DATABASE :"database" FROM PUBLIC;
SQL
done
