#!/usr/bin/env bash
# The process-level fault suite (issue 7): real service processes, a real durable PostgreSQL, real kill -9s.
# Builds what is missing (the services' exec jars, the testkit's LocalPostgres and its classpath, the harness), copies the two exec
# jars into faults/target/jars (so that a rebuild by someone else cannot change them under a running process), then
# runs faults/target/ledger-faults.jar, which starts its own PostgreSQL (port FAULTS_PG_PORT, default 55449, data in
# faults/target/run/postgres) and four service instances (ports FAULTS_BASE_PORT .. +3, default 18381..18384),
# and writes faults/target/report.md and report.json.
#   faults/run.sh [--short]        the short version (CI): every scenario with small counts, a few minutes
#   faults/run.sh --long           bigger counts, more kills, longer outages and gaps (operators; ~15-30 minutes)
#   options: --skip 2,5            leave scenarios out (by number)
# Exit code 1 only when an invariant was broken; a scenario that could not run is reported as ERROR.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
VERSION=0.1.0-SNAPSHOT
COMMAND_JAR="command-side/target/command-side-$VERSION-exec.jar"
QUERY_JAR="query-side/target/query-side-$VERSION-exec.jar"
if [ ! -f "$COMMAND_JAR" ] || [ ! -f "$QUERY_JAR" ]; then
  echo "building the services ..."
  ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests
fi
# the durable PostgreSQL launcher (ledger-testkit's LocalPostgres) and its runtime classpath
PG_CLASSPATH="$(scripts/local-postgres-classpath)"
if [ ! -f faults/target/ledger-faults.jar ] || [ -n "$(find faults/src faults/pom.xml -newer faults/target/ledger-faults.jar -print -quit)" ]; then
  echo "building the fault suite ..."
  ./mvnw -B -q -f faults/pom.xml package
fi
# snapshots of what the run uses from the services' build folders, which others may be rebuilding meanwhile
mkdir -p faults/target/jars faults/target/pg-classes
cp "${PG_CLASSPATH%%:*}" faults/target/pg-classes/ledger-testkit.jar
printf '%s\n' "${PG_CLASSPATH#*:}" > faults/target/pg-classes/classpath
cp "$COMMAND_JAR" faults/target/jars/command-side.jar
cp "$QUERY_JAR" faults/target/jars/query-side.jar
exec java -Xmx512m -jar faults/target/ledger-faults.jar --root "$ROOT" \
  --pg-port "${FAULTS_PG_PORT:-55449}" --base-port "${FAULTS_BASE_PORT:-18381}" "$@"
