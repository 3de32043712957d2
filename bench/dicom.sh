#!/usr/bin/env bash
# `scanvet dicom check --no-pixels` (headers only) on a folder of N synthetic DX files (default 2000, identifiers planted in half of them)
# timed next to dcmtk's `dcmdump` reading the same files, with hyperfine. Prints the ratio check / dcmdump.
# `scanvet dicom deid` of the same folder is timed too (no peer: it reads, rewrites and re-checks every file).
# Needs: hyperfine, dcmtk (apt-get install -y hyperfine dcmtk).
set -euo pipefail
cd "$(dirname "$0")/.."
for t in hyperfine dcmdump; do command -v "$t" >/dev/null || { echo "$t is needed: apt-get install -y hyperfine dcmtk" >&2; exit 2; }; done
[ -d dist/commands/dicom ] || npm run build --silent
N=${N:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node --input-type=module -e '
import {mkdirSync, writeFileSync} from "node:fs"
import path from "node:path"
import {HIDING_PLACES, makeControlFile, makePlantedFile} from "./dist/dicom/deid/planted-study.js"
const [dir, n] = [process.argv[1], Number(process.argv[2])]
const places = HIDING_PLACES.filter((p) => p !== "burned-in")
for (let i = 0; i < n; i++) {
  const sub = path.join(dir, `study-${Math.floor(i / 50)}`)
  mkdirSync(sub, {recursive: true})
  const bytes = i % 2 === 0 ? makeControlFile(`bench-${i}`) : makePlantedFile({places: [places[i % places.length]], study: `bench-${Math.floor(i / 50)}`, instance: i}).bytes
  writeFileSync(path.join(sub, `${i}.dcm`), bytes)
}
' "$work/in" "$N"
echo "$N files, $(du -sh "$work/in" | cut -f1) in $work/in"

out=$(mktemp)
export SCANVET_DEID_KEY="bench-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hyperfine --warmup 1 --runs "${RUNS:-5}" -i --export-json "$out" \
  -n "scanvet dicom check" "node bin/run.js dicom check $work/in --no-pixels --json > /dev/null" \
  -n "dcmdump" "dcmdump +sd +r -q $work/in > /dev/null" \
  -n "scanvet dicom deid" "rm -rf $work/out && node bin/run.js dicom deid $work/in $work/out --json > /dev/null"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results
const by = Object.fromEntries(r.map((x) => [x.command, x.mean]))
const n = Number(process.argv[2])
const s = (v) => v.toFixed(2) + " s"
console.log("")
console.log(`dcmdump (dcmtk) reads ${n} files:     ${s(by.dcmdump)}  (${(by.dcmdump / n * 1000).toFixed(2)} ms/file)`)
console.log(`scanvet dicom check ${n} files:       ${s(by["scanvet dicom check"])}  (${(by["scanvet dicom check"] / n * 1000).toFixed(2)} ms/file)  ratio ${(by["scanvet dicom check"] / by.dcmdump).toFixed(2)}x dcmdump`)
console.log(`scanvet dicom deid ${n} files:        ${s(by["scanvet dicom deid"])}  (${(by["scanvet dicom deid"] / n * 1000).toFixed(2)} ms/file)  ratio ${(by["scanvet dicom deid"] / by.dcmdump).toFixed(2)}x dcmdump`)
console.log("Figures from a shared 2-core machine; compare ratios, not absolute times.")
' "$out" "$N"
rm -f "$out"
