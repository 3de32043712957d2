import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {answersFor, demoAnswers} from '../helpers/quarter-workspace.js'
import {tempDir} from '../helpers/tmp.js'

// scanvet.yaml `policy` through the real CLI: the practice's limit decides the finding and the record says which
// limits were in force; a bad entry is refused at scanvet.yaml:line:col before any probe, nothing written.
describe('practice policy in scanvet.yaml', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')
  const config = path.join(ws, 'scanvet.yaml')
  const rounds = path.join(ws, 'vendors', 'acme', 'assessments')

  it('a stricter restore limit turns the vendor’s 48 hours into a failure, and the round records the policy', async () => {
    expect((await runCli(['init', ws, '--org', 'Harbour Point Imaging'])).code).toBe(0)
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'https://127.0.0.1:1', '--jurisdiction', 'US'], {cwd: ws})).code).toBe(0)
    const answers = path.join(root, 'answers.yaml')
    writeFileSync(answers, answersFor('acme', await demoAnswers({'breach.restore-time': 'PT48H'})))
    const imp = await runCli(['questionnaire', 'import', 'acme', answers], {cwd: ws})
    expect(imp.code, imp.stderr).toBe(0)
    const first = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(first.code, first.stderr).toBe(0)
    const a = JSON.parse(readFileSync(JSON.parse(first.stdout).assessment, 'utf8'))
    expect(a.findings.find((f: {ruleId: string}) => f.ruleId === 'breach.restore-time').status).toBe('pass')
    expect(a.questionnaire.policy).toBeUndefined()

    writeFileSync(config, `${readFileSync(config, 'utf8')}\n# Our own limits (no binding rule sets these).\npolicy:\n  breach.restore-time: PT24H\n  access.mfa-staff: off\n`)
    const second = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(second.code, second.stderr).toBe(0)
    const b = JSON.parse(readFileSync(JSON.parse(second.stdout).assessment, 'utf8'))
    expect(b.findings.find((f: {ruleId: string}) => f.ruleId === 'breach.restore-time')).toMatchObject({
      status: 'fail',
      basis: 'practice-policy',
      message: 'The vendor answered: 48 hours. Your practice’s limit: at most 24 hours.',
      remediation: expect.stringContaining('within 24 hours'),
    })
    expect(b.questionnaire.policy).toEqual({'breach.restore-time': 'PT24H', 'access.mfa-staff': 'off'})
  }, 240_000)

  it('a binding rule in the policy is refused at its line, exit 2, before any probe; no round is written', async () => {
    const before = readdirSync(rounds).length
    writeFileSync(config, readFileSync(config, 'utf8').replace('  access.mfa-staff: off\n', '  access.mfa-staff: off\n  retention.images-period: P1Y\n'))
    const lines = readFileSync(config, 'utf8').split('\n')
    const line = lines.findIndex((l) => l.startsWith('  retention.images-period')) + 1
    const r = await runCli(['assess', 'acme'], {cwd: ws, timeoutMs: 60_000})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`scanvet\\.yaml:${line}:3: policy: 'retention\\.images-period' is judged against a binding rule`))
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(rounds).length).toBe(before)
  }, 120_000)
})
