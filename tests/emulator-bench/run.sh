#!/usr/bin/env bash
# Times the emulator alone on one large Bulk API 2.0 upsert: 1,000,000 Account rows × 9 columns (about 130 MB)
# uploaded, processed at the default (unlimited) rate, then the same file again (every row an update), with the
# successful results downloaded after each. Prints each phase's wall time and the emulator's own memory and GC
# figures (from /__emulator/stats). A measurement to read, never a pass/fail test.
#
# Usage: tests/emulator-bench/run.sh [ROWS]            (default 1000000)
# Environment:
#   DOTNET_gcServer=1 / DOTNET_gcConcurrent=0 …  passed through to the emulator, to compare GC settings
#   BENCH_EMULATOR=PATH   an emulator binary already built (default: build Release into the work folder)
#   KEEP_WORK=1           keep the work folder (CSV, results, emulator log)
set -euo pipefail

rows=${1:-1000000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d -t emulator-bench.XXXXXX)
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "FAIL $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }
json() { node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8")); console.log(eval(process.argv[1]))' "$1"; }

emulator=${BENCH_EMULATOR:-}
if [[ -z "$emulator" ]]; then
  dotnet build "$repo/src/SalesforceEmulator" -c Release -o "$work/emulator" --nologo -v quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; fail "emulator build"; }
  emulator="$work/emulator/SalesforceEmulator"
fi

csv="$work/accounts.csv"
started=$(now)
awk -v rows="$rows" 'BEGIN {
  split("Agriculture Banking Education Energy Manufacturing Retail Technology", industry, " ")
  print "External_Id__c,Name,AccountNumber,Industry,AnnualRevenue,NumberOfEmployees,Website,Phone,Description"
  for (i = 1; i <= rows; i++)
    printf "EXT-%07d,Account %d,AN-%07d,%s,%d.5,%d,https://www.example.com/a/%d,+1 555 %07d,\"Row %d, quoted \"\"text\"\" to parse\"\n",
      i, i, i, industry[i % 7 + 1], i * 10, i % 5000, i, i, i
}' >"$csv"
echo "input: $rows rows, $(du -m "$csv" | cut -f1) MB ($(since "$started") to write)"

"$emulator" --port 0 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
base=""
for _ in $(seq 1 100); do
  base=$(head -n 1 "$work/emulator.out" 2>/dev/null || true)
  [[ -n "$base" ]] && break
  sleep 0.1
done
[[ -n "$base" ]] || { cat "$work/emulator.err"; fail "emulator did not start"; }
token=$(curl -sS -X POST "$base/services/oauth2/token" -d grant_type=refresh_token -d client_id=emulator-client \
  -d client_secret=emulator-secret -d refresh_token=emulator-refresh-token | json 'r.access_token')
auth=(-H "Authorization: Bearer $token")
api="$base/services/data/v60.0/jobs/ingest"

upsert() { # label
  local job started
  job=$(curl -sS "${auth[@]}" -H 'Content-Type: application/json' -X POST "$api" \
    -d '{"object":"Account","operation":"upsert","externalIdFieldName":"External_Id__c","lineEnding":"LF"}' | json 'r.id')
  started=$(now)
  curl -sS -f "${auth[@]}" -H 'Content-Type: text/csv' -T "$csv" "$api/$job/batches" >/dev/null || fail "upload"
  local upload; upload=$(since "$started")
  started=$(now)
  curl -sS -f "${auth[@]}" -H 'Content-Type: application/json' -X PATCH "$api/$job" -d '{"state":"UploadComplete"}' >/dev/null
  local info state
  while true; do
    info=$(curl -sS "${auth[@]}" "$api/$job")
    state=$(json 'r.state' <<<"$info")
    [[ $state == JobComplete || $state == Failed || $state == Aborted ]] && break
    sleep 0.05
  done
  local processing; processing=$(since "$started")
  [[ $state == JobComplete ]] || fail "$1: job ended $state: $info"
  started=$(now)
  local bytes; bytes=$(curl -sS -f "${auth[@]}" "$api/$job/successfulResults" -o "$work/results.csv" -w '%{size_download}')
  local results; results=$(since "$started")
  printf '%-8s upload %s | close→JobComplete %s (emulator: %s ms, %s processed, %s failed) | successfulResults %s (%s MB)\n' \
    "$1" "$upload" "$processing" "$(json 'r.totalProcessingTime' <<<"$info")" "$(json 'r.numberRecordsProcessed' <<<"$info")" \
    "$(json 'r.numberRecordsFailed' <<<"$info")" "$results" "$((bytes / 1000000))"
}

upsert insert
upsert update
curl -sS "$base/__emulator/stats" | json 'const p = r.process; `emulator process: peak working set ${(p.peakWorkingSetBytes/1e6).toFixed(0)} MB, GC pauses ${p.gcPauseMilliseconds} ms, collections gen0/1/2 ${p.gcCollections.join("/")}, server GC ${p.serverGc}, latency mode ${p.gcLatencyMode}`'
curl -sS "$base/__emulator/stats?gc=true" | json 'const p = r.process; `after a full collection: managed heap ${(p.managedHeapBytes/1e6).toFixed(0)} MB, working set ${(p.workingSetBytes/1e6).toFixed(0)} MB (rows stored: ${r.rows.Account.upsert})`'
