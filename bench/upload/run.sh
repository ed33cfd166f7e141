#!/usr/bin/env bash
# Upload benchmark: builds the portal in Release, starts it on 127.0.0.1, signs in as the demo apprentice,
# uploads one large file through the real streaming endpoint with curl, and measures the server's memory
# (VmRSS before, VmHWM peak after) and the time, against copying the same file on the same disk.
# Prints: upload_mb=<n> seconds=<n> server_rss_growth_mb=<n> copy_seconds=<n>
# Exits 2 when the server grew by more than MAX_GROWTH_MB (default 32).
#
# Usage: bench/upload/run.sh [size_mb]   (default 200; env PORT, MAX_GROWTH_MB, SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${1:-200}
PORT=${PORT:-5391}
MAX_GROWTH_MB=${MAX_GROWTH_MB:-32}
BASE="http://127.0.0.1:${PORT}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/epaportal-bench-upload.XXXXXX")
JAR="$WORK/cookies.txt"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "# $*" >&2; }
kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }
token_from() { sed -n 's/.*name="__RequestVerificationToken"[^>]*value="\([^"]*\)".*/\1/p' "$1" | head -n 1; }

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  log "building (Release)"
  dotnet build src/EpaPortal.Web -c Release -v quiet -nologo >/dev/null
fi

APP_DIR=src/EpaPortal.Web/bin/Release/net10.0
log "starting the portal on $BASE (data in $WORK)"
(
  cd "$APP_DIR"
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_gcServer=0
  exec dotnet EpaPortal.Web.dll --urls "$BASE" \
    --ConnectionStrings:Portal="Data Source=$WORK/portal.db" \
    --Storage:Root="$WORK/evidence" \
    --Email:DropFolder="$WORK/mail" \
    --Uploads:MaxFileMegabytes=$((SIZE_MB + 16)) \
    --Uploads:QuotaMegabytesPerCase=$((SIZE_MB * 4 + 64)) \
    --Logging:LogLevel:Default=Warning
) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS "$BASE/health/live" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; echo "the portal did not start" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "$BASE/health/ready" >/dev/null

log "signing in as the demo apprentice"
curl -fsS -c "$JAR" -b "$JAR" "$BASE/Identity/Account/Login" -o "$WORK/login.html"
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" "$BASE/Identity/Account/Login" \
  --data-urlencode "Input.Email=apprentice@demo.test" \
  --data-urlencode "Input.Password=demo-password-2026" \
  --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/login.html")")
[ "$status" = "302" ] || { echo "sign-in failed ($status)" >&2; exit 1; }

curl -fsS -c "$JAR" -b "$JAR" "$BASE/apprentice/portfolio/upload" -o "$WORK/upload.html"
TOKEN=$(token_from "$WORK/upload.html")
[ -n "$TOKEN" ] || { echo "no antiforgery token on the upload page" >&2; exit 1; }

upload() {
  curl -sS -b "$JAR" -H "Accept: application/json" -H "RequestVerificationToken: $TOKEN" \
    -F "Details.Title=$2" -F "Details.Description=Benchmark upload" -F "Details.ProjectName=Benchmark" -F "Details.WorkDate=2026-10-01" \
    -F "files=@$1;type=application/pdf" "$BASE/apprentice/portfolio/upload"
}

log "making a ${SIZE_MB} MB PDF-signed file"
printf '%%PDF-1.7\n' >"$WORK/warmup.pdf"
head -c 1048576 /dev/urandom >>"$WORK/warmup.pdf"
printf '%%PDF-1.7\n' >"$WORK/big.pdf"
head -c $((SIZE_MB * 1048576 - 9)) /dev/urandom >>"$WORK/big.pdf"
sync "$WORK/big.pdf" 2>/dev/null || sync

log "warm-up upload (JIT, pools, database)"
upload "$WORK/warmup.pdf" "warm-up" | grep -q '"accepted":true' || { echo "warm-up upload failed" >&2; exit 1; }
sleep 1

rss_before=$(kib VmRSS)
start=$(date +%s.%N)
response=$(upload "$WORK/big.pdf" "big")
end=$(date +%s.%N)
hwm_after=$(kib VmHWM)
rss_after=$(kib VmRSS)
echo "$response" | grep -q '"accepted":true' || { echo "the ${SIZE_MB} MB upload was not accepted: $response" >&2; exit 1; }

log "checking the stored file downloads intact"
item_file=$(curl -fsS -b "$JAR" "$BASE/apprentice/portfolio" | grep -o 'href="/evidence/files/[0-9a-f-]*">big.pdf' | head -n 1 | sed 's/href="\([^"]*\)".*/\1/')
[ -n "$item_file" ] || { echo "the uploaded file is not listed" >&2; exit 1; }
curl -fsS -b "$JAR" "$BASE$item_file" -o "$WORK/downloaded.pdf"
[ "$(sha256sum <"$WORK/big.pdf")" = "$(sha256sum <"$WORK/downloaded.pdf")" ] || { echo "the downloaded file differs" >&2; exit 1; }
rm -f "$WORK/downloaded.pdf"

log "baseline: copying the same file on the same disk (with fsync, as the upload does)"
copy_start=$(date +%s.%N)
cp "$WORK/big.pdf" "$WORK/copy.pdf"
sync "$WORK/copy.pdf" 2>/dev/null || sync
copy_end=$(date +%s.%N)

seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
copy_seconds=$(awk -v a="$copy_start" -v b="$copy_end" 'BEGIN { printf "%.2f", b - a }')
growth_mb=$(awk -v before="$rss_before" -v peak="$hwm_after" 'BEGIN { g = (peak - before) / 1024; if (g < 0) g = 0; printf "%.1f", g }')
log "VmRSS before ${rss_before} kB, after ${rss_after} kB, peak (VmHWM) ${hwm_after} kB"

echo "upload_mb=${SIZE_MB} seconds=${seconds} server_rss_growth_mb=${growth_mb} copy_seconds=${copy_seconds}"
awk -v g="$growth_mb" -v max="$MAX_GROWTH_MB" 'BEGIN { exit (g > max) ? 2 : 0 }' || { echo "the server grew by ${growth_mb} MB, more than ${MAX_GROWTH_MB} MB" >&2; exit 2; }
