#!/usr/bin/env bash
# Records the DMK's history from 2019 to the session planned for 2024-10-24 in a running ledger, through the
# history import (POST /api/imports, one NDJSON line per command, each with its real business time):
#   the D16 meetings before the conference (2019-06-19 Potsdam, 2019-09-27 Frankfurt am Main: INFORMAL sessions,
#   recorded by an administrator, no chair then), the founding meeting of 2023-11-09 in Berlin (the conference's
#   establishment carries that date, see conference/dmk.yml), the first chair (2024: DE-BE with DE-BB),
#   the 1st DMK of 2024-04-19 in Potsdam as it happened (agenda with the guests' reports, the two guests and the 16
#   Länder present, five Beschlüsse proposed, voted, adopted and published), session 2 (2024-10-24, Berlin) and the
#   hand-over of the chair to DE-RP for 2025; the Beschlüsse's addressees (the federal government,
#   telecommunications companies) and partner (the WMK).
# Then, live over the HTTP API (these happen now): the mandates the Beschlüsse give, with a report, and one decision
# taken in writing between the sessions (Umlaufverfahren: decided by the ledger itself at its deadline,
# LEDGER_DEMO_DEADLINE_SECONDS ahead, default 20).
# Every line and request carries a fixed idempotency key, so running the demo twice writes nothing the second time.
# The ledger must have established the DMK from its founding date (a fresh LEDGER_DATA). The sponsors, the amendment
# and the votes are illustrative: the press release names none of them.
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

# Every token minted once, here, before the first step: a token is a JVM start (./ledger token), the steps call tok
# in subshells (whose cache is lost), and the written procedure's votes must reach the ledger before its deadline.
for key in "${LANDER[@]}" role:admin; do
  tok "$key" >/dev/null
done

key_for() { # a stable UUID-shaped idempotency key per demo step
  local h; h=$(printf 'ledger-demo/%s' "$1" | sha256sum | cut -c1-32)
  printf '%s-%s-%s-%s-%s' "${h:0:8}" "${h:8:4}" "${h:12:4}" "${h:16:4}" "${h:20:12}"
}

# line STEP COMMAND ACTOR OCCURRED_AT TARGET [BODY] [VERSION]: one NDJSON line of the import
line() {
  local step="$1" command="$2" actor="$3" at="$4" target="$5" body="${6:-null}" version="${7:-}"
  jq -cn --arg c "$command" --arg a "$actor" --arg t "$at" --arg k "$(key_for "$step")" --arg target "$target" \
    --argjson body "$body" --arg v "$version" \
    '{command: $c, actor: $a, occurredAt: $t, idempotencyKey: $k}
     + (if $target == "" then {} else {target: $target} end)
     + (if $body == null then {} else {body: $body} end)
     + (if $v == "" then {} else {version: ($v | tonumber)} end)' >>"$WORK/history.ndjson"
}

uuid_for() { key_for "id/$1"; }

# ---- before the conference: the D16 format (no chair, no decisions)
d16() { # id date place
  line "$1-schedule" ScheduleSession admin "${2}T08:00:00+02:00" "" \
    "{\"sessionId\":\"$1\",\"number\":$4,\"kind\":\"INFORMAL\",\"date\":\"$2\",\"place\":\"$3\"}"
  line "$1-open" OpenSession admin "${2}T10:00:00+02:00" "$1"
  line "$1-close" CloseSession admin "${2}T17:00:00+02:00" "$1"
}
d16 d16-2019-06-19 2019-06-19 "Potsdam" 1
d16 d16-2019-09-27 2019-09-27 "Frankfurt am Main" 2

# ---- the founding meeting: its decision founded the conference (the establishment, dated 2023-11-09)
line founding-schedule ScheduleSession admin "2023-11-09T09:00:00+01:00" "" \
  '{"sessionId":"d16-2023-11-09","number":3,"kind":"INFORMAL","date":"2023-11-09","place":"Berlin"}'
line founding-item AddAgendaItem admin "2023-11-09T09:05:00+01:00" d16-2023-11-09 \
  '{"kind":"OTHER","title":"Gründungsbeschluss der Digitalministerkonferenz der Länder"}'
line founding-open OpenSession admin "2023-11-09T10:00:00+01:00" d16-2023-11-09
line founding-close CloseSession admin "2023-11-09T16:00:00+01:00" d16-2023-11-09
line chair-2024 HandOverChair admin "2023-11-09T17:00:00+01:00" "" \
  '{"year":2024,"to":["DE-BE","DE-BB"],"effectiveFrom":"2024-01-01"}'

# ---- the 1st DMK, 2024-04-19, Potsdam
S1=dmk-2024-1
line session-1 ScheduleSession DE-BE "2024-03-01T10:00:00+01:00" "" \
  "{\"sessionId\":\"$S1\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"2024-04-19\",\"place\":\"Potsdam, Hasso-Plattner-Institut\"}"

TITLES=(
  "Potenziale der Digitalisierung für die Ressourcennutzung"
  "Stand der digitalen Transformation messen"
  "Nationale Umsetzung der KI-Verordnung"
  "Digitale Teilhabe aller gesellschaftlichen Gruppen"
  "Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau")
TEXTS=(
  "Die DMK setzt sich für datengetriebene Smart-City- und Smart-Region-Lösungen in Mobilität und Verkehr, Energie- und Wasserversorgung sowie für Green IT in der Verwaltung ein."
  "Die DMK strebt eine unabhängige, langfristige Messung des Stands der digitalen Transformation an, beginnend mit einer Pilotstudie in der Wirtschaft gemeinsam mit dem Bund und der Wirtschaftsministerkonferenz."
  "Die DMK fordert den Bund auf, die KI-Verordnung der EU zügig national umzusetzen."
  "Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz und die barrierefreie Gestaltung digitaler Lösungen ein."
  "Die DMK richtet Forderungen zu Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau an den Bund und die Telekommunikationsunternehmen.")
SPONSORS=(DE-BB DE-BY DE-BE DE-NW DE-SN)
TOPICS=('["smart-city","green-it"]' '["monitoring"]' '["ai-act","regulation"]' '["participation","accessibility"]' '["broadband","labour-standards"]')
COSPONSORS=('["DE-BE"]' '[]' '["DE-HH"]' '[]' '["DE-TH","DE-ST"]')
ADDRESSEES=('[]' '["BUND"]' '["BUND"]' '[]' '["BUND","TK-UNTERNEHMEN"]')
PARTNERS=('[]' '["WMK"]' '[]' '[]' '[]')
IDS=()
for i in 0 1 2 3 4; do
  n=$((i + 1)); R=$(uuid_for "resolution-$n"); IDS+=("$R")
  line "propose-$n" ProposeResolution "${SPONSORS[$i]}" "2024-03-$((10 + i))T10:00:00+01:00" "" \
    "$(jq -cn --arg id "$R" --arg s "$S1" --arg t "${TITLES[$i]}" --arg x "${TEXTS[$i]}" \
        --argjson topics "${TOPICS[$i]}" --argjson co "${COSPONSORS[$i]}" \
        --argjson to "${ADDRESSEES[$i]}" --argjson with "${PARTNERS[$i]}" \
        '{resolutionId: $id, sessionId: $s, title: $t, text: $x, topics: $topics, coSponsors: $co,
          addressees: $to, partners: $with}')"
done
line amend-3 AmendResolution DE-BE "2024-04-02T10:00:00+02:00" "${IDS[2]}" \
  '{"text":"Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und gemeinsam mit den Ländern national umzusetzen und weiteren Rechtsbedarf für die Rechtssicherheit KI-nutzender Unternehmen zu ermitteln.","reason":"Beteiligung der Länder und Rechtssicherheit ergänzt"}' 1
line cosponsor-4 CoSponsorResolution DE-HB "2024-04-03T10:00:00+02:00" "${IDS[3]}"

# the agenda: the guests' reports first, then the five resolutions
line top-1 AddAgendaItem DE-BE "2024-04-10T10:00:00+02:00" "$S1" \
  '{"kind":"REPORT","title":"Bericht zur Digitalstrategie der Bundesregierung und zur KI-Verordnung der EU","presenter":"Bundesminister für Digitales und Verkehr"}'
line top-2 AddAgendaItem DE-BE "2024-04-10T10:01:00+02:00" "$S1" \
  '{"kind":"REPORT","title":"Austausch mit der Präsidentin des Bundesamts für Sicherheit in der Informationstechnik","presenter":"Präsidentin des BSI"}'
for i in 0 1 2 3 4; do
  line "top-$((i + 3))" AddAgendaItem DE-BE "2024-04-10T10:0$((i + 2)):00+02:00" "$S1" \
    "$(jq -cn --arg t "${TITLES[$i]}" --arg r "${IDS[$i]}" '{kind: "RESOLUTION", title: $t, resolutionId: $r}')"
done

# the day: the roll call (16 Länder, two guests), the session opens, five votes, the session closes
for land in "${LANDER[@]}"; do
  line "present-$land" RecordAttendance DE-BE "2024-04-19T09:30:00+02:00" "$S1" "{\"delegation\":\"$land\",\"present\":true}"
done
line present-bmdv RecordAttendance DE-BE "2024-04-19T09:30:00+02:00" "$S1" \
  '{"guest":"DE-BMDS","name":"Bundesminister für Digitales und Verkehr","present":true}'
line present-bsi RecordAttendance DE-BE "2024-04-19T09:30:00+02:00" "$S1" \
  '{"guest":"DE-BSI","name":"Präsidentin des BSI","present":true}'
line session-1-open OpenSession DE-BE "2024-04-19T10:00:00+02:00" "$S1"
for i in 0 1 2 3 4; do
  n=$((i + 1)); R="${IDS[$i]}"; hh=$((11 + i))
  line "open-$n" OpenVote DE-BE "2024-04-19T${hh}:00:00+02:00" "$R"
  for land in "${LANDER[@]}"; do
    choice=YES
    [ "$n" = 5 ] && [ "$land" = DE-BW ] && choice=ABSTAIN
    line "vote-$n-$land" CastVote "$land" "2024-04-19T${hh}:10:00+02:00" "$R" "{\"choice\":\"$choice\"}"
  done
  line "adopt-$n" AdoptResolution DE-BB "2024-04-19T${hh}:20:00+02:00" "$R"
done
line session-1-close CloseSession DE-BB "2024-04-19T16:30:00+02:00" "$S1"
for i in 0 1 2 3 4; do
  line "publish-$((i + 1))" PublishResolution DE-BE "2024-04-19T18:0${i}:00+02:00" "${IDS[$i]}" \
    '{"reference":"Digitales Brandenburg, Pressemitteilung vom 19.04.2024"}'
done

# ---- what came next: session 2 planned for 2024-10-24 in Berlin, the chair of 2025
line session-2 ScheduleSession DE-BE "2024-05-15T10:00:00+02:00" "" \
  '{"sessionId":"dmk-2024-2","number":2,"kind":"REGULAR","date":"2024-10-24","place":"Berlin"}'
line chair-2025 HandOverChair DE-BE "2024-10-24T15:00:00+02:00" "" \
  '{"year":2025,"to":["DE-RP"],"effectiveFrom":"2025-01-01"}'

echo "importing $(wc -l <"$WORK/history.ndjson") lines of history (2019-06-19 .. 2024-10-24) ..."
status=$(curl -sS -o "$WORK/answer.ndjson" -w '%{http_code}' -X POST "$COMMAND_URL/api/imports" \
  -H "Authorization: Bearer $(tok role:admin)" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$WORK/history.ndjson")
if [ "$status" != 200 ]; then
  echo "the import answered $status: $(cat "$WORK/answer.ndjson")" >&2
  exit 1
fi
refused=$(jq -c 'select(.status >= 300)' "$WORK/answer.ndjson")
if [ -n "$refused" ]; then
  echo "refused lines (nothing was written for them):" >&2
  printf '%s\n' "$refused" >&2
  exit 1
fi
replayed=$(jq -s '[.[] | select(.replayed == true)] | length' "$WORK/answer.ndjson")
echo "every line applied ($replayed of them imported before, so not written again)"
QUERY_URL="${LEDGER_QUERY_URL:-http://localhost:${LEDGER_QUERY_PORT:-8082}}"

# ---- live: what happens now, after the history
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

propose() { # step sponsor title text topics(json) cosponsors(json) [addressees(json)] [partners(json)] [session]
  post "$1" "$2" /api/resolutions "{\"sessionId\":\"${9:-dmk-2024-1}\",\"title\":\"$3\",\"text\":\"$4\",\"topics\":$5,\"coSponsors\":$6,\"addressees\":${7:-[]},\"partners\":${8:-[]}}" \
    | field resolutionId
}

R1="${IDS[0]}"; R2="${IDS[1]}"
echo "mandates (\"noch in diesem Jahr\"): the Smart City/Smart Region exchange (DE-BB), the pilot study (DE-BY)"
M1=$(post mandate-1 DE-BE "/api/resolutions/$R1/mandates" \
  '{"task":"Den Austausch zu Smart City und Smart Region noch in diesem Jahr vertiefen","owner":"DE-BB","due":"2024-12-31"}' \
  | field mandateId)
post mandate-2 DE-BE "/api/resolutions/$R2/mandates" \
  '{"task":"Pilotstudie in der Wirtschaft mit dem Bund und der Wirtschaftsministerkonferenz aufsetzen","owner":"DE-BY","due":"2024-12-31"}' >/dev/null
post mandate-1-report DE-BB "/api/resolutions/$R1/mandates/$M1/reports" \
  '{"status":"IN_PROGRESS","note":"Fachaustausch der Länder vereinbart"}' >/dev/null

# Between the sessions, in writing: the ledger decides at the deadline by itself, nobody adopts. A deadline lies in
# the future, so a later run of the demo cannot repeat this step's body: the first run's procedure stands then.
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
echo "done: read it back at any time, e.g."
echo "  $QUERY_URL/api/sessions/$S1                    (agenda, attendance, outcomes)"
echo "  $QUERY_URL/api/resolutions?asOf=2024-04-19T23:59:59%2B02:00   (business time: what was adopted that day)"
echo "  $QUERY_URL/api/resolutions?knownAt=<an instant of this import>  (recording time: what the ledger showed then)"
