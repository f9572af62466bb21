#!/usr/bin/env bash
# How long GET /api/audit/verify takes over N events (issue 12's figure: 1,000,000 events in under 60 s).
#   scripts/verify-bench.sh [EVENTS]          default 1000000
# Starts `./ledger up` on a fresh data folder of its own (LEDGER_DATA, default bench/.verify-data; ports LEDGER_PG_PORT,
# LEDGER_COMMAND_PORT, LEDGER_QUERY_PORT as for ./ledger), records the 1st DMK (./ledger demo), then copies its first
# resolution's events with SQL (new ids, consecutive sequences) until the store holds EVENTS, waits until every event
# is a leaf of the log and the projections have caught up (so that verify runs alone), and times verify three times.
# Prints the figures and the load average; stops what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
EVENTS="${1:-1000000}"
export LEDGER_DATA="${LEDGER_DATA:-$ROOT/bench/.verify-data}"
PG_PORT="${LEDGER_PG_PORT:-54329}"
QUERY_URL="http://localhost:${LEDGER_QUERY_PORT:-8082}"
rm -rf "$LEDGER_DATA"
mkdir -p "$LEDGER_DATA"
setsid ./ledger up > "$LEDGER_DATA/up.log" 2>&1 &
UP=$!
cleanup() { kill -TERM "$UP" 2>/dev/null || true; wait "$UP" 2>/dev/null || true; }
trap cleanup EXIT
until grep -q "Resolution Ledger is running" "$LEDGER_DATA/up.log"; do
  kill -0 "$UP" 2>/dev/null || { cat "$LEDGER_DATA/up.log"; exit 1; }
  sleep 2
done
./ledger demo > "$LEDGER_DATA/demo.log"
sql() { psql -h localhost -p "$PG_PORT" -U postgres -d ledger -Atq -c "$1"; }
template=$(sql "SELECT aggregate_identifier FROM ledger_write.domain_event_entry WHERE type = 'Resolution' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
per=$(sql "SELECT count(*) FROM ledger_write.domain_event_entry WHERE aggregate_identifier = '$template'")
have=$(sql "SELECT count(*) FROM ledger_write.domain_event_entry")
copies=$(( (EVENTS - have + per - 1) / per ))
echo "copying resolution $template ($per events) $copies times ..."
start=$SECONDS
for ((from = 0; from < copies; from += 2000)); do
  to=$(( from + 2000 < copies ? from + 2000 : copies ))
  sql "INSERT INTO ledger_write.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
         time_stamp, payload_type, payload_revision, payload, meta_data)
       SELECT gen_random_uuid()::text, n.id, e.sequence_number, e.type, e.time_stamp, e.payload_type, e.payload_revision,
              convert_to(replace(convert_from(e.payload, 'UTF8'), '$template', n.id), 'UTF8'), e.meta_data
       FROM (SELECT i, gen_random_uuid()::text AS id FROM generate_series($from, $to - 1) g(i)) n
       CROSS JOIN ledger_write.domain_event_entry e WHERE e.aggregate_identifier = '$template'
       ORDER BY n.i / 100, e.sequence_number, n.i"
done
total=$(sql "SELECT count(*) FROM ledger_write.domain_event_entry")
echo "$total events in the store (generated in $((SECONDS - start)) s); waiting for the log and the projections ..."
start=$SECONDS
until [ "$(sql "SELECT count(*) FROM ledger_read.log_leaf")" -ge "$total" ]; do sleep 5; done
echo "every event is a leaf after $((SECONDS - start)) s"
ADMIN=$(./ledger token --role admin)
AUDITOR=$(./ledger token --role auditor)
until curl -fsS -H "Authorization: Bearer $ADMIN" "$QUERY_URL/api/admin/projections" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); items=d if isinstance(d,list) else d.get("processors", d.get("items", [])); sys.exit(0 if all((p.get("lag") or 0)==0 for p in items) else 1)'; do
  sleep 5
done
echo "projections caught up after $((SECONDS - start)) s"
for run in 1 2 3; do
  t0=$(date +%s.%N)
  answer=$(curl -fsS --max-time 900 -H "Authorization: Bearer $AUDITOR" "$QUERY_URL/api/audit/verify")
  t1=$(date +%s.%N)
  echo "verify run $run: $(python3 -c "print(round($t1 - $t0, 1))") s, load average $(cut -d' ' -f1-3 /proc/loadavg): $answer"
done
nproc; grep -m1 "model name" /proc/cpuinfo || true
