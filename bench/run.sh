#!/usr/bin/env bash
# EpaPortal benchmark (bench/README.md). After `dotnet build -c Release` it:
#   1. generates a volume database (default 10,000 cases) with the portal's hidden --generate-volume command,
#   2. starts the built portal (Release, Development environment for the demo passwords) on 127.0.0.1,
#   3. signs in with curl as the demo admin, the demo assessor (a ~200-case caseload) and the demo apprentice,
#   4. measures each page with wrk (-t2 -c16 -d10s after a 20 s warm-up: the JIT settles, see README) against a baseline: /bench/ping, a
#      trivial MVC action behind the same sign-in,
#   5. uploads a 200 MB file through the real streaming endpoint and measures time and server memory,
#   6. restarts the portal on the Azure Blob evidence store (Azurite, started here on a free port) and
#      measures the same upload again.
# Prints one line per page:   page=<name> rps=<n> p99_ms=<n> ratio=<rps/baseline_rps>
# one line per upload:         upload_mb=200 seconds=<n> server_rss_growth_mb=<n> copy_seconds=<n> ratio_to_copy=<n>
# and for the blob store:      upload_mb=200 store=blob seconds=<n> server_rss_growth_mb=<n>
# then "# target ..." lines saying which of issue 11's targets held. Exits 0 unless STRICT=1 and a target was missed.
#
# Settings (environment): CASES=10000 PORT=5392 THREADS=2 CONNECTIONS=16 DURATION=10 WARMUP=20 UPLOAD_MB=200
#   DEMO_PASSWORD=<the demo password the portal was started with> (default: the Development one);
#   DATA_DIR=<folder> keeps the generated database there and reuses it next time (generation takes minutes);
#   BUILD=1 runs `dotnet build -c Release` first; STRICT=1 exits 3 when a target is missed;
#   ONLY=pages or ONLY=upload runs one half (ONLY=upload needs no generated data: the demo data is enough);
#   ONLY=blob runs the blob-store upload alone; BLOB=0 leaves it out (it needs `azurite-blob`:
#   npm install -g azurite@3.37.0).
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-10000}
PORT=${PORT:-5392}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-20}
UPLOAD_MB=${UPLOAD_MB:-200}
ONLY=${ONLY:-}
BLOB=${BLOB:-1}
case "$ONLY" in ""|pages|upload|blob) ;; *) echo "bench: ONLY is pages, upload or blob" >&2; exit 1 ;; esac
RUN_PAGES=0; RUN_FILE_UPLOAD=0; RUN_BLOB_UPLOAD=0
case "$ONLY" in
  "") RUN_PAGES=1; RUN_FILE_UPLOAD=1; RUN_BLOB_UPLOAD=$BLOB ;;
  pages) RUN_PAGES=1 ;;
  upload) RUN_FILE_UPLOAD=1; RUN_BLOB_UPLOAD=$BLOB ;;
  blob) RUN_BLOB_UPLOAD=1 ;;
esac
BASE="http://127.0.0.1:${PORT}"
APP_DIR="$PWD/src/EpaPortal.Web/bin/Release/net10.0"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/epaportal-bench.XXXXXX")
DATA=${DATA_DIR:-$WORK/data}
SERVER_PID=""
AZURITE_PID=""

stop_pid() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  stop_pid "$SERVER_PID"
  stop_pid "$AZURITE_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "# $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi; }
token_from() { sed -n 's/.*name="__RequestVerificationToken"[^>]*value="\([^"]*\)".*/\1/p' "$1" | head -n 1; }
kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }

# --- tools ------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get)"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || fail "curl is needed"
if [ "${BUILD:-0}" = "1" ]; then
  log "building (Release)"
  dotnet build -c Release -v quiet -nologo >/dev/null
fi
[ -f "$APP_DIR/EpaPortal.Web.dll" ] || fail "no Release build: run 'dotnet build -c Release' first (or BUILD=1 bench/run.sh)"

portal_exec() {
  # Replaces the calling (sub)shell with the built portal, so a background "portal_exec ... &" has the
  # server's own pid in $!; extra arguments are added.
  cd "$APP_DIR"
  export ASPNETCORE_ENVIRONMENT=Development
  exec dotnet EpaPortal.Web.dll \
    --ConnectionStrings:Portal="Data Source=$DATA/portal.db" \
    --Storage:Root="$DATA/evidence" \
    --Email:DropFolder="$WORK/mail" \
    --Logging:LogLevel:Default=Warning \
    "$@"
}

portal() { ( portal_exec "$@" ); }

# --- data ---------------------------------------------------------------------------------------------
mkdir -p "$DATA"
if [ "$RUN_PAGES" = "0" ]; then
  log "upload only: the demo data is enough"
elif [ -f "$DATA/volume-$CASES.done" ]; then
  log "reusing the generated database in $DATA"
else
  log "generating $CASES cases into $DATA (a few minutes)"
  start=$(date +%s)
  portal --generate-volume "$CASES" --Logging:LogLevel:EpaPortal.Web.Data.Seed=Information >"$WORK/generate.log" 2>&1 \
    || { cat "$WORK/generate.log" >&2; fail "generation failed"; }
  grep '^volume cases_before' "$WORK/generate.log" | sed 's/^/# /' >&2
  log "generated in $(( $(date +%s) - start )) s"
  touch "$DATA/volume-$CASES.done"
fi

# --- server -------------------------------------------------------------------------------------------
# Another server on the port (an earlier run, another checkout) would be measured instead of this one.
if curl -s -o /dev/null --max-time 2 "$BASE/health/live"; then
  fail "something already answers on $BASE: stop it or choose another PORT"
fi
start_server() {
  # start_server [extra portal arguments]: the quota is raised so a reused DATA_DIR keeps accepting the
  # benchmark's uploads (they stay in DATA_DIR).
  log "starting the portal on $BASE $*"
  portal_exec --urls "$BASE" \
    --Uploads:MaxFileMegabytes=$((UPLOAD_MB + 16)) \
    --Uploads:QuotaMegabytesPerCase=$((UPLOAD_MB * 1000)) \
    "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$BASE/health/live" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; fail "the portal did not start"; fi
    sleep 0.5
  done
  curl -fsS "$BASE/health/ready" >/dev/null || { curl -sS "$BASE/health/ready" >&2; fail "the portal is not ready"; }
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; fail "the portal stopped after starting"; }
}

stop_server() { stop_pid "$SERVER_PID"; SERVER_PID=""; }

if [ "$RUN_PAGES" = "1" ] || [ "$RUN_FILE_UPLOAD" = "1" ]; then
  start_server
fi

sign_in() {
  # sign_in <email> <jar>: the login form's antiforgery token and cookie, then the POST.
  local email=$1 jar=$2 page="$WORK/login.html" status
  curl -fsS -c "$jar" -b "$jar" "$BASE/Identity/Account/Login" -o "$page"
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$BASE/Identity/Account/Login" \
    --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=${DEMO_PASSWORD:-demo-password-2026}" \
    --data-urlencode "__RequestVerificationToken=$(token_from "$page")")
  [ "$status" = "302" ] || fail "sign-in as $email failed ($status)"
}

cookie_header() {
  # Every cookie in the jar (sign-in and antiforgery), as a browser would send them.
  awk -F'\t' 'NF >= 7 && $1 !~ /^# / { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$1"
}

ADMIN_JAR="$WORK/admin.jar"; ASSESSOR_JAR="$WORK/assessor.jar"; APPRENTICE_JAR="$WORK/apprentice.jar"
if [ "$RUN_PAGES" = "1" ]; then
  log "signing in (admin, assessor)"
  sign_in admin@demo.test "$ADMIN_JAR"
  sign_in assessor@demo.test "$ASSESSOR_JAR"
fi
if [ "$RUN_FILE_UPLOAD" = "1" ]; then
  log "signing in (apprentice)"
  sign_in apprentice@demo.test "$APPRENTICE_JAR"
fi


cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("wrk_result requests=%d rps=%.1f p99_ms=%.2f errors=%d status_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(99) / 1000, errors, summary.errors.status))
end
LUA

declare -A RPS P99
measure() {
  # measure <name> <jar> <path>: checks the page answers 200 to this sign-in, warms it up, measures it.
  local name=$1 jar=$2 path=$3 status cookie result
  status=$(curl -sS -o "$WORK/$name.html" -w '%{http_code}' -b "$jar" "$BASE$path")
  [ "$status" = "200" ] || fail "$path answered $status for the benchmark user"
  cookie=$(cookie_header "$jar")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -H "Cookie: $cookie" "$BASE$path" >/dev/null
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -H "Cookie: $cookie" -s "$WORK/report.lua" "$BASE$path" | grep '^wrk_result')
  case "$result" in *" errors=0 status_errors=0"*) ;; *) log "WARNING: $path had errors under load: $result" ;; esac
  status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$BASE$path")
  [ "$status" = "200" ] || fail "$path answered $status after the run (session lost?)"
  RPS[$name]=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$result")
  P99[$name]=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$result")
  log "$name $path: $result"
}

PAGES=()
if [ "$RUN_PAGES" = "1" ]; then
  status=$(curl -sS -b "$ASSESSOR_JAR" -o "$WORK/caseload.html" -w '%{http_code}' "$BASE/assessor")
  [ "$status" = "200" ] || fail "the assessor caseload answered $status"
  CASE_ID=$(sed -n 's|.*href="/assessor/cases/\([0-9][0-9]*\)".*|\1|p' "$WORK/caseload.html" | sed -n 1p)
  [ -n "$CASE_ID" ] || fail "no case on the assessor's caseload"
  PAGES=(baseline caseload admin_cases case_page)
  log "measuring: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s of warm-up; case page = case $CASE_ID"
  measure baseline "$ADMIN_JAR" /bench/ping
  measure caseload "$ASSESSOR_JAR" /assessor
  measure admin_cases "$ADMIN_JAR" /admin/cases
  measure case_page "$ADMIN_JAR" "/admin/cases/$CASE_ID"
fi

# --- upload -------------------------------------------------------------------------------------------
make_files() {
  [ -f "$WORK/big.pdf" ] && return
  log "making a ${UPLOAD_MB} MB PDF-signed file"
  printf '%%PDF-1.7\n' >"$WORK/warmup.pdf"; head -c 1048576 /dev/urandom >>"$WORK/warmup.pdf"
  printf '%%PDF-1.7\n' >"$WORK/big.pdf"; head -c $((UPLOAD_MB * 1048576 - 9)) /dev/urandom >>"$WORK/big.pdf"
  sync "$WORK/big.pdf" 2>/dev/null || sync
}

measure_upload() {
  # measure_upload <jar> <name>: uploads big.pdf as <name> after a warm-up, checks the download matches,
  # and sets UP_SECONDS and UP_GROWTH_MB (peak RSS during the upload minus RSS before it).
  local jar=$1 name=$2 token response item_file rss_before hwm_after start end
  curl -fsS -b "$jar" -c "$jar" "$BASE/apprentice/portfolio/upload" -o "$WORK/upload.html"
  token=$(token_from "$WORK/upload.html")
  [ -n "$token" ] || fail "no antiforgery token on the upload page"
  upload() {
    curl -sS -b "$jar" -H "Accept: application/json" -H "RequestVerificationToken: $token" \
      -F "Details.Title=$2" -F "Details.Description=Benchmark upload" -F "Details.ProjectName=Benchmark" -F "Details.WorkDate=2026-10-01" \
      -F "files=@$1;type=application/pdf;filename=$3" "$BASE/apprentice/portfolio/upload"
  }
  response=$(upload "$WORK/warmup.pdf" "warm-up $name" "warmup.pdf")
  echo "$response" | grep -q '"accepted":true' || { tail -n 40 "$WORK/server.log" >&2; fail "the warm-up upload failed: $response"; }
  sleep 2

  # The peak (VmHWM) is reset first, so what the page benchmarks allocated does not count as upload growth.
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || log "could not reset the peak RSS (old kernel?): growth may be over-stated"
  rss_before=$(kib VmRSS)
  start=$(date +%s.%N)
  response=$(upload "$WORK/big.pdf" "$name" "$name")
  end=$(date +%s.%N)
  hwm_after=$(kib VmHWM)
  echo "$response" | grep -q '"accepted":true' || fail "the ${UPLOAD_MB} MB upload ($name) was not accepted: $response"

  item_file=$(curl -fsS -b "$jar" "$BASE/apprentice/portfolio" | grep -o "href=\"/evidence/files/[0-9a-f-]*\">$name" | head -n 1 | sed 's/href="\([^"]*\)".*/\1/')
  [ -n "$item_file" ] || fail "the uploaded file $name is not listed"
  curl -fsS -b "$jar" "$BASE$item_file" -o "$WORK/downloaded.pdf"
  [ "$(sha256sum <"$WORK/big.pdf")" = "$(sha256sum <"$WORK/downloaded.pdf")" ] || fail "the downloaded file differs from the upload ($name)"
  rm -f "$WORK/downloaded.pdf"
  UP_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  UP_GROWTH_MB=$(awk -v before="$rss_before" -v peak="$hwm_after" 'BEGIN { g = (peak - before) / 1024; if (g < 0) g = 0; printf "%.1f", g }')
}

if [ "$RUN_FILE_UPLOAD" = "1" ]; then
  make_files
  measure_upload "$APPRENTICE_JAR" "big.pdf"
  seconds=$UP_SECONDS; growth_mb=$UP_GROWTH_MB

  # Baseline: copying the same file on the same disk, forced to disk as the upload is before its rename.
  copy_start=$(date +%s.%N)
  cp "$WORK/big.pdf" "$WORK/copy.pdf"
  sync "$WORK/copy.pdf" 2>/dev/null || sync
  copy_end=$(date +%s.%N)
  rm -f "$WORK/copy.pdf"
fi

# --- upload to the blob store (Azurite) -------------------------------------------------------------------
if [ "$RUN_BLOB_UPLOAD" = "1" ]; then
  command -v azurite-blob >/dev/null 2>&1 || fail "azurite-blob is needed for the blob upload: npm install -g azurite@3.37.0 (or BLOB=0)"
  stop_server
  AZURITE_PORT=${AZURITE_PORT:-$((PORT + 100))}
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$AZURITE_PORT/" && fail "something already answers on port $AZURITE_PORT: choose another AZURITE_PORT"
  mkdir -p "$WORK/azurite"
  # An account made up for this run: no key is written anywhere.
  azurite_key=$(head -c 64 /dev/urandom | base64 -w0)
  AZURITE_ACCOUNTS="bench:$azurite_key" azurite-blob --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
    --location "$WORK/azurite" --skipApiVersionCheck --silent >"$WORK/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$AZURITE_PORT/" && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$WORK/azurite.log" >&2; fail "Azurite did not start"; }
    sleep 0.5
  done
  export Storage__AzureBlob__ConnectionString="DefaultEndpointsProtocol=http;AccountName=bench;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/bench;"
  start_server --Storage:Provider=AzureBlob --Storage:AzureBlob:Container=evidence
  unset Storage__AzureBlob__ConnectionString
  BLOB_JAR="$WORK/apprentice-blob.jar"
  sign_in apprentice@demo.test "$BLOB_JAR"
  make_files
  measure_upload "$BLOB_JAR" "big-blob.pdf"
  blob_seconds=$UP_SECONDS; blob_growth_mb=$UP_GROWTH_MB
fi

# --- report -------------------------------------------------------------------------------------------
missed=0
target() {
  # target <description> <awk arguments whose BEGIN block exits 0 when the target holds>
  local text=$1; shift
  if awk "$@"; then log "target met:    $text"; else log "target MISSED: $text"; missed=1; fi
}

if [ ${#PAGES[@]} -gt 0 ]; then
base=${RPS[baseline]}
for name in "${PAGES[@]}"; do
  awk -v n="$name" -v r="${RPS[$name]}" -v p="${P99[$name]}" -v b="$base" \
    'BEGIN { printf "page=%s rps=%.0f p99_ms=%.1f ratio=%.3f\n", n, r, p, r / b }'
done
fi

if [ "$RUN_FILE_UPLOAD" = "1" ]; then
copy_seconds=$(awk -v a="$copy_start" -v b="$copy_end" 'BEGIN { printf "%.2f", b - a }')
ratio_to_copy=$(awk -v s="$seconds" -v c="$copy_seconds" 'BEGIN { printf "%.2f", (c > 0) ? s / c : 0 }')
echo "upload_mb=${UPLOAD_MB} seconds=${seconds} server_rss_growth_mb=${growth_mb} copy_seconds=${copy_seconds} ratio_to_copy=${ratio_to_copy}"
fi
if [ "$RUN_BLOB_UPLOAD" = "1" ]; then
echo "upload_mb=${UPLOAD_MB} store=blob seconds=${blob_seconds} server_rss_growth_mb=${blob_growth_mb}"
fi

if [ ${#PAGES[@]} -gt 0 ]; then
  for name in caseload admin_cases; do
    target "$name ratio >= 0.12" -v r="${RPS[$name]}" -v b="$base" 'BEGIN { exit !(r / b >= 0.12) }'
    target "$name p99 <= 50 ms at $CONNECTIONS connections" -v p="${P99[$name]}" 'BEGIN { exit !(p <= 50) }'
  done
  target "case_page ratio >= 0.25" -v r="${RPS[case_page]}" -v b="$base" 'BEGIN { exit !(r / b >= 0.25) }'
fi
if [ "$RUN_FILE_UPLOAD" = "1" ]; then
  target "upload grows the server by <= 32 MB" -v g="$growth_mb" 'BEGIN { exit !(g <= 32) }'
  target "upload takes <= 3x the copy" -v s="$seconds" -v c="$copy_seconds" 'BEGIN { exit !(s <= 3 * c) }'
fi
if [ "$RUN_BLOB_UPLOAD" = "1" ]; then
  target "blob-store upload grows the server by <= 16 MB" -v g="$blob_growth_mb" 'BEGIN { exit !(g <= 16) }'
fi
log "machine: $(nproc) CPU, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${STRICT:-0}" = "1" ] && [ "$missed" = "1" ]; then exit 3; fi
