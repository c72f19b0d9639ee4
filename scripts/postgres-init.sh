#!/usr/bin/env bash
# Run once by the postgres image on a new data directory (compose.yaml mounts it into /docker-entrypoint-initdb.d):
# the owner role that runs the migrations and owns the database, and the runtime role the gateway connects as.
# Neither is a superuser; the superuser (POSTGRES_USER) is for the operator only (docs/operations.md, Database roles).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$KOHO_OWNER_PASSWORD" -v runtime_password="$KOHO_RUNTIME_PASSWORD" <<'SQL'
create role koho login password :'owner_password';
create role koho_app login password :'runtime_password';
create database koho owner koho;
SQL
