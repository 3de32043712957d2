#!/usr/bin/env bash
# Reading a 60-page SOC 2 report: `scanvet probe soc2` for a vendor and `--file` with no workspace (whole CLI:
# scanvet's direct text reader, layout, extraction, checks) against poppler's pdftotext (text only, C++) and a bare pdf.js text dump in Node.
# Needs hyperfine and poppler-utils. Prints hyperfine's table and the ratios to pdftotext.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
WS=$(mktemp -d)
trap 'rm -rf "$WS"' EXIT
node bin/run.js init "$WS" --org "Bench Practice" >/dev/null
mkdir -p "$WS/vendors/bench"
node bench/make-soc2-report.mjs "$WS/vendors/bench/soc2.pdf" 60
cat > "$WS/vendors/bench/vendor.yaml" <<YAML
id: bench
name: Bench Imaging AI, Inc.
service: Radiology AI Platform
jurisdictions: [US]
endpoints: [{url: "https://127.0.0.1:9/v1", role: api}]
soc2: {securityTxt: false}
evidence: [{kind: soc2-report, path: soc2.pdf}]
YAML
PDFJS="import('pdfjs-dist/legacy/build/pdf.mjs').then(async (p) => { const d = await p.getDocument({data: new Uint8Array(require('fs').readFileSync('$WS/vendors/bench/soc2.pdf')), verbosity: 0}).promise; for (let i = 1; i <= d.numPages; i++) await (await d.getPage(i)).getTextContent() })"
echo "report: $(du -h "$WS/vendors/bench/soc2.pdf" | cut -f1), $(pdfinfo "$WS/vendors/bench/soc2.pdf" | awk '/^Pages/ {print $2}') pages (figures taken on a shared 2-core machine, under load)"
hyperfine --warmup 1 --runs 5 --export-json "$WS/h.json" \
  -n pdftotext "pdftotext $WS/vendors/bench/soc2.pdf /dev/null" \
  -n pdfjs-text "node -e \"$PDFJS\"" \
  -n scanvet-probe-soc2 "node bin/run.js probe soc2 bench --json -w $WS" \
  -n scanvet-soc2-file "node bin/run.js probe soc2 --file $WS/vendors/bench/soc2.pdf --json"
node -e "const r = require('$WS/h.json').results; const base = r.find((x) => x.command === 'pdftotext').mean; for (const x of r) console.log(x.command.padEnd(20), (x.mean * 1000).toFixed(0).padStart(6), 'ms', (x.mean / base).toFixed(1).padStart(6), 'x pdftotext')"
