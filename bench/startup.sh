#!/usr/bin/env bash
# Start-up cost of the CLI: `scanvet --help` and `scanvet vendor list --json` against a bare `node -e ''`,
# timed with hyperfine (Debian package). Prints each ratio; the bar is --help at most 3x bare node (with the oclif plugins loaded).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
[ -f dist/index.js ] || [ -d dist/commands ] || npm run build --silent

ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
node bin/run.js init "$ws" --org "Bench Practice" >/dev/null
for i in 1 2 3; do node bin/run.js vendor add "vendor-$i" --name "Vendor $i" --endpoint "https://127.0.0.1:$((9000 + i))" -w "$ws" >/dev/null; done

out=$(mktemp)
hyperfine --warmup 3 --runs "${RUNS:-20}" -N --export-json "$out" \
  -n node "node -e ''" \
  -n help "node bin/run.js --help" \
  -n "vendor-list" "node bin/run.js vendor list --json -w $ws"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x.mean]))
const ms = (s) => (s * 1000).toFixed(0) + " ms"
console.log("")
console.log(`node -e "":             ${ms(by.node)}`)
console.log(`scanvet --help:          ${ms(by.help)}  ratio ${(by.help / by.node).toFixed(2)}x  (bar: <= 3x)`)
console.log(`scanvet vendor list:     ${ms(by["vendor-list"])}  ratio ${(by["vendor-list"] / by.node).toFixed(2)}x`)
process.exit(by.help / by.node <= 3 ? 0 : 1)
' "$out"
rm -f "$out"
