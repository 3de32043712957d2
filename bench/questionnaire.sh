#!/usr/bin/env bash
# Questionnaire commands on the bundled questionnaire (89 questions) with the demo vendor's answers, timed
# with hyperfine against peers in the same run: bare `node -e ''`, and `scanvet validate` of the same answers
# file (schema only). Prints each ratio. The import does much more than validate (conditions, types,
# migration check, canonical write), so the question is only how much more it costs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
[ -d dist/commands/questionnaire ] || npm run build --silent

ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
node bin/run.js init "$ws" --org "Bench Practice" >/dev/null
node bin/run.js vendor add acme --name "Acme" --endpoint "https://127.0.0.1:9001" -w "$ws" >/dev/null
sed 's/^vendor: .*/vendor: acme/' templates/demo/answers.yaml > "$ws/answers-in.yaml"

out=$(mktemp)
hyperfine --warmup 2 --runs "${RUNS:-15}" -N --export-json "$out" \
  -n node "node -e ''" \
  -n validate "node bin/run.js validate $ws/answers-in.yaml --kind answers" \
  -n import "node bin/run.js questionnaire import acme $ws/answers-in.yaml -w $ws" \
  -n export-yaml "node bin/run.js questionnaire export acme -w $ws -o $ws/sheet.yaml" \
  -n export-html "node bin/run.js questionnaire export acme --format html -w $ws -o $ws/form.html" \
  -n lint "node bin/run.js questionnaire lint"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x.mean]))
const ms = (s) => (s * 1000).toFixed(0).padStart(5) + " ms"
console.log("")
for (const k of ["node", "validate", "import", "export-yaml", "export-html", "lint"]) {
  console.log(`${k.padEnd(12)} ${ms(by[k])}   ${(by[k] / by.node).toFixed(2)}x node   ${(by[k] / by.validate).toFixed(2)}x validate`)
}
' "$out"
rm -f "$out"
