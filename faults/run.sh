#!/usr/bin/env bash
# The process-level fault suite (issue 7): real service processes, a real durable PostgreSQL, real kill -9s.
# Builds what is missing (the services' exec jars, the LocalPostgres classpath, the harness), copies the two exec
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
if [ ! -f "$COMMAND_JAR" ] || [ ! -f "$QUERY_JAR" ] || [ ! -d command-side/target/test-classes ]; then
  echo "building the services ..."
  ./mvnw -B -q install -DskipTests
fi
if [ ! -f command-side/target/local-postgres.classpath ]; then
  # -pl command-side resolves shared-events from the local repository: install first (a clean CI checkout has only
  # run `verify`; offline first, since verify has already fetched everything)
  ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests
  ./mvnw -B -q -pl command-side dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/command-side/target/local-postgres.classpath"
fi
if [ ! -f faults/target/ledger-faults.jar ] || [ -n "$(find faults/src faults/pom.xml -newer faults/target/ledger-faults.jar -print -quit)" ]; then
  echo "building the fault suite ..."
  ./mvnw -B -q -f faults/pom.xml package
fi
# snapshots of what the run uses from the services' build folders, which others may be rebuilding meanwhile
LP=io/resolutionledger/command/support/LocalPostgres.class
for i in $(seq 1 60); do [ -f "command-side/target/test-classes/$LP" ] && break; sleep 2; done
mkdir -p faults/target/jars "faults/target/pg-classes/$(dirname "$LP")"
cp "command-side/target/test-classes/$LP" "faults/target/pg-classes/$LP"
cp command-side/target/local-postgres.classpath faults/target/pg-classes/classpath
cp "$COMMAND_JAR" faults/target/jars/command-side.jar
cp "$QUERY_JAR" faults/target/jars/query-side.jar
exec java -Xmx512m -jar faults/target/ledger-faults.jar --root "$ROOT" \
  --pg-port "${FAULTS_PG_PORT:-55449}" --base-port "${FAULTS_BASE_PORT:-18381}" "$@"
