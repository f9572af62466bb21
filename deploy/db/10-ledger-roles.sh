#!/usr/bin/env bash
# The ledger's least-privilege roles (ledger-roles.psql), run by the postgres image's entrypoint on the first start
# only (empty data directory), before Keycloak's (50-keycloak.sh). The passwords come from the environment, never
# from a file of this repository.
set -euo pipefail
: "${LEDGER_OWNER_DB_PASSWORD:?LEDGER_OWNER_DB_PASSWORD is not set}"
: "${LEDGER_COMMAND_DB_PASSWORD:?LEDGER_COMMAND_DB_PASSWORD is not set}"
: "${LEDGER_QUERY_DB_PASSWORD:?LEDGER_QUERY_DB_PASSWORD is not set}"
: "${LEDGER_WEB_DB_PASSWORD:?LEDGER_WEB_DB_PASSWORD is not set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=owner_password="$LEDGER_OWNER_DB_PASSWORD" \
     --set=command_password="$LEDGER_COMMAND_DB_PASSWORD" \
     --set=query_password="$LEDGER_QUERY_DB_PASSWORD" \
     --set=web_password="$LEDGER_WEB_DB_PASSWORD" \
     -f /docker-entrypoint-initdb.d/ledger-roles.psql
