#!/usr/bin/env bash
# Memory of a quarterly batch as it grows: peak resident memory (GNU time's %M) of `scanvet run` over one vendor,
# the first SMALL vendors and all LARGE vendors of one workspace, and the growth per added vendor. A batch whose
# memory is bounded shows a growth near zero: what one vendor needs is freed before the next starts.
# Env: SMALL (100), LARGE (500), SERVERS (4), CONCURRENCY (4).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 2; }
npm run build --silent

SMALL=${SMALL:-100}
LARGE=${LARGE:-500}
SERVERS=${SERVERS:-4}
CONCURRENCY=${CONCURRENCY:-4}
ws=$(mktemp -d)
exec 3> >(node bench/batch-fixture.mjs "$ws" "$LARGE" "$SERVERS")
trap 'exec 3>&-; sleep 0.3; rm -rf "$ws"' EXIT
for _ in $(seq 1 300); do [ -f "$ws/.bench-ready" ] && break; sleep 0.1; done
[ -f "$ws/.bench-ready" ] || { echo "the demo vendor servers did not start" >&2; exit 1; }

ids() { for i in $(seq 1 "$1"); do printf 'v%03d ' "$i"; done; }
peak() { # peak RSS in KiB and wall seconds of one `scanvet run` (exit 0–4 are verdicts, not failures)
  /usr/bin/time -f '%M %e' -o "$ws/.time" node bin/run.js run "$@" --restart --concurrency "$CONCURRENCY" -w "$ws" >/dev/null 2>&1 || true
  cat "$ws/.time" | tail -n 1
}
read -r one_kb one_s < <(peak v001)
# shellcheck disable=SC2046
read -r small_kb small_s < <(peak $(ids "$SMALL"))
read -r large_kb large_s < <(peak --all)
node -e '
const [oneKb, oneS, small, smallKb, smallS, large, largeKb, largeS] = process.argv.slice(1).map(Number)
const mb = (kb) => (kb / 1024).toFixed(0).padStart(5) + " MB"
console.log(`one vendor:            peak ${mb(oneKb)}   ${oneS.toFixed(1)} s`)
console.log(`${String(small).padEnd(4)} vendors (batch):  peak ${mb(smallKb)}   ${smallS.toFixed(1)} s`)
console.log(`${String(large).padEnd(4)} vendors (batch):  peak ${mb(largeKb)}   ${largeS.toFixed(1)} s`)
console.log(`growth from ${small} to ${large} vendors: ${(((largeKb - smallKb) / (large - small))).toFixed(1)} KB per vendor`)
' "$one_kb" "$one_s" "$SMALL" "$small_kb" "$small_s" "$LARGE" "$large_kb" "$large_s"
