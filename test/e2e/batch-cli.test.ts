import {spawn} from 'node:child_process'
import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {journalPath} from '../../src/batch/journal.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {listRounds} from '../../src/workspace/history.js'
import {initWorkspace} from '../../src/workspace/init-workspace.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {BIN, runCli} from '../helpers/cli.js'
import {demoAnswers, writeVendor, answersFor} from '../helpers/quarter-workspace.js'
import {tempDir} from '../helpers/tmp.js'

describe('scanvet run, history, diff and status from the command line (no terminal, no prompt)', () => {
  const root = tempDir('scanvet-batch-cli-')
  let server: DemoVendor
  const cli = (args: string[], timeoutMs = 60_000) => runCli(args, {cwd: root, timeoutMs})
  const rounds = (id: string) => listRounds(path.join(root, 'vendors', id))

  beforeAll(async () => {
    await initWorkspace({dir: root, organisation: 'CLI Test Practice'})
    const ws = await loadWorkspace({cwd: root, workspace: root})
    server = await startDemoVendor()
    await writeVendor(ws, 'keys-with-data', {port: server.port, caPem: server.caPem, answers: await demoAnswers({'at-rest.key-management': 'with-data'})})
    await writeVendor(ws, 'steady', {port: server.port, caPem: server.caPem, answers: await demoAnswers({})})
    await writeVendor(ws, 'third', {port: server.port, caPem: server.caPem, answers: await demoAnswers({})})
  })

  afterAll(async () => {
    await server.close()
  })

  it('rejects a bad selection with exit 2 and writes nothing', async () => {
    for (const args of [['run', 'no-such-vendor'], ['run', '--all', 'steady']]) {
      const r = await cli(args)
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/) // no stack trace
    }
    expect((await cli(['run', 'no-such-vendor'])).stderr).toContain("no vendor 'no-such-vendor'")
    for (const id of ['keys-with-data', 'steady', 'third']) expect(await rounds(id)).toEqual([])
  })

  it('run --all --json: JSON on stdout, plain progress lines on stderr, a round per vendor', async () => {
    const r = await cli(['run', '--all', '--json'])
    // These fixture vendors have no signed BAA/DPA on file (the contract clause audit, issue 17, reads those), so
    // the truthful verdict is CANNOT DECIDE YET and `run` exits 4 (docs/report.md, exit codes).
    expect(r.code, r.stderr).toBe(4)
    const out = JSON.parse(r.stdout)
    expect(out.outcomes.map((o: {vendor: string; status: string}) => [o.vendor, o.status])).toEqual([
      ['keys-with-data', 'assessed'],
      ['steady', 'assessed'],
      ['third', 'assessed'],
    ])
    expect(out.summary).toMatchObject({assessed: 3, errors: 0})
    expect(r.stderr).toMatch(/^3 of 3 vendor\(s\) to assess$/m)
    expect(r.stderr.match(/^\[\d\/3\] \S+: CANNOT DECIDE YET/gm)).toHaveLength(3)
    expect(r.stderr).not.toContain('\x1b[') // no live display without a terminal
  })

  it('--fail-on exits 3 when a finding at that severity fails, and the human summary is a table', async () => {
    const r = await cli(['run', 'keys-with-data', 'steady', '--fail-on', 'medium'])
    expect(r.code, r.stderr).toBe(3)
    expect(r.stdout).toMatch(/^VENDOR +VERDICT +FAIL +WARN +ROUND$/m)
    // Key management kept with the data (medium) and no stapled OCSP response from the demo server (low).
    expect(r.stdout).toMatch(/^keys-with-data +CANNOT DECIDE YET +2 +\d+ +\d{4}-\d{2}-\d{2}-2$/m)
    expect(r.stdout).toContain('2 assessed, 0 done earlier, 0 not due, 0 error(s).')
    // CANNOT DECIDE YET fails --fail-on at every severity.
    expect((await cli(['run', 'steady', '--fail-on', 'medium'])).code).toBe(3)
  })

  it('run on its own assesses only what is due: here nothing, all three were just assessed', async () => {
    for (const args of [['run', '--json'], ['run', '--due', '--json'], ['run', '--all', '--due', '--json']]) {
      const r = await cli(args)
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).outcomes.map((o: {status: string}) => o.status)).toEqual(['not-due', 'not-due', 'not-due'])
    }
  })

  it('Ctrl-C stops starting vendors, exits 130, and the next run assesses only those left', async () => {
    const before = await Promise.all(['keys-with-data', 'steady', 'third'].map(rounds))
    const child = spawn(process.execPath, [BIN, 'run', '--all', '--concurrency', '1', '--json'], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (/^\[1\/3\]/m.test(stderr) && !child.killed) child.kill('SIGINT')
      })
      child.on('close', (c) => resolve(c))
    })
    expect(code, stderr).toBe(130)
    const out = JSON.parse(stdout)
    expect(out.interrupted).toBe(true)
    const assessed = out.outcomes.filter((o: {status: string}) => o.status === 'assessed').map((o: {vendor: string}) => o.vendor)
    expect(assessed.length).toBeGreaterThanOrEqual(1)
    expect(assessed.length).toBeLessThan(3)
    expect(existsSync(journalPath(root))).toBe(true)

    const resume = await cli(['run', '--all', '--json'])
    expect(resume.code, resume.stderr).toBe(4)
    const r2 = JSON.parse(resume.stdout)
    expect(resume.stderr).toMatch(/^Resuming the run interrupted at .*: \d of 3 vendor\(s\) to assess$/m)
    expect(r2.outcomes.filter((o: {status: string}) => o.status === 'done-earlier').map((o: {vendor: string}) => o.vendor)).toEqual(assessed)
    const after = await Promise.all(['keys-with-data', 'steady', 'third'].map(rounds))
    for (const [i, r] of after.entries()) expect(r.length).toBe(before[i]!.length + 1)
    expect(existsSync(journalPath(root))).toBe(false)
  })

  it('history lists rounds with verdicts and verifies the chain; a rewritten round exits 1 and is named', async () => {
    const ok = await cli(['history', 'steady'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/^\d{4}-\d{2}-\d{2}-1 +cannot decide +first round +not signed$/m)
    expect(ok.stdout).toMatch(/^\d{4}-\d{2}-\d{2}-2 +cannot decide +chain ok +not signed$/m)
    expect(ok.stdout).toContain('The history of steady verifies')
    const json = JSON.parse((await cli(['history', 'third', '--json'])).stdout)
    expect(json.ok).toBe(true)

    const [first] = await rounds('third')
    const file = path.join(root, 'vendors', 'third', 'assessments', first!, 'assessment.json')
    await fs.appendFile(file, ' ')
    const bad = await cli(['history', 'third'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('The history does NOT verify:')
    expect(bad.stdout).toMatch(new RegExp(`round ${first} was changed after this round was written`))
  })

  it('diff shows the rounds compared and what changed; bad round ids exit 2 listing the rounds', async () => {
    const earlier = await rounds('keys-with-data')
    const [r1, r2] = earlier.slice(-2)
    await fs.writeFile(path.join(root, 'vendors', 'keys-with-data', 'answers.yaml'), answersFor('keys-with-data', await demoAnswers({})))
    expect((await cli(['run', 'keys-with-data'])).code).toBe(4)
    const r3 = (await rounds('keys-with-data')).at(-1)!
    const d = JSON.parse((await cli(['diff', 'keys-with-data', '--json'])).stdout)
    expect(d.from.id).toBe(r2)
    expect(d.to.id).toBe(r3)
    expect(d.findings.filter((f: {kind: string}) => f.kind !== 'unchanged')).toEqual([expect.objectContaining({kind: 'fixed', ruleId: 'at-rest.key-management', from: 'fail', to: 'pass'})])
    const human = await cli(['diff', 'keys-with-data'])
    expect(human.stdout).toContain(`keys-with-data: ${r2} → ${r3}`)
    expect(human.stdout).toMatch(/FIXED +medium +.*fail → pass/)
    expect(human.stdout).toMatch(/CHANGED +at-rest\.key-management: with-data → cloud-kms/)
    expect(JSON.parse((await cli(['diff', 'keys-with-data', r1!, r2!, '--json'])).stdout).counts.new).toBe(0)
    const missing = await cli(['diff', 'keys-with-data', 'nope'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`Its assessments: ${[...earlier, r3].join(', ')}`)
  })

  it('status lists every vendor with its next due date and writes a calendar atomically', async () => {
    const ics = path.join(root, 'out', 'reviews.ics')
    const r = await cli(['status', '--ics', ics, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(s.vendors.map((v: {id: string; due: string}) => [v.id, v.due])).toEqual([
      ['keys-with-data', 'not-due'],
      ['steady', 'not-due'],
      ['third', 'not-due'],
    ])
    const text = await fs.readFile(ics, 'utf8')
    // A due date per vendor, and each demo certificate (90 days) ends within the 90-day horizon.
    // Plus one event per due date of the open conditions.
    const conditionEvents = text.match(/^CATEGORIES:Condition due\r$/gm)?.length ?? 0
    expect(conditionEvents).toBeGreaterThan(0)
    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(6 + conditionEvents)
    expect(text.match(/^SUMMARY:Reassess /gm)).toHaveLength(3)
    expect(text.match(/^SUMMARY:TLS certificate of /gm)).toHaveLength(3)
    expect((await fs.readdir(path.dirname(ics))).filter((n) => n.endsWith('.tmp'))).toEqual([])
    const human = await cli(['status', '--within', '3650'])
    expect(human.stdout).toMatch(/^steady +\d{4}-\d{2}-\d{2}-\d +cannot decide +next due \d{4}-\d{2}-\d{2}$/m)
    expect(human.stdout).toMatch(/^ +expires \d{4}-\d{2}-\d{2} +TLS certificate of https:\/\/127\.0\.0\.1:\d+\/v1 \(\d+ days\)$/m)
  })

  it('with --all, a broken vendor profile is reported with its location and the others still run (exit 1)', async () => {
    const dir = path.join(root, 'vendors', 'broken')
    await fs.mkdir(dir, {recursive: true})
    await fs.writeFile(path.join(dir, 'vendor.yaml'), 'id: broken\nname: Broken\nservice: x\njurisdictions: [US]\nendpoints:\n  - url: ftp://nope\n    role: api\n')
    try {
      const r = await cli(['run', '--json'])
      expect(r.code, r.stderr).toBe(1)
      const out = JSON.parse(r.stdout)
      expect(out.outcomes.map((o: {vendor: string; status: string}) => [o.vendor, o.status])).toEqual([
        ['broken', 'error'],
        ['keys-with-data', 'not-due'],
        ['steady', 'not-due'],
        ['third', 'not-due'],
      ])
      expect(out.outcomes[0].message).toMatch(/vendor\.yaml:6:\d+: /)
    } finally {
      await fs.rm(dir, {recursive: true})
    }
  })
})
