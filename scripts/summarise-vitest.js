// Prints "N passed, N failed" (", N skipped" when any) from vitest JSON reports. A missing report, or a test
// file that failed to load (no test in it failed, yet the file did), counts as a failure, so a suite that never
// ran cannot look green. Exits 1 when anything failed or nothing passed.
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
  const report = JSON.parse(readFileSync(file, 'utf8'))
  // One line per suite (unit on each Node line, interop), then the total.
  console.log(`${file.replace(/^\.vitest-results-|\.json$/g, '')}: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed`)
  passed += report.numPassedTests ?? 0
  failed += report.numFailedTests ?? 0
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  const brokenFiles = (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  )
  for (const s of brokenFiles) console.log(`failed to run: ${s.name}: ${(s.message ?? '').split('\n')[0]}`)
  failed += brokenFiles.length
}

// The last line is exactly "N passed, N failed" (the CI contract); skipped tests are said on the line before.
if (skipped) console.log(`${skipped} skipped (each says why in its suite's output)`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
