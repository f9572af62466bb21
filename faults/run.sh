#!/usr/bin/env bash
# The process-level fault suite (issue 7): real service processes, a real durable PostgreSQL, real kill -9s, run as
# JUnit system tests (faults/src/test/java: ShortFaultScenariosIT, tag `short`; LongFaultScenariosIT, tag `long`) by
# Maven's failsafe plugin, on ledger-testkit's HTTP client, dev tokens and process stack. Builds what is missing (the
# services' exec jars; the testkit, installed into the local repository in use, MAVEN_OPTS, for this build, and its
# LocalPostgres's classpath), copies the two exec jars into faults/target/jars (so that a rebuild by someone else cannot change them
# under a running process), then runs the set, which starts its own PostgreSQL (port FAULTS_PG_PORT, default 55449,
# data in faults/target/run/postgres) and four service instances (ports FAULTS_BASE_PORT .. +3, default
# 18381..18384), and writes faults/target/report.md and report.json.
#   faults/run.sh [--short]        the short set (CI): every scenario with small counts, a few minutes
#   faults/run.sh --long           bigger counts, more kills, longer outages and gaps (operators; ~15-30 minutes)
#   faults/run.sh --short -Dit.test='ShortFaultScenariosIT#crash+races'   further arguments go to Maven (one scenario
#                                  relies on what the ones before it left: run a subset knowingly)
# Exit code 0 when every scenario held; a broken invariant or a scenario that could not complete fails the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
VERSION=0.1.0-SNAPSHOT
COMMAND_JAR="command-side/target/command-side-$VERSION-exec.jar"
QUERY_JAR="query-side/target/query-side-$VERSION-exec.jar"
GROUP=short
if [ "${1:-}" = "--long" ]; then GROUP=long; shift; elif [ "${1:-}" = "--short" ]; then shift; fi
if [ ! -f "$COMMAND_JAR" ] || [ ! -f "$QUERY_JAR" ]; then
  echo "building the services ..."
  ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests
fi
# the testkit (installed for faults/pom.xml, which depends on it) and its LocalPostgres's runtime classpath
PG_CLASSPATH="$(scripts/local-postgres-classpath)"
# snapshots of what the run uses from the services' build folders, which others may be rebuilding meanwhile
mkdir -p faults/target/jars faults/target/pg-classes
cp "${PG_CLASSPATH%%:*}" faults/target/pg-classes/ledger-testkit.jar
printf '%s\n' "${PG_CLASSPATH#*:}" > faults/target/pg-classes/classpath
cp "$COMMAND_JAR" faults/target/jars/command-side.jar
cp "$QUERY_JAR" faults/target/jars/query-side.jar
exec ./mvnw -B -f faults/pom.xml verify -Dfaults.groups="$GROUP" -Dfaults.root="$ROOT" \
  -Dfaults.pgPort="${FAULTS_PG_PORT:-55449}" -Dfaults.basePort="${FAULTS_BASE_PORT:-18381}" "$@"
