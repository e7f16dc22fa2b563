#!/usr/bin/env bash
# Smoke test of the real raadsbrief-reportd binary: it starts on an ephemeral loopback port and
# announces it on its first stdout line, answers GET /api/v1/, and exits 0 on SIGTERM. Bad options
# and an unreadable dataset exit 2 with one line on stderr.
# Usage: reportd-smoke.sh RAADSBRIEF-REPORTD DATASET [PYTHON3]
set -euo pipefail

exe=$1
dataset=$2
python=${3:-/usr/bin/python3}
tmp=$(mktemp -d)
pid=

fail() {
  echo "reportd-smoke: $*" >&2
  [[ -s $tmp/err ]] && sed 's/^/  stderr: /' "$tmp/err" >&2
  exit 1
}
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# 1. Wrong use: exit code 2 and a one-line reason.
for args in "--port nope" "--data $tmp/does-not-exist.json" "--frobnicate 1"; do
  rc=0
  # shellcheck disable=SC2086
  "$exe" $args >"$tmp/out" 2>"$tmp/err" || rc=$?
  [[ $rc == 2 ]] || fail "'$args' gave exit code $rc, expected 2"
  [[ $(wc -l <"$tmp/err") == 1 && $(head -c 20 "$tmp/err") == "raadsbrief-reportd: " ]] ||
    fail "'$args' did not give a one-line reason"
done
: >"$tmp/err"

# 2. Start on port 0 and read the address from the first line.
coproc SERVER { exec "$exe" --port 0 --data "$dataset" 2>"$tmp/err"; }
pid=$SERVER_PID
line=
read -r -t 10 line <&"${SERVER[0]}" || fail "no start line within 10 s"
re='^raadsbrief-reportd: (http://127\.0\.0\.1:([0-9]+)/api/v1) \(dataset: (.+)\)$'
[[ $line =~ $re ]] || fail "unexpected start line: '$line'"
url=${BASH_REMATCH[1]}
[[ ${BASH_REMATCH[2]} != 0 ]] || fail "announced port 0"

# 3. The discovery document over HTTP.
"$python" - "$url/" <<'PY' || fail "GET $url/ failed"
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
    assert r.status == 200, r.status
    assert r.headers["Content-Type"] == "application/json; charset=utf-8", r.headers["Content-Type"]
    assert r.headers["ETag"], "no ETag"
    doc = json.load(r)
assert doc["api"] == "raadsbrief-reporting", doc
assert doc["version"] == 1, doc
PY

# 4. SIGTERM: the server stops by itself, with exit code 0.
kill -TERM "$pid"
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
rc=0
wait "$pid" || rc=$?
pid=
[[ $rc == 0 ]] || fail "exit code $rc after SIGTERM, expected 0"
echo "reportd-smoke: ok ($url)"
