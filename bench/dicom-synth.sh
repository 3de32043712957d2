#!/usr/bin/env bash
# Cost of making a synthetic canary study: `scanvet dicom synth --modality CT` (3 slices, dcmjs) against a bare
# `node -e ''` and against dcmtk's dump2dcm writing the same three slices from text dumps (a C++ peer that does
# the same job: attributes + pixels → Part 10). Timed with hyperfine; prints ratios. Needs dcmtk for the peer.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
command -v dump2dcm >/dev/null || { echo "dcmtk is needed: scripts/install-interop-deps.sh" >&2; exit 2; }
[ -d dist/commands/dicom ] || npm run build --silent

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node bin/run.js dicom synth --modality CT --output "$tmp/src" >/dev/null
mkdir -p "$tmp/bin" "$tmp/peer"
for f in "$tmp"/src/*.dcm; do dcmdump +W "$tmp/bin" +L "$f" > "$tmp/$(basename "$f" .dcm).dump"; done
peer="for d in $tmp/*.dump; do dump2dcm \$d $tmp/peer/\$(basename \$d .dump).dcm; done"

out=$(mktemp)
hyperfine --warmup 2 --runs "${RUNS:-15}" --export-json "$out" \
  -n node "node -e ''" \
  -n synth "node bin/run.js dicom synth --modality CT --output $tmp/out" \
  -n dump2dcm "$peer"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x.mean]))
const ms = (s) => (s * 1000).toFixed(0) + " ms"
console.log("")
console.log(`node -e "":                          ${ms(by.node)}`)
console.log(`scanvet dicom synth --modality CT:   ${ms(by.synth)}  ratio ${(by.synth / by.node).toFixed(2)}x node`)
console.log(`dcmtk dump2dcm, same 3 slices:       ${ms(by.dump2dcm)}  scanvet/dump2dcm ${(by.synth / by.dump2dcm).toFixed(2)}x`)
' "$out"
rm -f "$out"
