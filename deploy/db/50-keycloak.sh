#!/usr/bin/env bash
# Keycloak's own database and role (the identity provider of docker-compose.yml). Run by the postgres image's entrypoint
# on the first start only (empty data directory), after the ledger's role setup; the password comes from the
# environment (KEYCLOAK_DB_PASSWORD), never from this file.
set -euo pipefail
: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD is not set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     --set=kc_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'kc_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
