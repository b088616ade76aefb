#!/usr/bin/env bash
# Replay failed sagas from a terminal, through the service's admin API (curl only).
#
#   replay.sh one <sagaId> [resume|restart] "<reason>"     replay one saga
#   replay.sh bulk [--dry-run] [--mode resume|restart] [--status S]... [--type T] [--region R]
#             [--error-code C] [--source K] [--from ISO] [--to ISO] --reason "<reason>"
#                                                         start a bulk replay job and follow it
#   replay.sh job <jobId>                                 show a job's progress and items
#   replay.sh find [query]                                search sagas, e.g. 'status=FAILED&errorCode=Forbidden.RAM'
#   replay.sh timeline <sagaId>                           a saga's compact step history and its replays
#
# Environment:
#   EIS_URL       the service, default http://127.0.0.1:8080
#   EIS_USER      user name (an operator to replay, a viewer is enough to look)
#   EIS_PASSWORD  password; asked for when not set, so it stays out of the shell history
#
# Exit status: 0 when the replay (or job) succeeded, 1 when it was refused or failed, 2 on usage errors.
set -euo pipefail

url=${EIS_URL:-http://127.0.0.1:8080}
user=${EIS_USER:?set EIS_USER to your admin API user}
if [[ -z "${EIS_PASSWORD:-}" ]]; then
  read -rsp "password for $user: " EIS_PASSWORD; echo >&2
fi

# The credentials go to curl through a config on stdin, never on its command line (ps would show them).
config_quoted() { # escapes a value for a double-quoted curl config string
  local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"
}

call() { # method path [json]
  local method=$1 path=$2 body=${3:-}
  local args=(-sS -K - -X "$method" -H 'Accept: application/json' -w '\n%{http_code}')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  printf 'user = "%s:%s"\n' "$(config_quoted "$user")" "$(config_quoted "$EIS_PASSWORD")" | curl "${args[@]}" "$url$path"
}

# Prints the body, returns 0 for 2xx.
checked() {
  local out code
  out=$(call "$@")
  code=${out##*$'\n'}
  printf '%s\n' "${out%$'\n'*}"
  [[ $code == 2* ]] || { echo "HTTP $code" >&2; return 1; }
}

json_string() { # escapes a value for JSON
  local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"
}

usage() { sed -n '2,19p' "$0" >&2; exit 2; }

cmd=${1:-}; shift || true
case "$cmd" in
  one)
    [[ $# -ge 2 ]] || usage
    id=$1; mode=resume
    if [[ $# -ge 3 ]]; then mode=$2; reason=$3; else reason=$2; fi
    checked POST "/api/sagas/$id/replay" "{\"mode\":\"$mode\",\"reason\":$(json_string "$reason")}"
    ;;
  bulk)
    dry=false; mode=resume; reason=""; statuses=(); fields=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --dry-run) dry=true; shift ;;
        --mode) mode=$2; shift 2 ;;
        --reason) reason=$2; shift 2 ;;
        --status) statuses+=("$(json_string "$2")"); shift 2 ;;
        --type) fields+=",\"type\":$(json_string "$2")"; shift 2 ;;
        --region) fields+=",\"regionId\":$(json_string "$2")"; shift 2 ;;
        --error-code) fields+=",\"errorCode\":$(json_string "$2")"; shift 2 ;;
        --source) fields+=",\"source\":$(json_string "$2")"; shift 2 ;;
        --from) fields+=",\"from\":$(json_string "$2")"; shift 2 ;;
        --to) fields+=",\"to\":$(json_string "$2")"; shift 2 ;;
        *) usage ;;
      esac
    done
    [[ -n "$reason" ]] || { echo "--reason is required: it goes into the audit trail" >&2; exit 2; }
    list=$(IFS=,; echo "${statuses[*]:-}")
    body="{\"mode\":\"$mode\",\"dryRun\":$dry,\"reason\":$(json_string "$reason"),\"statuses\":[${list}]${fields}}"
    started=$(checked POST /api/replay-jobs "$body")
    job=$(printf '%s' "$started" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
    echo "job $job started; following it (Ctrl-C stops following, not the job)" >&2
    while :; do
      state=$(checked GET "/api/replay-jobs/$job?items=0")
      printf '%s\n' "$state" | sed -n 's/.*"status":"\([A-Z]*\)".*"matched":\([0-9]*\),"processed":\([0-9]*\),"replayed":\([0-9]*\),"skipped":\([0-9]*\).*/\1: \3 of \2 looked at, \4 replayed, \5 skipped/p' >&2
      [[ $state == *'"status":"DONE"'* ]] && break
      sleep 2
    done
    checked GET "/api/replay-jobs/$job"
    ;;
  job)
    [[ $# -eq 1 ]] || usage
    checked GET "/api/replay-jobs/$1"
    ;;
  find)
    checked GET "/api/sagas?${1:-status=FAILED&status=COMPENSATED&status=COMPENSATION_FAILED}"
    ;;
  timeline)
    [[ $# -eq 1 ]] || usage
    checked GET "/api/sagas/$1/timeline"
    ;;
  *) usage ;;
esac
