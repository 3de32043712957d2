#!/usr/bin/env bash
# A quarterly batch: `scanvet run --all` over 100 vendors (profiles pointing at a few demo vendor servers on
# 127.0.0.1) against `scanvet run` of one vendor, timed with hyperfine. Shows the batch's progress once,
# then prints both means, the ratio, and the time per vendor inside the batch.
# Env: VENDORS (100), SERVERS (4), CONCURRENCY (4), RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
npm run build --silent

VENDORS=${VENDORS:-100}
SERVERS=${SERVERS:-4}
CONCURRENCY=${CONCURRENCY:-4}
RUNS=${RUNS:-3}
ws=$(mktemp -d)
out=$(mktemp)
exec 3> >(node bench/batch-fixture.mjs "$ws" "$VENDORS" "$SERVERS")
trap 'exec 3>&-; sleep 0.3; rm -rf "$ws" "$out"' EXIT
for _ in $(seq 1 100); do [ -f "$ws/.bench-ready" ] && break; sleep 0.1; done
[ -f "$ws/.bench-ready" ] || { echo "the demo vendor servers did not start" >&2; exit 1; }

echo "== One batch of $VENDORS vendors with its progress display (untimed warm-up) =="
node bin/run.js run --all --concurrency "$CONCURRENCY" -w "$ws" | tail -n 3
echo
hyperfine --runs "$RUNS" -N --export-json "$out" \
  -n one "node bin/run.js run v001 -w $ws" \
  -n batch "node bin/run.js run --all --restart --concurrency $CONCURRENCY -w $ws"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x.mean]))
const n = Number(process.argv[2])
console.log("")
console.log(`one vendor:          ${by.one.toFixed(2)} s`)
console.log(`${n} vendors (batch): ${by.batch.toFixed(2)} s   ratio ${(by.batch / by.one).toFixed(1)}x   ${((by.batch / n) * 1000).toFixed(0)} ms per vendor`)
console.log(`(${require("os").cpus().length} cores, concurrency ${process.argv[3]}; other work on the machine counts too)`)
' "$out" "$VENDORS" "$CONCURRENCY"
