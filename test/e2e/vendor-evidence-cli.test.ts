import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// `vendor evidence add|list|remove` through the real CLI: the file is copied and hashed, the profile keeps its
// comments, bad input is refused with nothing written, and the next `assess` judges the added agreement.
describe('scanvet vendor evidence', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')
  const profile = () => readFileSync(path.join(ws, 'vendors', 'acme', 'vendor.yaml'), 'utf8')

  it('add copies a BAA into the vendor folder, hashes it, reads its clauses; the same file again changes nothing', async () => {
    expect((await runCli(['init', ws, '--org', 'Harbour Point Imaging'])).code).toBe(0)
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'https://127.0.0.1:1', '--jurisdiction', 'US'], {cwd: ws})).code).toBe(0)
    const commentsBefore = profile().split('\n').filter((l) => l.startsWith('#')).length
    const baa = path.join(ROOT, 'templates', 'demo', 'baa.txt')
    const r = await runCli(['vendor', 'evidence', 'add', 'acme', 'baa', baa, '--expires', '2027-06-30', '--json'], {cwd: ws})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({status: 'added', entry: {kind: 'baa', path: 'documents/baa.txt', expires: '2027-06-30'}, agreement: {status: 'pass'}, sha256: expect.stringMatching(/^[0-9a-f]{64}$/)})
    expect(readFileSync(path.join(ws, 'vendors', 'acme', 'documents', 'baa.txt'))).toEqual(readFileSync(baa))
    expect(profile().split('\n').filter((l) => l.startsWith('#')).length).toBe(commentsBefore)
    const again = await runCli(['vendor', 'evidence', 'add', 'acme', 'baa', baa], {cwd: ws})
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('already lists baa documents/baa.txt; nothing changed')
    expect(profile().match(/kind: baa/g)).toHaveLength(1)
  }, 60_000)

  it('an unsigned agreement is flagged at once; list shows every document with its hash', async () => {
    const unsigned = path.join(root, 'unsigned-dpa.txt')
    writeFileSync(unsigned, readFileSync(path.join(ROOT, 'templates', 'demo', 'dpa.txt'), 'utf8').replace(/^By: \/s\/ .*$/gm, 'By: ____________'))
    const r = await runCli(['vendor', 'evidence', 'add', 'acme', 'dpa', unsigned], {cwd: ws})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Clause audit: FAIL: .*not signed/)
    const list = await runCli(['vendor', 'evidence', 'list', 'acme'], {cwd: ws})
    expect(list.stdout).toMatch(/^baa +documents\/baa\.txt {2}\(valid until 2027-06-30\)$/m)
    expect(list.stdout).toMatch(/^dpa +documents\/unsigned-dpa\.txt$/m)
    expect(list.stdout.match(/SHA-256 [0-9a-f]{64}/g)).toHaveLength(2)
  }, 60_000)

  it('bad input: a missing file, plain http, a wrong date, an unknown kind; exit 2, no stack trace, nothing written', async () => {
    const before = profile()
    for (const [args, why] of [
      [['baa', path.join(root, 'nope.pdf')], /nope\.pdf: no such file/],
      [['policy', 'http://trust.example/p.pdf'], /must be https:\/\//],
      [['baa', path.join(ROOT, 'templates', 'demo', 'dpa.txt'), '--expires', '2027-13-45'], /--expires 2027-13-45: not a calendar date/],
      [['contract', path.join(ROOT, 'templates', 'demo', 'dpa.txt')], /Expected contract to be one of|baa/],
    ] as const) {
      const r = await runCli(['vendor', 'evidence', 'add', 'acme', ...args], {cwd: ws})
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(why)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    expect(profile()).toBe(before)
    expect(existsSync(path.join(ws, 'vendors', 'acme', 'documents', 'dpa.txt'))).toBe(false)
  }, 60_000)

  it('assess judges the listed BAA (its gate opens); remove takes it off the list and the gate closes again', async () => {
    const first = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(first.code, first.stderr).toBe(0)
    const a = JSON.parse(readFileSync(JSON.parse(first.stdout).assessment, 'utf8'))
    expect(a.verdict.gates).toEqual([expect.objectContaining({id: 'baa', status: 'met'})])
    const rm = await runCli(['vendor', 'evidence', 'remove', 'acme', 'documents/baa.txt'], {cwd: ws})
    expect(rm.code, rm.stderr).toBe(0)
    expect(existsSync(path.join(ws, 'vendors', 'acme', 'documents', 'baa.txt'))).toBe(true)
    const second = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    const b = JSON.parse(readFileSync(JSON.parse(second.stdout).assessment, 'utf8'))
    expect(b.verdict.gates).toEqual([expect.objectContaining({id: 'baa', status: 'no-evidence'})])
    const unknown = await runCli(['vendor', 'evidence', 'remove', 'acme', 'documents/baa.txt'], {cwd: ws})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/acme lists no evidence 'documents\/baa\.txt' \(it lists: documents\/unsigned-dpa\.txt\)/)
  }, 240_000)
})
