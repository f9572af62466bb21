#!/usr/bin/env bash
# The benchmark (issue 6), run by `./ledger bench [options]`: builds what is missing (the services' jars, the harness),
# then runs bench/target/ledger-bench.jar, which starts its own durable embedded PostgreSQL and both services on
# ports of its own (BENCH_PG_PORT 55439, BENCH_COMMAND_PORT 18181, BENCH_QUERY_PORT 18182) with data in bench/.data,
# and writes bench/results/<timestamp>.json and .md and the latest table into BENCHMARKS.md.
#   ./ledger bench                 short version (< 5 minutes on a quiet 2-core machine): 6 s per level, replay of 20k events (at most 60 s)
#   ./ledger bench --long          long version: 30 s per level, 60 s open model, replays of 100k and 1M events
#   options: --levels 1,4,16,64 --level-seconds S --open-seconds S --replay-events 20000,100000 --aggregate-events N
#            --command-arg --prop=value  --query-arg --prop=value  (repeatable: tuning experiments)
#            --phases commands,replay,aggregate  --replay-limit-seconds S (short: 60)  --online-repeats N (the
#            product's rebuild N times per event count; the report shows the median)  --online-warmups N (default 4:
#            rebuilds run first on the same service and kept apart, while its JIT still compiles)
#            --query-jvm-arg -XX:... (repeatable: JVM options of the query side)  --jit-warmup-seconds S (default 300:
#            the mix at 16 users first, until both JVMs' JIT compilers are quiet; 0: none)
#            --open-jit-warmup-seconds S (default 180: the open model's rate until the compilers are quiet again)
#            --open-fractions 0.25,0.35 (the open model again at these fractions of the peak: the lag by load)
#            --replay-variant "LABEL|--prop=value --prop2=value"  (repeatable: the same rebuild again with other
#            query-side settings, in the same run)  --label TEXT --no-benchmarks-md --no-pgbench
#            --pg-statements (PostgreSQL with pg_stat_statements: each online rebuild's top statements and
#            PostgreSQL's CPU by kind of process)
#            --jfr (JFR profiles of the measured windows; off by default: the profiler is a load of its own, and a
#            profiled run's figures are not the product's, BENCHMARKS.md "Eleventh session")
# Environment variables of the services (LEDGER_PROJECTION_BATCH_SIZE, LEDGER_DB_POOL_SIZE, ...) are passed through.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VERSION=0.1.0-SNAPSHOT
if [ ! -f "command-side/target/command-side-$VERSION-exec.jar" ] || [ ! -f "query-side/target/query-side-$VERSION-exec.jar" ]; then
  echo "building the services ..."
  ./mvnw -B -q install -DskipTests
fi
# the testkit: installed into the local repository in use (MAVEN_OPTS) for the harness's build, which depends on it
# (client, tokens, process stack), and its LocalPostgres's class path (ledger-testkit/target/local-postgres.classpath)
scripts/local-postgres-classpath >/dev/null
TESTKIT_JAR="ledger-testkit/target/ledger-testkit-$VERSION.jar"
if [ ! -f bench/target/ledger-bench.jar ] \
    || [ -n "$(find bench/src bench/pom.xml "$TESTKIT_JAR" -newer bench/target/ledger-bench.jar -print -quit)" ]; then
  echo "building the benchmark harness ..."
  ./mvnw -B -q -o -f bench/pom.xml package || ./mvnw -B -q -f bench/pom.xml package
fi
exec java -jar bench/target/ledger-bench.jar --root "$ROOT" "$@"
