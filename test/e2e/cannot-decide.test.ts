import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {pdfText} from '../helpers/pdf-text.js'
import {tempDir} from '../helpers/tmp.js'

// A vendor with nothing: no answers, no evidence, and an endpoint on 127.0.0.1 where nothing listens (refused
// at once). scanvet must not approve it, must say what is missing, and must fail every gate a cron job reads.
describe('a vendor with nothing cannot be decided (real CLI process)', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')

  it('assess says CANNOT DECIDE YET, lists what is missing on page 1, and --fail-on low exits 3', async () => {
    expect((await runCli(['init', ws, '--org', 'Riverside Imaging'])).code).toBe(0)
    const add = await runCli(['vendor', 'add', 'nothing', '--name', 'Nothing Inc', '--endpoint', 'https://127.0.0.1:1', '--jurisdiction', 'US'], {cwd: ws})
    expect(add.code, add.stderr).toBe(0)
    const r = await runCli(['assess', 'nothing', '--fail-on', 'low'], {cwd: ws, timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(3)
    expect(r.stdout).toContain('CANNOT DECIDE YET')
    expect(r.stdout).toMatch(/business associate agreement signed by both sides/)
    const rounds = path.join(ws, 'vendors', 'nothing', 'assessments')
    const dir = path.join(rounds, readdirSync(rounds)[0]!)
    const a = JSON.parse(readFileSync(path.join(dir, 'assessment.json'), 'utf8'))
    expect(a.verdict.decision).toBe('cannot-decide')
    expect(a.verdict.gates).toEqual([expect.objectContaining({id: 'baa', status: 'no-evidence'})])
    expect(a.verdict.missing.join(' ')).toMatch(/questionnaire/)
    const pages = await pdfText(path.join(dir, 'report.pdf'))
    const first = pages[0]!.replace(/\s+/g, ' ')
    expect(first).toContain('CANNOT DECIDE YET')
    expect(first).toContain('Before images can be sent, obtain:')
    expect(first).toMatch(/business associate agreement signed by both sides/)
    expect(first).not.toMatch(/APPROVED WITH CONDITIONS/)
  }, 180_000)

  it('run --all never shows ✓ for it and exits 4; with --fail-on it exits 3', async () => {
    const r = await runCli(['run', '--all'], {cwd: ws, timeoutMs: 120_000, env: {CI: 'true'}})
    expect(r.code, r.stderr).toBe(4)
    expect(r.stderr).not.toContain('✓')
    expect(r.stderr).toMatch(/nothing: CANNOT DECIDE YET/)
    // The live display (a terminal) marks each finished vendor: never ✓ for one that cannot be decided.
    const {markOf} = await import('../../src/batch/progress.js')
    expect(markOf({status: 'assessed', vendor: 'nothing', roundId: 'r', decision: 'cannot-decide', counts: {fail: 0, warn: 0, error: 0, 'not-assessed': 0, pass: 0, 'not-applicable': 0}, failsGate: false, durationMs: 1, report: 'x'})).toBe('✗')
    expect(markOf({status: 'done-earlier', vendor: 'n', roundId: 'r', decision: 'not-approved', failsGate: false})).not.toBe('✓')
    expect(markOf({status: 'assessed', vendor: 'n', roundId: 'r', decision: 'approved-with-conditions', counts: {fail: 0, warn: 0, error: 0, 'not-assessed': 0, pass: 0, 'not-applicable': 0}, failsGate: false, durationMs: 1, report: 'x'})).toBe('!')
    expect(r.stdout).toMatch(/nothing\s+CANNOT DECIDE YET/)
    const gated = await runCli(['run', '--all', '--restart', '--fail-on', 'critical'], {cwd: ws, timeoutMs: 120_000, env: {CI: 'true'}})
    expect(gated.code, gated.stderr).toBe(3)
  }, 240_000)
})
