#!/usr/bin/env bash
# Times `scanvet probe tls` against sslscan and testssl.sh on the same local openssl s_server endpoints, for one
# endpoint and for ten at once, with hyperfine, and prints the ratios.
#
#   bench/tls.sh [--no-testssl] [--runs N]
#
# Needs: node, openssl, sslscan, hyperfine, testssl (Debian package testssl.sh; skipped with --no-testssl).
# scanvet must be built (npm run build). Servers listen on 127.0.0.1 only and are killed on exit.
# testssl.sh takes about a minute per endpoint, so it always runs once (--runs 1); ten endpoints take minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
TESTSSL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-testssl) TESTSSL=0 ;;
    --runs) RUNS="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in node openssl sslscan hyperfine; do command -v "$tool" >/dev/null || { echo "bench/tls.sh needs $tool" >&2; exit 2; }; done
if [ "$TESTSSL" = 1 ] && ! command -v testssl >/dev/null; then echo "testssl not found (apt-get install testssl.sh), or pass --no-testssl" >&2; exit 2; fi
[ -f "$ROOT/dist/commands/probe/tls.js" ] || { echo "build scanvet first: npm run build" >&2; exit 2; }

TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" -days 30 \
  -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null

# One s_server per endpoint (RSA-2048, openssl defaults: TLS 1.2 + 1.3), the kernel picks the port. Not run in
# a command substitution: its PID must reach PIDS in this shell so that cleanup can stop it.
PORTS=()
start_server() {
  local log="$TMP/server-$1.log"
  : >"$log"
  openssl s_server -accept 127.0.0.1:0 -cert "$TMP/cert.pem" -key "$TMP/key.pem" -www >"$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    if grep -q '^ACCEPT' "$log"; then PORTS+=("$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")"); return; fi
    sleep 0.05
  done
  echo "s_server did not start" >&2; exit 1
}

for i in $(seq 10); do start_server "$i"; done
ONE="127.0.0.1:${PORTS[0]}"
printf '%s\n' "${PORTS[@]/#/127.0.0.1:}" >"$TMP/targets.txt"
URLS=""
for p in "${PORTS[@]}"; do URLS="$URLS --url https://127.0.0.1:$p/"; done
SCANVET="node $ROOT/bin/run.js probe tls"

echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); node $(node -v), $(openssl version | cut -d' ' -f1-2), sslscan $(sslscan --version | sed 's/\x1b\[[0-9;]*m//g' | awk 'NF{print $1; exit}')"
echo "# scanvet runs with default network settings (concurrency 16, perEndpointConcurrency 8)"

hyperfine --style basic -w 1 -r "$RUNS" --export-json "$TMP/one.json" \
  -n scanvet "$SCANVET --url https://$ONE/ --json >/dev/null" \
  -n sslscan "sslscan --no-colour $ONE >/dev/null"
hyperfine --style basic -w 1 -r "$RUNS" --export-json "$TMP/ten.json" \
  -n scanvet "$SCANVET $URLS --json >/dev/null" \
  -n sslscan "xargs -P10 -I{} sslscan --no-colour {} <$TMP/targets.txt >/dev/null"
if [ "$TESTSSL" = 1 ]; then
  TESTSSL_CMD="testssl --quiet --color 0 --warnings batch"
  # testssl's exit status counts its findings, so a non-zero status is not a failure here (-i).
  hyperfine --style basic -i -r 1 --export-json "$TMP/one-testssl.json" -n testssl "$TESTSSL_CMD $ONE >/dev/null"
  hyperfine --style basic -i -r 1 --export-json "$TMP/ten-testssl.json" -n testssl "xargs -P10 -I{} $TESTSSL_CMD {} <$TMP/targets.txt >/dev/null"
fi

node --input-type=module - "$TMP" <<'JS'
import fs from 'node:fs'
const dir = process.argv[2]
const load = (f) => (fs.existsSync(`${dir}/${f}`) ? JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')).results : [])
const means = (scenario) => Object.fromEntries([...load(`${scenario}.json`), ...load(`${scenario}-testssl.json`)].map((r) => [r.command, r.mean]))
const one = means('one')
const ten = means('ten')
console.log('\nscenario      tool      mean s   vs scanvet')
for (const [name, m] of [['1 endpoint', one], ['10 endpoints', ten]]) {
  for (const [tool, mean] of Object.entries(m)) {
    console.log(`${name.padEnd(13)} ${tool.padEnd(9)} ${mean.toFixed(3).padStart(7)}   ${tool === 'scanvet' ? '' : `scanvet ${(mean / m.scanvet).toFixed(1)}x faster`}`)
  }
}
console.log(`\nscanvet, 10 endpoints at once / 1 endpoint: ${(ten.scanvet / one.scanvet).toFixed(2)}x (target: within 2x)`)
console.log(`sslscan / scanvet on 1 endpoint: ${(one.sslscan / one.scanvet).toFixed(2)}x (target: 4x)`)
JS
