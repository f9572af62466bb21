#!/usr/bin/env bash
# Loads the 1st DMK (Digitalministerkonferenz, 2024-04-19, Potsdam) into a running ledger over its HTTP API:
# the chair of 2024 (DE-BE with DE-BB), session 1, the five resolutions of that day with votes, adoption and
# publication, their addressees (the federal government, telecommunications companies) and partner (the WMK), the
# mandates they give, the next session (2024-10-24, Berlin), one decision taken in writing between the sessions
# (Umlaufverfahren: decided by the ledger itself at its deadline, LEDGER_DEMO_DEADLINE_SECONDS ahead, default 20) and
# the hand-over of the chair to DE-RP for 2025.
# Every request carries a fixed Idempotency-Key, so running the demo twice changes nothing the second time.
# The sponsors and the votes below are illustrative: the press release names neither.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
COMMAND_URL="${LEDGER_COMMAND_URL:-http://localhost:${LEDGER_COMMAND_PORT:-8081}}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ledger-demo.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# answers are read with a real JSON parser
if ! command -v jq >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  echo "installing jq ..." >&2
  { $SUDO apt-get install -y -q jq || { $SUDO apt-get update -q && $SUDO apt-get install -y -q jq; }; } >"$WORK/apt.log" 2>&1 \
    || { echo "the demo needs jq (apt-get install jq); see $WORK/apt.log" >&2; cat "$WORK/apt.log" >&2; exit 1; }
fi
LANDER=(DE-BW DE-BY DE-BE DE-BB DE-HB DE-HH DE-HE DE-MV DE-NI DE-NW DE-RP DE-SL DE-SN DE-ST DE-SH DE-TH)
declare -A TOKENS

tok() { # delegation or role:NAME
  local key="$1"
  if [ -z "${TOKENS[$key]:-}" ]; then
    case "$key" in
      role:*) TOKENS[$key]=$("$ROOT/ledger" token --role "${key#role:}");;
      *) TOKENS[$key]=$("$ROOT/ledger" token --delegation "$key");;
    esac
  fi
  printf '%s' "${TOKENS[$key]}"
}

key_for() { # a stable UUID-shaped idempotency key per demo step
  local h; h=$(printf 'ledger-demo/%s' "$1" | sha256sum | cut -c1-32)
  printf '%s-%s-%s-%s-%s' "${h:0:8}" "${h:8:4}" "${h:12:4}" "${h:16:4}" "${h:20:12}"
}

# post STEP WHO PATH [BODY] [IF_MATCH]: prints the response body; stops the demo on anything but 2xx
post() {
  local step="$1" who="$2" path="$3" body="${4:-}" ifmatch="${5:-}" out status
  local args=(-sS -o "$WORK/answer" -w '%{http_code}' -X POST "$COMMAND_URL$path"
    -H "Authorization: Bearer $(tok "$who")" -H "Idempotency-Key: $(key_for "$step")")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  [ -n "$ifmatch" ] && args+=(-H "If-Match: \"$ifmatch\"")
  status=$(curl "${args[@]}")
  out=$(cat "$WORK/answer"); rm -f "$WORK/answer"
  if [ "${status:0:1}" != 2 ]; then
    echo "step '$step' ($who POST $path) answered $status: $out" >&2
    exit 1
  fi
  printf '%s' "$out"
}

field() { jq -er --arg f "$1" '.[$f]'; }

echo "chair 2024: DE-BE and DE-BB (set by an administrator)"
post chair-2024 role:admin /api/chair/handovers '{"year":2024,"to":["DE-BE","DE-BB"],"effectiveFrom":"2024-01-01"}' >/dev/null

echo "session 1: 2024-04-19, Potsdam"
post session-1 DE-BE /api/sessions \
  '{"sessionId":"dmk-2024-1","number":1,"kind":"REGULAR","date":"2024-04-19","place":"Potsdam, Hasso-Plattner-Institut"}' >/dev/null
post session-1-open DE-BE /api/sessions/dmk-2024-1/opening >/dev/null

propose() { # step sponsor title text topics(json) cosponsors(json) [addressees(json)] [partners(json)] [session]
  post "$1" "$2" /api/resolutions "{\"sessionId\":\"${9:-dmk-2024-1}\",\"title\":\"$3\",\"text\":\"$4\",\"topics\":$5,\"coSponsors\":$6,\"addressees\":${7:-[]},\"partners\":${8:-[]}}" \
    | field resolutionId
}

R1=$(propose propose-1 DE-BB "Potenziale der Digitalisierung für die Ressourcennutzung" \
  "Die DMK setzt sich für datengetriebene Smart-City- und Smart-Region-Lösungen in Mobilität und Verkehr, Energie- und Wasserversorgung sowie für Green IT in der Verwaltung ein." \
  '["smart-city","green-it"]' '["DE-BE"]')
R2=$(propose propose-2 DE-BY "Stand der digitalen Transformation messen" \
  "Die DMK strebt eine unabhängige, langfristige Messung des Stands der digitalen Transformation an, beginnend mit einer Pilotstudie in der Wirtschaft gemeinsam mit dem Bund und der Wirtschaftsministerkonferenz." \
  '["monitoring"]' '[]' '["BUND"]' '["WMK"]')
R3=$(propose propose-3 DE-BE "Nationale Umsetzung der KI-Verordnung" \
  "Die DMK fordert den Bund auf, die KI-Verordnung der EU zügig national umzusetzen." \
  '["ai-act","regulation"]' '["DE-HH"]' '["BUND"]')
R4=$(propose propose-4 DE-NW "Digitale Teilhabe aller gesellschaftlichen Gruppen" \
  "Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz und die barrierefreie Gestaltung digitaler Lösungen ein." \
  '["participation","accessibility"]' '[]')
R5=$(propose propose-5 DE-SN "Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau" \
  "Die DMK richtet Forderungen zu Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau an den Bund und die Telekommunikationsunternehmen." \
  '["broadband","labour-standards"]' '["DE-TH","DE-ST"]' '["BUND","TK-UNTERNEHMEN"]')
echo "five resolutions proposed: $R1 $R2 $R3 $R4 $R5"

echo "amendments: DE-BE sharpens resolution 3; DE-HE tables an addition to resolution 4, accepted by DE-NW"
post amend-3 DE-BE "/api/resolutions/$R3/amendments" \
  '{"text":"Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und gemeinsam mit den Ländern national umzusetzen und weiteren Rechtsbedarf für die Rechtssicherheit KI-nutzender Unternehmen zu ermitteln.","reason":"Beteiligung der Länder und Rechtssicherheit ergänzt"}' 1 >/dev/null
A4=$(post table-4 DE-HE "/api/resolutions/$R4/tabled-amendments" \
  '{"text":"Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz für alle Altersgruppen und die barrierefreie Gestaltung digitaler Lösungen ein.","reason":"alle Altersgruppen"}' | field amendmentId)
post accept-4 DE-NW "/api/resolutions/$R4/tabled-amendments/$A4/acceptance" '' 1 >/dev/null
post cosponsor-4 DE-HB "/api/resolutions/$R4/cosponsors" >/dev/null

n=0
for R in "$R1" "$R2" "$R3" "$R4" "$R5"; do
  n=$((n + 1))
  echo "resolution $n: vote opened by the chair, 16 votes, adopted, published"
  post "open-$n" DE-BE "/api/resolutions/$R/voting" >/dev/null
  for land in "${LANDER[@]}"; do
    choice=YES
    [ "$n" = 5 ] && [ "$land" = DE-BW ] && choice=ABSTAIN
    post "vote-$n-$land" "$land" "/api/resolutions/$R/votes" "{\"choice\":\"$choice\"}" >/dev/null
  done
  post "adopt-$n" DE-BB "/api/resolutions/$R/adoption" >/dev/null
  post "publish-$n" DE-BE "/api/resolutions/$R/publication" '{"reference":"Digitales Brandenburg, Pressemitteilung vom 19.04.2024"}' >/dev/null
done

echo "mandates (\"noch in diesem Jahr\"): the Smart City/Smart Region exchange (DE-BB), the pilot study (DE-BY)"
M1=$(post mandate-1 DE-BE "/api/resolutions/$R1/mandates" \
  '{"task":"Den Austausch zu Smart City und Smart Region noch in diesem Jahr vertiefen","owner":"DE-BB","due":"2024-12-31"}' \
  | field mandateId)
post mandate-2 DE-BE "/api/resolutions/$R2/mandates" \
  '{"task":"Pilotstudie in der Wirtschaft mit dem Bund und der Wirtschaftsministerkonferenz aufsetzen","owner":"DE-BY","due":"2024-12-31"}' >/dev/null
post mandate-1-report DE-BB "/api/resolutions/$R1/mandates/$M1/reports" \
  '{"status":"IN_PROGRESS","note":"Fachaustausch der Länder vereinbart"}' >/dev/null

post session-1-close DE-BB /api/sessions/dmk-2024-1/closing >/dev/null
echo "session 2 scheduled: 2024-10-24, Berlin"
post session-2 DE-BE /api/sessions '{"sessionId":"dmk-2024-2","number":2,"kind":"REGULAR","date":"2024-10-24","place":"Berlin"}' >/dev/null

# Between the sessions, in writing: the ledger decides at the deadline by itself, nobody adopts. A deadline lies in
# the future, so a later run of the demo cannot repeat this step's body: the first run's procedure stands then.
QUERY_URL="${LEDGER_QUERY_URL:-http://localhost:${LEDGER_QUERY_PORT:-8082}}"
R6=$(propose propose-6 DE-HH "Digitale Souveränität der Verwaltung" \
  "Die DMK bittet den Bund, bei der Beschaffung von Software für die Verwaltung offene Standards und Open Source zu bevorzugen." \
  '["open-source"]' '["DE-SH"]' '["BUND"]' '[]' dmk-2024-2)
DEADLINE=$(date -u -d "+${LEDGER_DEMO_DEADLINE_SECONDS:-20} seconds" +%Y-%m-%dT%H:%M:%SZ)
status=$(curl -sS -o "$WORK/answer" -w '%{http_code}' -X POST "$COMMAND_URL/api/resolutions/$R6/written-procedure" \
  -H "Authorization: Bearer $(tok DE-BE)" -H "Idempotency-Key: $(key_for written-6)" -H 'Content-Type: application/json' \
  --data-binary "{\"deadline\":\"$DEADLINE\",\"rule\":\"simple-majority\"}")
case "$status" in
  200) echo "resolution 6: written procedure opened by the chair, simple majority, deadline $DEADLINE";;
  422) echo "resolution 6: its written procedure was opened by an earlier run of the demo";;
  *) echo "step 'written-6' answered $status: $(cat "$WORK/answer")" >&2; exit 1;;
esac
# seven YES, two NO: a majority, but seven members have not answered and could still turn it until the deadline
i=0
for land in DE-HH DE-SH DE-HB DE-NI DE-MV DE-BE DE-BB DE-BY DE-BW; do
  i=$((i + 1)); choice=YES; [ "$i" -gt 7 ] && choice=NO
  curl -sS -o /dev/null -X POST "$COMMAND_URL/api/resolutions/$R6/votes" -H "Authorization: Bearer $(tok "$land")" \
    -H "Idempotency-Key: $(key_for "vote-6-$land")" -H 'Content-Type: application/json' \
    --data-binary "{\"choice\":\"$choice\"}"
done
echo "resolution 6: 7 yes, 2 no in writing; waiting for the ledger to decide at the deadline ..."
decided=""
for _ in $(seq 1 $(( ${LEDGER_DEMO_DEADLINE_SECONDS:-20} + 90 ))); do
  decided=$(curl -sS "$QUERY_URL/api/resolutions/$R6" -H "Authorization: Bearer $(tok DE-BE)" \
    | jq -r 'select(.decidedBy == "DEADLINE" or .decidedBy == "EARLY_CONCLUSION") | "\(.status) by \(.decidedBy)"' 2>/dev/null || true)
  [ -n "$decided" ] && break
  sleep 1
done
[ -n "$decided" ] || { echo "resolution 6 was not decided by its deadline (see the command side's log)" >&2; exit 1; }
echo "resolution 6: $decided, with no one present"
post publish-6 DE-BE "/api/resolutions/$R6/publication" '{"reference":"DMK Umlaufbeschluss 1/2024"}' >/dev/null
echo "chair 2025: DE-RP, handed over by DE-BE"
post chair-2025 DE-BE /api/chair/handovers '{"year":2025,"to":["DE-RP"],"effectiveFrom":"2025-01-01"}' >/dev/null
echo "done: the 1st DMK is in the ledger (query side: ${LEDGER_QUERY_URL:-http://localhost:${LEDGER_QUERY_PORT:-8082}}/api/resolutions)"
