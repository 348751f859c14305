#!/usr/bin/env bash
# First start of the docker-compose database (mounted into /docker-entrypoint-initdb.d): the two
# roles Cadence uses. cadence_owner owns the database and runs the migrations; cadence_app serves
# requests and owns nothing (Cadence grants it what it needs after each migration).
set -euo pipefail
: "${CADENCE_OWNER_PASSWORD:?set CADENCE_OWNER_PASSWORD}" "${CADENCE_APP_PASSWORD:?set CADENCE_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$CADENCE_OWNER_PASSWORD" -v app_password="$CADENCE_APP_PASSWORD" <<'SQL'
CREATE ROLE cadence_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE cadence_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
ALTER DATABASE :"DBNAME" OWNER TO cadence_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
