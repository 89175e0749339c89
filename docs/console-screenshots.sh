#!/usr/bin/env bash
# Remakes the console screenshots in docs/ (console-jobs.png, console-job.png): runs the demo with --keep-open and
# has headless chromium (Debian's `chromium` package) photograph the jobs page and the page of the job with a
# failed row. Run from anywhere: bash docs/console-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 2; }

dotnet build examples/demo -v q -nologo >/dev/null
out=$(mktemp)
dotnet examples/demo/bin/Debug/net10.0/Demo.dll --keep-open >"$out" 2>&1 &
demo=$!
profiles=()
cleanup() {
  kill -TERM "$demo" 2>/dev/null || true   # not INT: a background job of a script ignores SIGINT
  wait "$demo" 2>/dev/null || true
  rm -rf "$out" "${profiles[@]}"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 1200); do
  url=$(sed -n 's/^Console: //p' "$out")
  [[ -n "$url" ]] && break
  kill -0 "$demo" 2>/dev/null || { cat "$out" >&2; echo "the demo stopped before printing the console URL" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "no console URL from the demo" >&2; exit 1; }

# The job whose row shows failed rows (its Failed cell is marked "bad").
job=$(curl -sS "$url" | grep -oP '<tr id="\K[0-9A-Za-z]{18}(?=">(?:(?!</tr>).)*number bad)' | head -n 1)
[[ -n "$job" ]] || { echo "no job with failed rows on $url" >&2; exit 1; }

shot() {
  local profile
  profile=$(mktemp -d)
  profiles+=("$profile")
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size="$3" --screenshot="$2" "$1" 2>/dev/null
  echo "wrote $2"
}
shot "$url" docs/console-jobs.png 1280,400
shot "${url}jobs/$job" docs/console-job.png 1280,780
