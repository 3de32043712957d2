#!/usr/bin/env bash
# Rendering and signing a 40-page report (scanvet: model → PDF/A-3b with assessment.json attached → PAdES
# ECDSA signature) against a bare pdfkit script writing the same pages (the same text, page for page, same
# font). Timed with hyperfine (Debian package); prints wall and CPU (user+sys) means and their ratios.
# The bar: scanvet within 1.5x of the bare script, and under 2 s. Needs poppler-utils (pdftotext, pdfinfo).
set -euo pipefail
cd "$(dirname "$0")/.."
for t in hyperfine pdftotext pdfinfo; do command -v $t >/dev/null || { echo "$t is needed (scripts/install-interop-deps.sh; apt-get install -y hyperfine)" >&2; exit 2; }; done
npm run build --silent

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
BENCH_ENDPOINTS=${BENCH_ENDPOINTS:-78} node bench/report-fixture.mjs "$dir"
node bench/report-scanvet.mjs "$dir"
pages=$(pdfinfo "$dir/scanvet.pdf" | awk '/^Pages:/ {print $2}')
# The text of every page of scanvet's report, for the bare script to write.
node -e '
const {execFileSync} = require("child_process")
const [pdf, n, out] = process.argv.slice(1)
const pages = []
for (let i = 1; i <= Number(n); i++) pages.push(execFileSync("pdftotext", ["-layout", "-f", String(i), "-l", String(i), pdf, "-"], {encoding: "utf8"}).split("\n").filter((l) => l.trim()))
require("fs").writeFileSync(out, JSON.stringify(pages))
' "$dir/scanvet.pdf" "$pages" "$dir/pages.json"
node bench/report-bare.mjs "$dir"
echo "scanvet report: $pages pages; bare pdfkit: $(pdfinfo "$dir/bare.pdf" | awk '/^Pages:/ {print $2}') pages"

out=$(mktemp)
hyperfine --warmup 1 --runs "${RUNS:-10}" -N --export-json "$out" \
  -n scanvet "node bench/report-scanvet.mjs $dir" \
  -n bare "node bench/report-bare.mjs $dir"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x]))
const s = by.scanvet, b = by.bare
const cpu = (x) => x.user + x.system
const f = (v) => v.toFixed(2) + " s"
console.log("")
console.log(`load average: ${require("os").loadavg().map((x) => x.toFixed(1)).join(" ")} on ${require("os").cpus().length} cores (figures taken under that load)`)
console.log(`bare pdfkit:  wall ${f(b.mean)}  cpu ${f(cpu(b))}`)
console.log(`scanvet:      wall ${f(s.mean)}  cpu ${f(cpu(s))}`)
console.log(`ratio:        wall ${(s.mean / b.mean).toFixed(2)}x  cpu ${(cpu(s) / cpu(b)).toFixed(2)}x  (bar: <= 1.5x)`)
console.log(`scanvet under 2 s: wall ${s.mean < 2 ? "yes" : "no"}, cpu ${cpu(s) < 2 ? "yes" : "no"}`)
process.exit(cpu(s) / cpu(b) <= 1.5 && cpu(s) < 2 ? 0 : 1)
' "$out"
rm -f "$out"
