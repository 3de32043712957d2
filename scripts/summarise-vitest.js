// Prints "N passed, N failed" (", N skipped" when any) from vitest JSON reports; exits 1 when a report is
// missing or anything failed, so a suite that never ran cannot look green.
import {existsSync, readFileSync} from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`no report: ${file}`)
    failed++
    continue
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  passed += r.numPassedTests ?? 0
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) - countFailedSuitesWithFailedTests(r)
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
}

// A suite that failed to load has no tests; count it once. Suites with failed tests are already counted.
function countFailedSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).some((a) => a.status === 'failed')).length
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
