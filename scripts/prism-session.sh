#!/usr/bin/env bash
# The services' contract judged from outside by a client none of us wrote (issue 17): Stoplight Prism, from npm, runs
# as a validating proxy in front of each service, with the description the running service serves itself
# (/v3/api-docs). A session goes through the proxies: the demo (the DMK's history import and live commands), then reads
# of every kind, anonymous and with each role, and refusals of every status (400, 401, 403, 404, 409, 412, 415, 422).
# Every answer Prism finds that its description does not allow is a violation; the script prints them and fails.
# It starts its own ledger (`./ledger up`: embedded PostgreSQL, both services) on ports of its own and stops it.
#   scripts/prism-session.sh      (ports: PRISM_PG_PORT 55459, services 18481/18482, web app 18483, proxies 18491/18492)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PG_PORT="${PRISM_PG_PORT:-55459}"
COMMAND_PORT="${PRISM_COMMAND_PORT:-18481}"
QUERY_PORT="${PRISM_QUERY_PORT:-18482}"
# ./ledger up starts the web app too: on a port of this script's, not the default 8083
WEB_PORT="${PRISM_WEB_PORT:-18483}"
COMMAND_PROXY_PORT="${PRISM_COMMAND_PROXY_PORT:-18491}"
QUERY_PROXY_PORT="${PRISM_QUERY_PROXY_PORT:-18492}"
PRISM_VERSION=5.16.0
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ledger-prism.XXXXXX")"
OUT="$ROOT/target/prism"
mkdir -p "$OUT"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v jq >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  { $SUDO apt-get install -y -q jq || { $SUDO apt-get update -q && $SUDO apt-get install -y -q jq; }; } >"$WORK/apt.log" 2>&1 \
    || { echo "prism-session needs jq; see $WORK/apt.log" >&2; cat "$WORK/apt.log" >&2; exit 1; }
fi
echo "installing @stoplight/prism-cli@$PRISM_VERSION (npm, into a temporary folder) ..."
( cd "$WORK" && npm install --silent --no-fund --no-audit "@stoplight/prism-cli@$PRISM_VERSION" >npm.log 2>&1 ) \
  || { cat "$WORK/npm.log" >&2; echo "could not install Prism" >&2; exit 1; }
PRISM="$WORK/node_modules/.bin/prism"

echo "starting a ledger of its own (PostgreSQL :$PG_PORT, services :$COMMAND_PORT :$QUERY_PORT) ..."
set -m
LEDGER_PG_PORT="$PG_PORT" LEDGER_COMMAND_PORT="$COMMAND_PORT" LEDGER_QUERY_PORT="$QUERY_PORT" \
  LEDGER_WEB_PORT="$WEB_PORT" LEDGER_DATA="$WORK/data" ./ledger up >"$OUT/ledger-up.log" 2>&1 &
PIDS+=($!)
set +m
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$QUERY_PORT/actuator/health/readiness" >/dev/null 2>&1 \
     && curl -fsS "http://127.0.0.1:$COMMAND_PORT/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "${PIDS[0]}" 2>/dev/null; then
    cat "$OUT/ledger-up.log" >&2; echo "the ledger did not start" >&2; exit 1
  fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$COMMAND_PORT/v3/api-docs" >"$OUT/openapi-command-side.json"
curl -fsS "http://127.0.0.1:$QUERY_PORT/v3/api-docs" >"$OUT/openapi-query-side.json"

start_proxy() { # SPEC UPSTREAM_PORT PROXY_PORT LOG
  set -m
  "$PRISM" proxy "$1" "http://127.0.0.1:$2" -h 127.0.0.1 -p "$3" >"$4" 2>&1 &
  PIDS+=($!)
  set +m
  for _ in $(seq 1 60); do
    grep -q "Prism is listening" "$4" 2>/dev/null && return 0
    sleep 1
  done
  cat "$4" >&2; echo "Prism did not start" >&2; exit 1
}
start_proxy "$OUT/openapi-command-side.json" "$COMMAND_PORT" "$COMMAND_PROXY_PORT" "$OUT/prism-command-side.log"
start_proxy "$OUT/openapi-query-side.json" "$QUERY_PORT" "$QUERY_PROXY_PORT" "$OUT/prism-query-side.log"
C="http://127.0.0.1:$COMMAND_PROXY_PORT"
Q="http://127.0.0.1:$QUERY_PROXY_PORT"

echo "the demo through the proxies ..."
LEDGER_COMMAND_URL="$C" LEDGER_QUERY_URL="$Q" LEDGER_COMMAND_PORT="$COMMAND_PORT" LEDGER_QUERY_PORT="$QUERY_PORT" \
  LEDGER_DEMO_DEADLINE_SECONDS=5 scripts/demo.sh >"$OUT/demo.log" 2>&1 \
  || { cat "$OUT/demo.log" >&2; echo "the demo failed" >&2; exit 1; }

tok() { ./ledger token "$@"; }
BY=$(tok --delegation DE-BY); HH=$(tok --delegation DE-HH); NW=$(tok --delegation DE-NW)
CHAIR=$(tok --delegation DE-RP); BSI=$(tok --delegation DE-BSI)
AUDITOR=$(tok --role auditor); ADMIN=$(tok --role admin)
REQUESTS=0
# call EXPECTED METHOD URL [TOKEN] [BODY] [extra curl args...]: one request, its status checked (the proxy validates it)
call() {
  local expected="$1" method="$2" url="$3" token="${4:-}" body="${5:-}"
  shift 5 2>/dev/null || shift $#
  local args=(-sS -o "$WORK/answer" -w '%{http_code}' -X "$method" "$url")
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data "$body")
  local status
  status=$(curl "${args[@]}" "$@")
  REQUESTS=$((REQUESTS + 1))
  if [ "$status" != "$expected" ]; then
    echo "unexpected answer $status (expected $expected) to $method $url: $(head -c 400 "$WORK/answer")" >&2
    exit 1
  fi
}
field() { jq -r "$1" "$WORK/answer"; }

echo "commands and their refusals through the proxy ..."
SESSION=prism-s-$$
call 201 POST "$C/api/sessions" "$CHAIR" "{\"sessionId\":\"$SESSION\",\"number\":9,\"kind\":\"SPECIAL\",\"date\":\"$(date -u +%Y)-12-20\",\"place\":\"Mainz\"}"
call 403 POST "$C/api/sessions" "$BY" "{\"sessionId\":\"x-$SESSION\",\"number\":9,\"kind\":\"SPECIAL\",\"date\":\"$(date -u +%Y)-12-20\",\"place\":\"Mainz\"}"
call 401 POST "$C/api/resolutions" "" "{\"sessionId\":\"$SESSION\",\"title\":\"t\",\"text\":\"x\",\"topics\":[],\"coSponsors\":[]}"
call 400 POST "$C/api/resolutions" "$BY" "{\"sessionId\":\"$SESSION\",\"text\":\"x\",\"topics\":[],\"coSponsors\":[]}"
call 415 POST "$C/api/resolutions" "$BY" "" -H "Content-Type: text/plain" --data "hello"
call 201 POST "$C/api/resolutions" "$BY" "{\"sessionId\":\"$SESSION\",\"title\":\"Prüfung durch Prism\",\"text\":\"Die DMK prüft ihre Schnittstellen.\",\"topics\":[\"api\"],\"coSponsors\":[]}" -H "Idempotency-Key: 0b0e4a52-7d53-4f34-9a61-3c7a2f1e9b01"
R=$(field .resolutionId)
call 422 POST "$C/api/resolutions" "$BY" "{\"sessionId\":\"$SESSION\",\"title\":\"anders\",\"text\":\"anders\",\"topics\":[],\"coSponsors\":[]}" -H "Idempotency-Key: 0b0e4a52-7d53-4f34-9a61-3c7a2f1e9b01"
call 412 POST "$C/api/resolutions/$R/amendments" "$BY" "{\"text\":\"Die DMK prüft.\",\"reason\":\"kürzer\"}" -H 'If-Match: "7"'
call 200 POST "$C/api/resolutions/$R/amendments" "$BY" "{\"text\":\"Die DMK prüft ihre Schnittstellen gründlich.\",\"reason\":\"genauer\"}" -H 'If-Match: "1"'
call 403 POST "$C/api/resolutions/$R/amendments" "$NW" "{\"text\":\"x\",\"reason\":\"y\"}" -H 'If-Match: "2"'
call 201 POST "$C/api/resolutions/$R/tabled-amendments" "$HH" "{\"text\":\"Die DMK prüft ihre Schnittstellen gründlich und regelmäßig.\",\"reason\":\"regelmäßig\"}"
A=$(field .amendmentId)
call 200 POST "$C/api/resolutions/$R/tabled-amendments/$A/acceptance" "$BY" "" -H 'If-Match: "2"'
call 409 POST "$C/api/resolutions/$R/tabled-amendments/$A/declination" "$BY" "{\"reason\":\"schon angenommen\"}"
call 200 POST "$C/api/resolutions/$R/cosponsors" "$NW" ""
call 409 POST "$C/api/resolutions/$R/cosponsors" "$NW" ""
call 409 POST "$C/api/resolutions/$R/votes" "$NW" "{\"choice\":\"YES\"}"
call 400 POST "$C/api/resolutions/$R/votes" "$NW" "{\"choice\":\"MAYBE\"}"
call 409 POST "$C/api/resolutions/$R/written-procedure/conclusion" "$ADMIN" ""
call 404 POST "$C/api/resolutions/no-such-resolution/withdrawal" "$BY" "{\"reason\":\"x\"}"
call 403 POST "$C/api/resolutions/$R/votes" "$BSI" "{\"choice\":\"YES\"}"
call 201 POST "$C/api/subscriptions" "$BY" "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"ResolutionAdopted\"]}"
SUB=$(field .subscriptionId)
call 400 POST "$C/api/subscriptions" "$BY" "{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"*\"]}"
call 200 POST "$C/api/subscriptions/$SUB/secret-rotation" "$BY" ""
call 403 POST "$C/api/subscriptions/$SUB/secret-rotation" "$HH" ""
call 204 DELETE "$C/api/subscriptions/$SUB" "$BY" ""
call 200 POST "$C/api/resolutions/$R/withdrawal" "$BY" "{\"reason\":\"geprüft\"}"

echo "reads through the proxy ..."
call 200 GET "$Q/api/resolutions?status=PUBLISHED&size=5" ""
P=$(field '.items[0].resolutionId')
call 200 GET "$Q/api/resolutions?status=PUBLISHED&size=1" ""
SESSION_1=$(field '.items[0].sessionId')
call 400 GET "$Q/api/resolutions?page=-1" ""
call 400 GET "$Q/api/resolutions?asOf=yesterday" ""
call 200 GET "$Q/api/resolutions?status=WITHDRAWN" "$BY"
call 404 GET "$Q/api/resolutions/$R" ""
call 200 GET "$Q/api/resolutions/$R" "$NW"
for path in "" /versions /versions/1 /versions/1/lines "/versions/1/diff?against=1" /votes /tabled-amendments /proof /akn; do
  call 200 GET "$Q/api/resolutions/$P$path" ""
done
call 400 GET "$Q/api/resolutions/$P?lang=xx" ""
call 404 GET "$Q/api/resolutions/$P/versions/99" ""
call 401 GET "$Q/api/resolutions/$P/history" ""
call 403 GET "$Q/api/resolutions/$P/history" "$BY"
call 200 GET "$Q/api/resolutions/$P/history" "$AUDITOR"
for path in /api/conference /api/sessions "/api/sessions/$SESSION_1" "/api/sessions/$SESSION_1/decisions.pdf" /api/stats /api/stats/timeline \
            /api/chair /api/chair/handovers "/api/chair?on=2024-04-19" /api/mandates "/api/mandates?overdue=true" \
            /api/feed.atom /api/ledger/public-key /api/ledger/checkpoint /api/ledger/entries/0 /oparl/v1 /oparl/v1/system \
            /oparl/v1/bodies; do
  call 200 GET "$Q$path" ""
done
call 404 GET "$Q/api/sessions/no-such-session" ""
call 400 GET "$Q/api/chair?on=someday" ""
call 401 GET "$Q/api/audit/verify" ""
call 403 GET "$Q/api/audit/verify" "$BY"
call 200 GET "$Q/api/audit/verify" "$AUDITOR"
call 200 GET "$Q/api/audit/events?limit=5" "$AUDITOR"
call 400 GET "$Q/api/audit/events?limit=0" "$AUDITOR"
call 403 GET "$Q/api/admin/projections" "$AUDITOR"
call 200 GET "$Q/api/admin/projections" "$ADMIN"
call 200 GET "$Q/api/admin/dead-letters" "$ADMIN"
call 404 GET "$Q/api/admin/projections/no-such-projection" "$ADMIN"

# Prism logs each answer that its description does not allow as a "Violation: response…". The session's deliberate
# bad requests (no token, a missing field, a wrong media type, a bad date) are logged as "Violation: request…": they
# show that Prism reads the same rules the service enforces, and are not counted.
violations=$(cat "$OUT/prism-command-side.log" "$OUT/prism-query-side.log" | grep -c "Violation: response" || true)
request_violations=$(cat "$OUT/prism-command-side.log" "$OUT/prism-query-side.log" | grep -c "Violation: request" || true)
answered=$(cat "$OUT/prism-command-side.log" "$OUT/prism-query-side.log" | grep -c "Received forward response" || true)
echo "Prism validated $answered answers ($REQUESTS requests of this script, the rest the demo's): $violations response violations ($request_violations of the deliberately bad requests flagged as such)"
if [ "$violations" -gt 0 ]; then
  for log in "$OUT/prism-command-side.log" "$OUT/prism-query-side.log"; do
    grep -B6 "Violation: response" "$log" | grep -E "HTTP SERVER\]|Violation: response" >&2 || true
  done
  echo "logs: $OUT/prism-*.log" >&2
  exit 1
fi
